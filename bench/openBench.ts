// `npm run bench:open -- [--steps N | FILE] [--source otlp|fruxon|receiver|zaia] [--cold] [--no-page] [--cpu-prof OUT] [--query Q]`: click → first rows
// painted, through the code a click runs (bench/openSources.ts), with the real webview bundle in headless Chromium
// (bench/harness.ts). Prints one JSON line:
//   readMs       reading the file / the requests (for fruxon, zaia this includes JSON parse and validation, done
//                inside the client: parseMs/validateMs are then null); receiver: the protobuf body posted to the
//                receiver's worker until the host lists the trace (decoded, stored, summarized there), then its spans
//                handed to the trace worker
//   parseMs      files: the spans parsed and read one by one (otlpFileSpans), or parseTraceText for small or unusual
//                files     validateMs  separately timed validation (null: inside readMs/mapMs)
//   mapMs        traceFromFile / fromTraceWithFallback / traceFromNestings / the receiver store's get (0: the summary's mapping)
//   outlineMs    TraceSession.outline (toOutline)   postMs  JSON.stringify of the `trace` message (VS Code's postMessage)
//   firstPaintMs the page: message received → rows painted
//   totalMs      the host's work from the click to the post (read … postMs) + firstPaintMs; the bench's own transport of
//                the message into Chromium (Playwright, a 10–20 MB string) is not counted: VS Code sends it over IPC
//   longestHostBlockMs  max event-loop delay on the host thread from the read to the first paint (perf_hooks,
//                1 ms resolution); the simulator runs in a worker thread, so serving its responses does not count
//   hostHeapMB   host JS heap retained by the open trace (after GC, minus the heap before the load; needs --expose-gc)
//   scrollIntervalP95Ms  p95 of requestAnimationFrame frame-to-frame intervals while scrolling 2 s at 120 px a frame
//   searchMs     typing --query (default "refund shipping"): the slowest keystroke → results painted, median of 3
//                typings; answered by the worker that holds the trace, relayed by the host, as in the panel
//   workerHeapMB the trace worker's whole JS heap after a GC (the trace, its search index)
//   processRssMB the whole process's resident memory grown by the load (the worker's heap included)
//   load         os.loadavg()[0] when printed
// Every source loads in a trace worker (dist/traceWorker.js) as the panel loads it: readMs/parseMs/mapMs/outlineMs are the
// worker's, postMs is VS Code's serialization of the packed outline on the host (typed arrays cross as buffers).
// FILE is opened as the `file` source. Without FILE, `otlp` writes the simulator's N-span OTLP/JSON trace (GenAI
// attributes) to $TMPDIR once and opens it. --cpu-prof OUT writes a V8 CPU profile of the host thread from the read
// to the first paint (read it with bench/cpuProfileTop.ts or DevTools), and the trace
// worker's own profile (from its start to the end of the run) as OUT.worker.cpuprofile. Figures, not assertions; each load is cold.
import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { ROOT_CONTEXT, SpanKind, trace as otelTrace } from '@opentelemetry/api';
import { FruxonClient } from '../src/api/fruxon/client';
import { WorkerTraceSession } from '../src/traceWorker/client';
import type { TraceJob } from '../src/traceWorker/protocol';
import { LocalTraces } from '../src/receiverWorker/client';
import { captureBody, recordSpans } from '../test/unit/receiver/otelSdk';
import { Harness, pageJson, vscodeSerialize } from './harness';
import { sendToReceiver, startSender, type SimInfo } from './openSources';
import { median, round, withLoad } from './stats';

type Source = 'otlp' | 'fruxon' | 'receiver' | 'zaia';

interface Args { steps: number; file?: string; source: Source; page: boolean; cold: boolean; cpuProf?: string; query: string }

function parseArgs(argv: string[]): Args {
  const a: Args = { steps: 100_000, source: 'otlp', page: true, cold: false, query: 'refund shipping' };
  for (let i = 0; i < argv.length; i++) {
    const x = argv[i]!;
    if (x === '--steps') a.steps = Number(argv[++i]);
    else if (x === '--source') a.source = argv[++i] as Source;
    else if (x === '--no-page') a.page = false;
    else if (x === '--cold') a.cold = true;
    else if (x === '--cpu-prof') a.cpuProf = argv[++i];
    else if (x === '--query') a.query = argv[++i]!;
    else if (!x.startsWith('--')) a.file = x;
    else throw new Error(`Unknown option ${x}`);
  }
  if (!['otlp', 'fruxon', 'receiver', 'zaia'].includes(a.source)) throw new Error('--source is otlp, fruxon, receiver or zaia');
  if (!(a.steps > 0)) throw new Error('--steps needs a positive number');
  return a;
}

async function startSim(steps: number): Promise<{ info: SimInfo; stop: () => Promise<void> }> {
  const worker = new Worker(join(__dirname, 'openSim.js'), { workerData: { steps } });
  const info = await new Promise<SimInfo>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  return { info, stop: async () => void (await worker.terminate()) };
}

const otlpPath = (steps: number): string => join(tmpdir(), `agentlens-open-otlp-${steps}.json`);

async function otlpFile(steps: number, sim: SimInfo): Promise<string> {
  const path = otlpPath(steps);
  const client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey, timeoutMs: 300_000 });
  try {
    writeFileSync(path, JSON.stringify(await client.getOtlpTrace(sim.fruxon.agentId, sim.fruxon.recordId)));
  } finally {
    await client.close();
  }
  return path;
}

/**
 * The receiver as the extension runs it, in its worker (the shipped dist/receiverWorker.js), and the protobuf body
 * the SDK's exporter writes for one agent run of `steps` spans. `send` posts it and resolves once the host lists
 * the trace (Local Traces shows it): the click comes after that.
 */
async function receiverSetup(steps: number): Promise<{ send: () => Promise<number>; traceId: string; local: LocalTraces; stop: () => Promise<void> }> {
  const spans = await recordSpans((tracer) => {
    const root = tracer.startSpan('invoke_agent Bench', { attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'Bench' } }, ROOT_CONTEXT);
    const under = otelTrace.setSpan(ROOT_CONTEXT, root);
    for (let k = 1; k < steps; k++) {
      const s = tracer.startSpan(k % 3 ? 'chat gpt-4o' : 'execute_tool lookup_order', {
        kind: SpanKind.CLIENT,
        attributes: k % 3
          ? { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 100 + (k % 50), 'gen_ai.usage.output_tokens': 20 }
          : { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order', 'gen_ai.tool.call.arguments': `{"order":"A-${k}"}` },
      }, under);
      s.addEvent('gen_ai.user.message', { content: `question ${k}` });
      s.end();
    }
    root.end();
  });
  const body = await captureBody('protobuf', spans);
  // With its journal, as the extension runs it (in a folder of its own, removed after).
  const journalFolder = mkdtempSync(join(tmpdir(), 'agentlens-open-journal-'));
  const local = new LocalTraces(RECEIVER_WORKER, { maxTraces: 10, maxSpansPerTrace: Math.max(100_000, steps), journalFolder });
  await local.restored;
  await local.start(0, Math.max(32 << 20, body.length + 1));
  const traceId = spans[0]!.spanContext().traceId;
  const stop = async (): Promise<void> => {
    await local.close();
    rmSync(journalFolder, { recursive: true, force: true });
  };
  const post = await startSender(body);
  return { send: () => sendToReceiver(`${local.url!}/v1/traces`, post, local, traceId), traceId, local, stop };
}

/** Profiles the host thread from now until the returned function is called (only the load, not start-up). */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object): Promise<{ profile?: object }> =>
    new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as { profile?: object }))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 500 });
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    return profile!;
  };
}

/** The worker bundles the extension ships (`npm run bench:open` builds them). */
const WORKER = join(__dirname, '..', '..', 'dist', 'traceWorker.js');
const RECEIVER_WORKER = join(__dirname, '..', '..', 'dist', 'receiverWorker.js');
const effects = { copy: () => undefined, openLink: () => undefined };

const nul = (n: number | null): number | null => (n === null ? null : round(n));

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const cached = args.source === 'otlp' && existsSync(otlpPath(args.steps));
  const sim = args.file || args.source === 'receiver' || cached ? undefined : await startSim(args.steps);
  const recv = args.source === 'receiver' && !args.file ? await receiverSetup(args.steps) : undefined;
  const file = args.file ?? (args.source === 'otlp' ? (cached ? otlpPath(args.steps) : await otlpFile(args.steps, sim!.info)) : undefined);
  const h = args.page ? await Harness.start() : undefined;
  try {
    // The panel is open and waiting (`loading`) while the host loads, as after a click.
    if (h) {
      h.handler = (msg) => ((msg as { type?: string }).type === 'ready' ? [{ type: 'loading', message: 'Loading trace…' }] : []);
      await h.openPage();
    }
    gc();
    const heapBefore = process.memoryUsage().heapUsed;
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const profiler = args.cpuProf ? await startProfile() : undefined;
    // The panels keep a trace worker started ahead of the next open (src/traceWorker/pool.ts): the click takes it.
    // --cold starts none, as for the first trace opened right as AgentLens loads.
    // --cpu-prof also profiles the worker (from its start; written when it stops) into OUT's folder.
    const profDir = args.cpuProf ? mkdtempSync(join(tmpdir(), 'agentlens-worker-prof-')) : undefined;
    const startWorker = (): WorkerTraceSession => new WorkerTraceSession(WORKER, effects, profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : undefined);
    const spare = args.cold ? undefined : startWorker();
    await spare?.heapUsed();
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    // The receiver: the body is sent and the trace listed before the click (counted in readMs and totalMs).
    const sentMs = recv ? await recv.send() : 0;
    const delay2 = monitorEventLoopDelay({ resolution: 1 });
    // Every source loads in a trace worker, as the panel loads it (src/panels/tracePanel.ts loadSession).
    const job: TraceJob = file ? { kind: 'file', path: file }
      : args.source === 'fruxon' ? { kind: 'fruxon', client: { baseUrl: sim!.info.baseUrl, tenant: sim!.info.tenant, credential: sim!.info.apiKey, timeoutMs: 300_000 },
        agentId: sim!.info.fruxon.agentId, executionRecordId: sim!.info.fruxon.recordId }
        : args.source === 'zaia' ? { kind: 'zaia', client: { baseUrl: sim!.info.baseUrl, apiKey: sim!.info.zaiaApiKey, timeoutMs: 300_000 }, executionId: sim!.info.zaia.executionId }
          : { kind: 'local', traceId: recv!.traceId };
    // A local trace's session is served by the receiver's worker, which holds its spans (no spare is taken).
    const worker = recv ? recv.local.session(effects) : (spare ?? startWorker());
    const { timings } = await worker.load(job);
    const session = worker;
    const loaded = { ...timings, readMs: timings.readMs + sentMs, validateMs: null };
    const outlineMs = timings.outlineMs;
    const t2 = performance.now();
    vscodeSerialize({ type: 'trace', outline: worker.packedOutline });
    const postMs = performance.now() - t2;
    const hostMs = performance.now() - t0;
    // Bench-only: Playwright cannot hand the page binary buffers, so typed arrays cross as number arrays. That
    // conversion is not the extension's work: it is kept out of the host-block figure (and of totalMs, below).
    delay.disable();
    const message = pageJson({ type: 'trace', outline: worker.packedOutline });
    // The message is handed to the page first: Playwright's transport of a 10–40 MB string is the bench's, not
    // VS Code's. It and the conversion's garbage are collected before the window the host's blocks are measured in
    // resumes (delivery, parse and paint in the page).
    if (h) await h.page.evaluate((m: string) => void ((globalThis as unknown as { __staged: string }).__staged = m), message);
    gc();
    delay2.enable();
    // The probe records a block when its timer next runs: let it run (during the delivery, or here) before reading it.
    if (!h) await new Promise((r) => setTimeout(r, 20));
    let firstPaintMs = NaN;
    let scroll = { p95: NaN, frames: 0, max: NaN };
    if (h) {
      h.handler = undefined;
      h.sessionLike = session;
      // Delivered: parsed, dispatched and painted, timed in the page.
      firstPaintMs = (await h.page.evaluate('window.__bench.deliver(window.__staged)')) as number;
    }
    // Click → rows painted: the host's work up to the post, then the page's from the message to the rows.
    const totalMs = hostMs + (h ? firstPaintMs : 0);
    delay.disable();
    delay2.disable();
    const longestHostBlockMs = Math.max(delay.max, delay2.count > 0 ? delay2.max : 0) / 1e6;
    if (profiler) writeFileSync(args.cpuProf!, JSON.stringify(await profiler()));

    if (h) scroll = (await h.page.evaluate('window.__bench.scrollIntervals(2000, 120)')) as typeof scroll;
    // The search index is built in the worker as soon as it has loaded: wait for it before measuring the heaps.
    await session.handle({ type: 'search', id: 1, query: 'a' });
    // Typing a query, keystroke → the worker's answer relayed by the host → results painted, as bench:trace types it
    // (its session runs in the bench's own thread; here it is in the worker, as in the panel): the slowest keystroke
    // of each typing, median of three.
    let searchMs = NaN;
    if (h) {
      const typings: number[][] = [];
      for (let k = 0; k < 3; k++) {
        await h.page.evaluate('window.__bench.clearSearch()');
        typings.push((await h.page.evaluate(`window.__bench.type(${JSON.stringify(args.query)})`)) as number[]);
      }
      for (const t of typings) process.stderr.write(`keystrokes ${t.map(round).join(' ')} ms\n`);
      searchMs = median(typings.map((t) => Math.max(...t)));
    }
    gc();
    const hostHeapMB = (process.memoryUsage().heapUsed - heapBefore) / (1 << 20);
    const processRssMB = (process.memoryUsage().rss - rssBefore) / (1 << 20);
    // The trace itself (steps, search index) lives in the worker: its whole heap, after a GC, is what it retains.
    const workerHeapMB = (await session.heapUsed()) / (1 << 20);
    if (!(globalThis as { gc?: unknown }).gc) process.stderr.write('warning: run node with --expose-gc for hostHeapMB\n');
    process.stderr.write(`source ${file ? `file ${file}` : args.source}; scroll ${scroll.frames} frames, max ${round(scroll.max)} ms; postMs ${round(postMs)}\n`);
    const fig = withLoad({
      steps: session.outline.header.stepCount,
      readMs: round(loaded.readMs), parseMs: nul(loaded.parseMs), validateMs: nul(loaded.validateMs), mapMs: round(loaded.mapMs),
      outlineMs: round(outlineMs), postMs: round(postMs), firstPaintMs: round(firstPaintMs), totalMs: round(totalMs),
      longestHostBlockMs: round(longestHostBlockMs), hostHeapMB: round(hostHeapMB), workerHeapMB: round(workerHeapMB), processRssMB: round(processRssMB), scrollIntervalP95Ms: round(scroll.p95),
      searchMs: round(searchMs),
    });
    const { loadAvg1m, ...rest } = fig;
    console.log(JSON.stringify({ source: file && args.file ? 'file' : args.source, ...rest, load: loadAvg1m }));
    if (profDir) {
      // A worker writes its profile when it stops.
      await session.close();
      const [written] = readdirSync(profDir);
      if (written) renameSync(join(profDir, written), `${args.cpuProf!.replace(/\.cpuprofile$/, '')}.worker.cpuprofile`);
    }
  } finally {
    await h?.close();
    await recv?.stop();
    await sim?.stop();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
