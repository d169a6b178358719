import * as vscode from 'vscode';
import { FILTERS_KEY as KEY } from '../stateKeys';
import { isEmptyFilter, parseStoredFilter, type RecordFilter } from './filters';

/** Per-agent record filters, persisted in global state so they survive reloads. */
export class FilterStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<string | undefined>();
  /** Fires with the agent key that changed, or undefined when all changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly state: vscode.Memento) {}

  static key(connectionId: string, agentId: string): string {
    return `${connectionId}|${agentId}`;
  }

  static parseKey(key: string): { connectionId: string; agentId: string } {
    const i = key.indexOf('|');
    return { connectionId: key.slice(0, i), agentId: key.slice(i + 1) };
  }

  private all(): Record<string, unknown> {
    const v = this.state.get<Record<string, unknown>>(KEY);
    return v && typeof v === 'object' ? v : {};
  }

  get(key: string): RecordFilter | undefined {
    return parseStoredFilter(this.all()[key]);
  }

  filteredKeys(): string[] {
    return Object.keys(this.all()).filter((k) => this.get(k));
  }

  async set(key: string, filter: RecordFilter | undefined): Promise<void> {
    const next = { ...this.all() };
    if (isEmptyFilter(filter)) delete next[key];
    else next[key] = filter;
    await this.state.update(KEY, next);
    this.changed.fire(key);
  }

  async clearAll(): Promise<void> {
    await this.state.update(KEY, {});
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
