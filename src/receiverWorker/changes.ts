// The store's changes as the receiver worker tells the host: coalesced, and at most one batch per MIN_GAP_MS
// while spans keep arriving. Each batch carries the summaries of the traces that changed, and a summary maps its
// whole trace: a sender batching 512 spans a request into a 100,000-span trace would otherwise map it ~200 times.
// The first change after a quiet spell goes out at once. Pure: the post is the caller's.
import type { LocalTraceStore, LocalTraceSummary, StoreChange } from '../receiver/traceStore';

export const MIN_GAP_MS = 200;

export interface ChangeBatch {
  summaries: LocalTraceSummary[];
  removed: string[];
  cleared: boolean;
}

export class ChangeBatcher {
  private readonly changed = new Set<string>();
  private readonly removed = new Set<string>();
  private cleared = false;
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private last = -Infinity;

  constructor(
    private readonly store: LocalTraceStore,
    private readonly post: (batch: ChangeBatch) => void,
    private readonly gapMs = MIN_GAP_MS,
  ) {}

  note(e: StoreChange): void {
    if (e.cleared) {
      this.changed.clear();
      this.removed.clear();
      this.cleared = true;
    }
    // Cleared: the host drops its whole list; naming each id again is not needed.
    for (const id of e.cleared ? [] : e.removed) {
      this.changed.delete(id);
      this.removed.add(id);
    }
    for (const id of e.changed) {
      this.removed.delete(id);
      this.changed.add(id);
    }
    this.schedule();
  }

  /** Something else the batch reports changed (the request counts). */
  schedule(): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), Math.max(0, this.last + this.gapMs - performance.now()));
  }

  /** Posts what is pending now (also before the worker says the journal was restored). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty) return;
    this.dirty = false;
    const summaries: LocalTraceSummary[] = [];
    for (const id of this.changed) {
      const s = this.store.summary(id);
      if (s) summaries.push(s);
    }
    const batch = { summaries, removed: [...this.removed], cleared: this.cleared };
    this.changed.clear();
    this.removed.clear();
    this.cleared = false;
    this.post(batch);
    // The gap counts from the end of the mapping: a long one leaves the worker time to receive.
    this.last = performance.now();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
