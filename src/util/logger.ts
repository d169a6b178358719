import type { Redactor } from './redact';

/** The part of vscode.LogOutputChannel the logger needs; keeps this module free of `vscode`. */
export interface LogSink {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

/** A component logger: prefixes `[component]` and redacts every line before it reaches the sink. */
export class Logger {
  constructor(
    private readonly sink: LogSink,
    private readonly redactor: Redactor,
    private readonly component?: string,
  ) {}

  child(component: string): Logger {
    return new Logger(this.sink, this.redactor, component);
  }

  log(level: LogLevel, message: string, error?: unknown): void {
    const prefix = this.component ? `[${this.component}] ` : '';
    const suffix = error === undefined ? '' : ` ${describeError(error)}`;
    this.sink[level](this.redactor.redact(prefix + message + suffix));
  }

  trace(message: string): void { this.log('trace', message); }
  debug(message: string): void { this.log('debug', message); }
  info(message: string): void { this.log('info', message); }
  warn(message: string, error?: unknown): void { this.log('warn', message, error); }
  error(message: string, error?: unknown): void { this.log('error', message, error); }
}

function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
