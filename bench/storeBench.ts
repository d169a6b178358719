// `npm run bench:stores [-- --steps N]`: a trace of N spans (default 20,000) from each trace store's API over
// loopback, "click → rows painted": the simulator's Jaeger (/api/traces/{id}, Jaeger JSON) and Tempo
// (/api/v2/traces/{id}, OTLP JSON with base64 ids) serve the huge trace; per store, median of BENCH_RUNS (default 5):
//   fetchMs       the client's GET until the body is read and validated (HTTP on 127.0.0.1)
//   mapMs         the span mapping into the model (Jaeger: jaegerZipkin.ts; Tempo: otlpRead.ts)
//   outlineMs     the host's outline for the webview (TraceSession)
//   firstPaintMs  the `trace` message to the first painted rows, in Chromium with the real webview (bench/harness.ts)
//   totalMs       the sum: what a click on the row costs before the rows show
// The simulator builds and caches the huge trace on its first request (a real store has it on disk): one warm-up
// request per store is not counted. The simulator runs in its own process (a store is another machine), so its
// serving does not count against the client. Figures, not assertions; the load average they ran under is printed.
import * as os from 'node:os';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { JaegerClient } from '../src/api/jaeger/client';
import { TempoClient } from '../src/api/tempo/client';
import { traceFromJaeger, traceFromStoreOtlp } from '../src/model/storeTraces';
import type { Trace } from '../src/model/types';
import { Harness } from './harness';
import { median, round } from './stats';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const i = argv.indexOf('--steps');
  const steps = i >= 0 ? Number(argv[i + 1]) : 20_000;
  const child = spawn(process.execPath, [join(__dirname, '../simulator/main.js'), '--port', '0', '--quiet', '--big-trace-steps', String(steps)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const baseUrl = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (c: Buffer) => {
      text += c.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the simulator exited (${code})`)));
  });
  const info = (await (await fetch(`${baseUrl}/_sim/info`)).json()) as { special: { huge: { recordId: string } }; stores: { token: string } };
  const traceId = info.special.huge.recordId.replace(/-/g, '');
  const jaeger = new JaegerClient({ baseUrl: `${baseUrl}/jaeger` });
  const tempo = new TempoClient({ baseUrl: `${baseUrl}/tempo`, auth: { kind: 'bearer', token: info.stores.token } });
  const h = await Harness.start({ theme: 'dark' });
  const out: Record<string, unknown> = { steps, loadavg: round(os.loadavg()[0]!) };
  try {
    const stores: Record<string, () => Promise<() => Trace>> = {
      jaeger: async () => { const t = await jaeger.getTrace(traceId); return () => traceFromJaeger(t); },
      tempo: async () => { const b = await tempo.getTrace(traceId); return () => traceFromStoreOtlp(b); },
    };
    for (const [name, fetch] of Object.entries(stores)) {
      await fetch(); // the simulator's cache, as a store's disk
      const runs: Record<string, number[]> = { fetchMs: [], mapMs: [], outlineMs: [], firstPaintMs: [], totalMs: [] };
      for (let r = 0; r < RUNS; r++) {
        let t = performance.now();
        const map = await fetch();
        const fetchMs = performance.now() - t;
        t = performance.now();
        const trace = map();
        const mapMs = performance.now() - t;
        if (trace.stepCount !== steps) throw new Error(`${name}: ${trace.stepCount} of ${steps} steps`);
        await h.open(trace, { autoTrace: false });
        // The host builds the outline before it posts (the page load in between is the panel opening, not counted).
        t = performance.now();
        void h.session!.outline;
        const outlineMs = performance.now() - t;
        const firstPaintMs = (await h.deliverTrace()) as number;
        const m = { fetchMs, mapMs, outlineMs, firstPaintMs, totalMs: fetchMs + mapMs + outlineMs + firstPaintMs };
        for (const [k, v] of Object.entries(m)) runs[k]!.push(v);
        process.stderr.write(`${name} run ${r + 1}: ${Object.entries(m).map(([k, v]) => `${k} ${round(v)}`).join(', ')}\n`);
      }
      out[name] = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, round(median(v))]));
    }
    out.loadavgAfter = round(os.loadavg()[0]!);
    console.log(JSON.stringify(out));
  } finally {
    await h.close();
    await jaeger.close();
    await tempo.close();
    child.kill();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
