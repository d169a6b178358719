// What a trace worker runs for a job: the reading, parsing and mapping the host used to run for the source
// (the panel's loader and "Open Trace File…"), timed by phase. Pure Node (fs), no `vscode`.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { summarizeGroup, traceFromGroup, traceFromGroups, traceGroups, type OtlpGroup, type OtlpGroupSummary } from '../model/otlp';
import { otlpFileSpans } from '../model/otlpFile';
import { warmUp } from './warmUp';
import { detectTraceFile, parseTraceText, spansOfTraceFile, traceFromFile } from '../model/traceFile';
import type { Trace } from '../model/types';
import type { LoadTimings, TraceJob } from './protocol';

export interface JobResult {
  trace: Trace;
  running: boolean;
  timings: Omit<LoadTimings, 'outlineMs'>;
}

/**
 * A load through an API client, timed: all but the mapping counts as reading (the requests, and the parsing and
 * validation the client does as each answer arrives).
 */
export async function fetched(load: () => Promise<{ trace: Trace; running: boolean; mapMs: number }>): Promise<JobResult> {
  const t = performance.now();
  const { trace, running, mapMs } = await load();
  return { trace, running, timings: { readMs: performance.now() - t - mapMs, parseMs: null, mapMs } };
}

/** A file read and parsed, kept between a `choose` answer and the `load` with the person's pick. */
interface Parsed {
  path: string;
  json: unknown;
  /** Trace groups of a file made of spans (OTLP, Jaeger, Zipkin); undefined for Fruxon responses. */
  groups: OtlpGroup[] | undefined;
  readMs: number;
  parseMs: number;
  /** Reading the spans out of the JSON and grouping them by trace: part of the mapping. */
  groupMs: number;
}

type FileJob = Extract<TraceJob, { kind: 'file' }>;

/** Names parseTraceText reads as JSON Lines whatever their first line says. */
const JSON_LINES = /\.(jsonl|ndjson)$/i;

const mb = (bytes: number): string => (bytes >= 10 << 20 ? `${Math.round(bytes / (1 << 20))} MB` : `${(bytes / (1 << 20)).toFixed(1)} MB`);

export class FileLoader {
  private kept: Parsed | undefined;

  constructor(
    private readonly progress: (message: string) => void,
    /**
     * Smaller files are parsed whole: JSON.parse takes a few ms and leaves little garbage, while reading span by span
     * runs in code not yet optimized that early (~5 ms slower at 1 MB; ahead from ~1.5 MB, ~60 ms at 9 MB).
     */
    private readonly spanBySpanFrom = 1 << 20,
  ) {}

  /** Warms the worker for its first file (warmUp.ts); the worker calls it once, as it starts. */
  warmUp(): void {
    warmUp();
  }

  private async parsed(path: string): Promise<Parsed> {
    const kept = this.kept;
    this.kept = undefined;
    if (kept?.path === path) return kept;
    const name = basename(path);
    let t = performance.now();
    // In one go on this thread: the promise API reads in 512 KB pieces, each a round trip through the thread pool and
    // this thread's event loop (89 MB: ~60 ms quiet, 80–220 ms on a busy machine, against ~50 ms in one go). The
    // worker has nothing else to do meanwhile; closing the panel ends it once the read returns.
    const bytes = readFileSync(path);
    let readMs = performance.now() - t;
    this.progress(`Parsing ${name} (${mb(bytes.length)})…`);
    t = performance.now();
    // A plain OTLP/JSON trace (the usual file) is parsed span by span from its bytes, each span read as it is parsed
    // (see otlpFile.ts): equal to the whole-document path below, which takes every other file and words the errors.
    const fast = JSON_LINES.test(name) || bytes.length < this.spanBySpanFrom ? undefined : otlpFileSpans(bytes);
    if (fast) {
      const parseMs = performance.now() - t;
      t = performance.now();
      return { path, json: undefined, groups: traceGroups(fast), readMs, parseMs, groupMs: performance.now() - t };
    }
    const decodeStart = performance.now();
    const text = new TextDecoder().decode(bytes);
    const decodeMs = performance.now() - decodeStart;
    readMs += decodeMs;
    const json = parseTraceText(text, name);
    // Includes a fast path that gave up (a file of another kind), not the decoding.
    const parseMs = performance.now() - t - decodeMs;
    t = performance.now();
    const spans = spansOfTraceFile(detectTraceFile(json));
    const groups = spans ? traceGroups(spans) : undefined;
    return { path, json, groups, readMs, parseMs, groupMs: performance.now() - t };
  }

  /** The trace, or the traces to choose from (a job with `ask` on a file with several and no choice made). */
  async load(job: FileJob): Promise<JobResult | { choose: OtlpGroupSummary[] }> {
    const p = await this.parsed(job.path);
    const name = basename(job.path);
    const { groups } = p;
    if (job.ask && groups && groups.length > 1 && job.traceId === undefined && !job.all) {
      this.kept = p;
      // Several traces: these are groupSpans' groups (no repeated span ids), so the counts are right.
      return { choose: groups.map(summarizeGroup) };
    }
    this.progress(`Mapping ${name}…`);
    const t = performance.now();
    let trace: Trace;
    if (groups && groups.length > 0 && job.all) trace = traceFromGroups(groups, name);
    else if (groups && groups.length > 0 && job.traceId !== undefined) {
      const chosen = groups.find((g) => g.traceId === job.traceId);
      if (!chosen) throw new Error(`${name} has no trace ${job.traceId}.`);
      trace = traceFromGroup(chosen);
    } else if (groups && groups.length > 0) trace = traceFromGroups(groups);
    // Fruxon responses, and files without spans (traceFromFile says what they look like instead).
    else trace = traceFromFile(p.json, job.traceId !== undefined ? { traceId: job.traceId } : {});
    const mapMs = p.groupMs + performance.now() - t;
    return { trace, running: trace.end === undefined, timings: { readMs: p.readMs, parseMs: p.parseMs, mapMs } };
  }
}
