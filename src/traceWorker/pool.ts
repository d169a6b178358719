// One trace worker kept started ahead of the next click: starting a worker thread and loading its bundle takes
// 50–150 ms, which a spare pays before anyone waits (an idle worker holds ~10 MB). The owner warms the next spare
// when a load is done, so starting it never competes with the load it would speed up.
import type { SessionEffects } from '../model/traceSession';
import { WorkerTraceSession } from './client';

const NO_EFFECTS: SessionEffects = { copy: () => undefined, openLink: () => undefined };

export class TraceWorkerPool {
  private spare: WorkerTraceSession | undefined;
  private disposed = false;

  constructor(private readonly script: string) {}

  /** Starts the spare now (call when a trace is likely to be opened soon: the sidebar is showing records). */
  warm(): void {
    if (!this.disposed) this.spare ??= new WorkerTraceSession(this.script, NO_EFFECTS);
  }

  /** A started worker for one trace; the caller owns it (and disposes it with its panel). */
  take(effects: SessionEffects = NO_EFFECTS): WorkerTraceSession {
    const worker = this.spare ?? new WorkerTraceSession(this.script, effects);
    this.spare = undefined;
    worker.effects = effects;
    return worker;
  }

  dispose(): void {
    this.disposed = true;
    this.spare?.dispose();
    this.spare = undefined;
  }
}
