// The local receiver's traces: spans grouped by trace id as they arrive (one trace's spans may come in many
// requests), bounded in the number of traces (least recently updated dropped first) and spans per trace.
// Mapping to the model is lazy and cached per trace until it changes, so a burst of requests costs one
// mapping when someone looks. No `vscode`: the extension listens to `onDidChange`.
import { errorCount, traceFromGroup } from '../model/otlp';
import { withLogEvents } from '../model/otlpLogs';
import type { OtlpLogEvent } from '../model/otlpLogs';
import type { OtlpEvent, OtlpSpan } from '../model/otlpRead';
import type { StepStatus, Trace } from '../model/types';

export interface LocalTraceSummary {
  traceId: string;
  /** The trace's title: agent name, else its root span's name. */
  name: string;
  spanCount: number;
  start: number;
  /** Undefined while a root span is open. */
  end: number | undefined;
  status: StepStatus;
  /** Spans with an error anywhere in the trace. */
  errorCount: number;
  /** Input + output + thinking tokens. */
  tokens: number;
  /** When the last span arrived (Unix ms). */
  updatedAt: number;
}

export interface StoreChange {
  changed: string[];
  removed: string[];
  /** Everything was removed by clear() (the on-disk journal is deleted too). */
  cleared?: boolean;
}

/** What the store accepted in one call, for the journal that keeps it on disk (see traceJournal.ts). */
export interface StoreBatch {
  at: number;
  spans?: OtlpSpan[];
  logEvents?: OtlpLogEvent[];
  bytes: number;
}

/** One held trace's content, for rewriting the journal (compaction). */
export interface HeldTrace {
  traceId: string;
  updatedAt: number;
  spans: OtlpSpan[];
  logEvents: OtlpLogEvent[];
}

interface Entry {
  spans: Map<string, OtlpSpan>;
  /** GenAI events that came as log records, by span id (the span may not have arrived yet). */
  logs: Map<string, OtlpEvent[]>;
  /** About how much memory the spans take: their share of the request bodies they came in. */
  bytes: number;
  updatedAt: number;
  trace: Trace | undefined;
  summary: LocalTraceSummary | undefined;
}

export const DEFAULT_MAX_SPANS_PER_TRACE = 100_000;
/** Traces are dropped, least recently updated first, while the spans held take more than this (bodies, roughly). */
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
/** Log events held for traces none of whose spans has arrived yet; past this, the oldest traces' are dropped. */
export const MAX_PENDING_LOG_EVENTS = 100_000;

export class LocalTraceStore {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<(e: StoreChange) => void>();
  private readonly acceptors = new Set<(b: StoreBatch) => void>();
  private bytes = 0;
  /** Log events of traces without spans yet, oldest trace first. */
  private readonly pending = new Map<string, { events: OtlpLogEvent[]; bytes: number }>();
  private pendingCount = 0;

  constructor(
    private maxTraces: number,
    private readonly maxSpansPerTrace = DEFAULT_MAX_SPANS_PER_TRACE,
    private readonly now: () => number = Date.now,
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  onDidChange(listener: (e: StoreChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Called with what each add() / addLogEvents() accepted (not with what a journal replays: `quiet`). */
  onDidAccept(listener: (b: StoreBatch) => void): { dispose(): void } {
    this.acceptors.add(listener);
    return { dispose: () => this.acceptors.delete(listener) };
  }

  private accepted(b: StoreBatch, quiet: boolean): void {
    if (quiet) return;
    for (const l of [...this.acceptors]) {
      try {
        l(b);
      } catch {
        // The journal's failure is its own (it logs); receiving carries on.
      }
    }
  }

  /** Every held trace's spans and log events, least recently updated first. */
  held(): HeldTrace[] {
    return [...this.entries].map(([traceId, e]) => ({
      traceId, updatedAt: e.updatedAt, spans: [...e.spans.values()],
      logEvents: [...e.logs].flatMap(([spanId, list]) => list.map((event) => ({ traceId, spanId, event }))),
    }));
  }

  private emit(e: StoreChange): void {
    if (e.changed.length === 0 && e.removed.length === 0 && !e.cleared) return;
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure is its own; the store and the receiver carry on.
      }
    }
  }

  /**
   * Adds spans (a span id seen before replaces the earlier copy); returns how many were rejected for the bound.
   * `bytes`: the size of the body they came in, which bounds the memory kept (see DEFAULT_MAX_BYTES).
   */
  add(spans: readonly OtlpSpan[], bytes = 0, opts: { at?: number; quiet?: boolean } = {}): { accepted: number; rejected: number } {
    const perSpan = spans.length > 0 ? bytes / spans.length : 0;
    const changed = new Set<string>();
    const taken: OtlpSpan[] = [];
    let accepted = 0;
    let rejected = 0;
    const at = opts.at ?? this.now();
    // A batch is mostly one trace's spans in a row: the entry of the span before is already the most recent
    // (re-inserting it again would change nothing), so the per-trace bookkeeping runs once per run of spans.
    let lastId: string | undefined;
    let e: Entry | undefined;
    /** Whether a span of the current run was accepted (a rejected span does not count as an update). */
    let touched = false;
    for (const s of spans) {
      if (s.traceId !== lastId || !e) {
        e = this.entries.get(s.traceId);
        if (e) this.entries.delete(s.traceId);
        else e = this.newEntry(s.traceId, at);
        // Re-inserted: Map order is least recently updated first, which is the order traces are dropped in.
        this.entries.set(s.traceId, e);
        lastId = s.traceId;
        touched = false;
      }
      const known = e.spans.has(s.spanId);
      if (!known && e.spans.size >= this.maxSpansPerTrace) {
        rejected++;
        continue;
      }
      if (!known) {
        e.bytes += perSpan;
        this.bytes += perSpan;
      }
      e.spans.set(s.spanId, s);
      if (!touched) {
        e.updatedAt = at;
        e.trace = undefined;
        e.summary = undefined;
        changed.add(s.traceId);
        touched = true;
      }
      taken.push(s);
      accepted++;
    }
    if (taken.length > 0) this.accepted({ at, spans: taken, bytes: perSpan * taken.length }, opts.quiet ?? false);
    const removed = this.trim();
    for (const id of removed) changed.delete(id);
    this.emit({ changed: [...changed], removed });
    return { accepted, rejected };
  }

  private newEntry(traceId: string, at: number): Entry {
    const e: Entry = { spans: new Map(), logs: new Map(), bytes: 0, updatedAt: at, trace: undefined, summary: undefined };
    const waiting = this.pending.get(traceId);
    if (waiting) {
      this.pending.delete(traceId);
      this.pendingCount -= waiting.events.length;
      for (const ev of waiting.events) pushLog(e, ev);
      e.bytes += waiting.bytes;
      this.bytes += waiting.bytes;
    }
    return e;
  }

  /**
   * Adds GenAI events from log records: to their trace when it is held (the span may still be to come), else kept
   * until the trace's first span arrives (bounded: MAX_PENDING_LOG_EVENTS). `bytes`: the body they came in.
   */
  addLogEvents(events: readonly OtlpLogEvent[], bytes = 0, opts: { at?: number; quiet?: boolean } = {}): void {
    const per = events.length > 0 ? bytes / events.length : 0;
    const changed = new Set<string>();
    const at = opts.at ?? this.now();
    if (events.length > 0) this.accepted({ at, logEvents: [...events], bytes }, opts.quiet ?? false);
    for (const ev of events) {
      const e = this.entries.get(ev.traceId);
      if (e) {
        pushLog(e, ev);
        e.bytes += per;
        this.bytes += per;
        e.updatedAt = at;
        e.trace = undefined;
        e.summary = undefined;
        changed.add(ev.traceId);
        continue;
      }
      let p = this.pending.get(ev.traceId);
      if (!p) this.pending.set(ev.traceId, (p = { events: [], bytes: 0 }));
      p.events.push(ev);
      p.bytes += per;
      this.pendingCount++;
    }
    for (const [id, p] of this.pending) {
      if (this.pendingCount <= MAX_PENDING_LOG_EVENTS) break;
      this.pending.delete(id);
      this.pendingCount -= p.events.length;
    }
    const removed = this.trim();
    for (const id of removed) changed.delete(id);
    this.emit({ changed: [...changed], removed });
  }

  private trim(): string[] {
    const removed: string[] = [];
    for (const [id, e] of this.entries) {
      const left = this.entries.size - removed.length;
      // Always keep the most recent trace, however large.
      if (left <= 1 || (left <= this.maxTraces && this.bytes <= this.maxBytes)) break;
      removed.push(id);
      this.bytes -= e.bytes;
    }
    for (const id of removed) this.entries.delete(id);
    return removed;
  }

  setMaxTraces(n: number): void {
    this.maxTraces = Math.max(1, Math.floor(n));
    this.emit({ changed: [], removed: this.trim() });
  }

  has(traceId: string): boolean {
    return this.entries.has(traceId);
  }

  /** How many spans of the trace are held (undefined when unknown or dropped); mapping nothing. */
  spanCount(traceId: string): number | undefined {
    return this.entries.get(traceId)?.spans.size;
  }

  /** The trace mapped to the model (cached until more spans arrive); undefined when unknown or dropped. */
  get(traceId: string): Trace | undefined {
    const e = this.entries.get(traceId);
    if (!e) return undefined;
    if (!e.trace) {
      const spans = [...e.spans.values()];
      // Log events are rare: without any, the spans are mapped as they are (no lookup per span).
      if (e.logs.size > 0) for (let i = 0; i < spans.length; i++) spans[i] = withLogEvents(spans[i]!, timeOrdered(e.logs.get(spans[i]!.spanId)));
      e.trace = traceFromGroup({ traceId, spans });
    }
    return e.trace;
  }

  summary(traceId: string): LocalTraceSummary | undefined {
    const e = this.entries.get(traceId);
    if (!e) return undefined;
    if (!e.summary) {
      // The mapping is kept: opening the trace next (what a new trace in the list is there for) takes it as it is.
      const t = this.get(traceId)!;
      e.summary = {
        traceId, name: t.title, spanCount: e.spans.size, start: t.start, end: t.end, status: t.status, errorCount: errorCount(t),
        tokens: t.tokens.input + t.tokens.output + t.tokens.thinking, updatedAt: e.updatedAt,
      };
    }
    return e.summary;
  }

  /** Newest first (by first span's start). */
  summaries(): LocalTraceSummary[] {
    return [...this.entries.keys()].map((id) => this.summary(id)!).sort((a, b) => b.start - a.start);
  }

  clear(): void {
    const removed = [...this.entries.keys()];
    this.entries.clear();
    this.pending.clear();
    this.pendingCount = 0;
    this.bytes = 0;
    this.emit({ changed: [], removed, cleared: true });
  }
}

function pushLog(e: Entry, ev: OtlpLogEvent): void {
  let list = e.logs.get(ev.spanId);
  if (!list) e.logs.set(ev.spanId, (list = []));
  list.push(ev.event);
}

/** Stable: records of one instant (an instrumentation stamps a prompt's messages alike) keep their order. */
function timeOrdered(list: OtlpEvent[] | undefined): OtlpEvent[] | undefined {
  return list && list.length > 1 ? [...list].sort((a, b) => a.time - b.time) : list;
}
