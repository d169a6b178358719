// Local traces kept across window reloads: an append-only journal of what the store accepted (one JSON line per
// batch of spans or log events, with the time it arrived), replayed into the store at start. Batches are buffered
// and written as lines at most FLUSH_MS after they arrive (not while the request is answered), so a crash loses at
// most about a second of spans. The journal is rewritten from what the store still holds (compaction) once it is
// much larger than that, so it stays within the store's own bounds; Clear Local Traces deletes it. A torn last
// line (a crash mid-write) is skipped on replay.
// No `vscode`: the extension passes the folder (its global storage) and a log function.
import { appendFileSync, createReadStream, mkdirSync } from 'node:fs';
import { appendFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { LocalTraceStore, StoreBatch } from './traceStore';
import { plural } from '../shared/text';

export const JOURNAL_FILE = 'local-traces.jsonl';
export const FLUSH_MS = 1000;
/** Compact when the file is larger than the lines of traces still held by this factor, plus some slack. */
const COMPACT_FACTOR = 2;
const COMPACT_SLACK = 4 * 1024 * 1024;

type Line = { at: number; s?: unknown[]; l?: unknown[] };

export interface JournalStats {
  /** Lines replayed at load, and those that could not be read (skipped). */
  loadedLines: number;
  badLines: number;
}

export class TraceJournal {
  private readonly file: string;
  /** Batches accepted since the last write: turned into lines when written, not while a request is answered. */
  private buffer: Line[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Every write (append, compaction, delete) runs after the one before: no interleaving. */
  private chain: Promise<void> = Promise.resolve();
  private fileBytes = 0;
  /** Journal bytes of each held trace's lines (a line of several traces is shared by span count). */
  private readonly liveBytes = new Map<string, number>();
  private live = 0;
  private loading = false;
  private disposed = false;
  private readonly subs: Array<{ dispose(): void }>;

  constructor(
    readonly folder: string,
    private readonly store: LocalTraceStore,
    private readonly log: (level: 'warn' | 'info', message: string) => void = () => undefined,
    private readonly flushMs = FLUSH_MS,
  ) {
    this.file = join(folder, JOURNAL_FILE);
    this.subs = [
      store.onDidAccept((b) => this.append(b)),
      store.onDidChange((e) => {
        if (e.cleared) this.clear();
        for (const id of e.removed) this.forget(id);
      }),
    ];
  }

  /** Replays the journal into the store (quietly: nothing is written back). Missing file = nothing kept yet. */
  async load(): Promise<JournalStats> {
    const stats: JournalStats = { loadedLines: 0, badLines: 0 };
    this.loading = true;
    try {
      // Line by line: the journal may be larger than one string can hold.
      const lines = createInterface({ input: createReadStream(this.file, { encoding: 'utf8' }), crlfDelay: Infinity });
      for await (const raw of lines) {
        this.fileBytes += Buffer.byteLength(raw) + 1;
        if (raw.trim() === '') continue;
        let line: Line;
        try {
          line = JSON.parse(raw) as Line;
        } catch {
          stats.badLines++;
          continue;
        }
        const bytes = raw.length;
        this.count(line, bytes + 1);
        const at = typeof line.at === 'number' ? line.at : undefined;
        if (Array.isArray(line.s)) this.store.add(line.s as Parameters<LocalTraceStore['add']>[0], bytes, { at, quiet: true });
        else if (Array.isArray(line.l)) this.store.addLogEvents(line.l as Parameters<LocalTraceStore['addLogEvents']>[0], bytes, { at, quiet: true });
        else {
          stats.badLines++;
          continue;
        }
        stats.loadedLines++;
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') this.log('warn', `local traces could not be read from ${this.file}: ${String(e)}`);
    } finally {
      this.loading = false;
    }
    // Traces the store's bounds dropped while replaying: their lines are no longer live.
    for (const id of [...this.liveBytes.keys()]) if (!this.store.has(id)) this.forget(id);
    if (stats.badLines > 0) this.log('warn', `local traces: ${plural(stats.badLines, 'unreadable line')} in ${this.file} skipped`);
    return stats;
  }

  private append(b: StoreBatch): void {
    if (this.loading || this.disposed) return;
    const line: Line = { at: b.at };
    if (b.spans) line.s = b.spans;
    if (b.logEvents) line.l = b.logEvents;
    this.buffer.push(line);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.flushMs);
  }

  /** The buffered batches as journal lines (counted for compaction), and the buffer emptied. */
  private lines(): string[] {
    const lines = this.buffer.map((line) => {
      const text = `${JSON.stringify(line)}\n`;
      // A trace dropped since its batch arrived is not live (forget() has passed it already).
      this.count(line, text.length, (id) => this.store.has(id));
      return text;
    });
    this.buffer = [];
    return lines;
  }

  /** Writes what is buffered now (and compacts when the file has grown well past what the store holds). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const lines = this.lines();
    return this.enqueue(async () => {
      if (lines.length > 0) {
        const text = lines.join('');
        await mkdir(this.folder, { recursive: true });
        await appendFile(this.file, text, 'utf8');
        this.fileBytes += Buffer.byteLength(text);
      }
      if (this.fileBytes > this.live * COMPACT_FACTOR + COMPACT_SLACK) await this.compactNow();
    });
  }

  /** Rewrites the journal from what the store holds (to a temporary file, then renamed over: never half-written). */
  compact(): Promise<void> {
    return this.enqueue(() => this.compactNow());
  }

  private async compactNow(): Promise<void> {
    const parts: string[] = [];
    this.liveBytes.clear();
    this.live = 0;
    for (const t of this.store.held()) {
      for (const line of [t.spans.length > 0 ? { at: t.updatedAt, s: t.spans } : undefined, t.logEvents.length > 0 ? { at: t.updatedAt, l: t.logEvents } : undefined]) {
        if (!line) continue;
        const text = `${JSON.stringify(line)}\n`;
        this.count(line, text.length);
        parts.push(text);
      }
    }
    const text = parts.join('');
    await mkdir(this.folder, { recursive: true });
    const tmp = `${this.file}.tmp`;
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, this.file);
    this.fileBytes = Buffer.byteLength(text);
  }

  /** Clear Local Traces: what is buffered is dropped and the file deleted. */
  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.buffer = [];
    this.liveBytes.clear();
    this.live = 0;
    void this.enqueue(async () => {
      await rm(this.file, { force: true });
      this.fileBytes = 0;
    });
  }

  /** Adds a line's bytes to the traces it holds, shared by how many of its spans or events each has. */
  private count(line: Line, bytes: number, held: (traceId: string) => boolean = () => true): void {
    const items = (line.s ?? line.l ?? []) as Array<{ traceId?: unknown }>;
    if (items.length === 0) return;
    const per = bytes / items.length;
    for (const it of items) {
      const id = typeof it.traceId === 'string' ? it.traceId : '';
      if (!held(id)) continue;
      this.liveBytes.set(id, (this.liveBytes.get(id) ?? 0) + per);
      this.live += per;
    }
  }

  private forget(traceId: string): void {
    const b = this.liveBytes.get(traceId);
    if (b === undefined) return;
    this.liveBytes.delete(traceId);
    this.live -= b;
  }

  /** Bytes on disk (for tests and the log). */
  async size(): Promise<number> {
    await this.chain;
    try {
      return (await stat(this.file)).size;
    } catch {
      return 0;
    }
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.chain.then(work).catch((e: unknown) => this.log('warn', `local traces could not be saved to ${this.file}: ${String(e)}`));
    this.chain = next;
    return next;
  }

  /** Window closing: what is still buffered is written synchronously (the host may not wait for a promise). */
  dispose(): void {
    this.disposed = true;
    for (const s of this.subs) s.dispose();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length > 0) {
      try {
        mkdirSync(this.folder, { recursive: true });
        appendFileSync(this.file, this.lines().join(''), 'utf8');
      } catch (e) {
        this.log('warn', `local traces could not be saved to ${this.file}: ${String(e)}`);
      }
      this.buffer = [];
    }
  }
}
