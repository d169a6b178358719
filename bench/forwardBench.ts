// `npm run bench:forward [-- --rate 20000 --seconds 60 --impaired-seconds 20 --batch 1000]`: the local receiver
// with forwarding on, fed OTLP/JSON over loopback at a fixed span rate by a bounded loop that stops itself, three
// times: upstream healthy (a local collector that counts what it gets), upstream down (nothing listens), upstream
// slow (answers after 2 s). Per phase:
//   sentSpans / acceptedSpans   what the loop sent and the receiver accepted (rejectedRequests: refused bodies)
//   spansPerSec                 accepted spans over the phase's wall time
//   ackP50Ms / ackP95Ms / ackMaxMs   the receiver's answer time per request (what a sender and the local view wait)
//   forwarded / dropped / queuedMaxMB  the forwarder: requests the upstream took, dropped from the full queue, the
//                               queue's largest size
//   rssMaxMB / heapMaxMB        the process (receiver + sender; the upstream runs in its own) sampled each second
// Loopback only; figures, not assertions. The load average they ran under is printed.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import { Agent, request } from 'undici';
import { OtlpForwarder } from '../src/receiver/forwarder';
import { OtlpReceiver } from '../src/receiver/otlpReceiver';
import { LocalTraceStore } from '../src/receiver/traceStore';
import { round } from './stats';

const arg = (name: string, d: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : d;
};

const PLACEHOLDER = 'ffffffffffffffffffffffffffffffff';

function batchBody(n: number): string {
  const spans = [];
  for (let k = 0; k < n; k++) {
    spans.push({
      traceId: PLACEHOLDER, spanId: (0x100000 + k).toString(16).padStart(16, '0'), parentSpanId: k === 0 ? '' : '0000000000100000',
      name: k === 0 ? 'invoke_agent Bench' : 'chat gpt-4o', kind: k === 0 ? 1 : 3, startTimeUnixNano: `${1_700_000_000_000 + k}000000`, endTimeUnixNano: `${1_700_000_000_000 + k + 1}000000`,
      attributes: [{ key: 'gen_ai.operation.name', value: { stringValue: k === 0 ? 'invoke_agent' : 'chat' } }, { key: 'gen_ai.request.model', value: { stringValue: 'gpt-4o' } },
        { key: 'gen_ai.usage.input_tokens', value: { intValue: String(100 + (k % 50)) } }, { key: 'gen_ai.usage.output_tokens', value: { intValue: '20' } }],
      status: { code: 1 },
    });
  }
  return JSON.stringify({ resourceSpans: [{ resource: { attributes: [{ key: 'service.name', value: { stringValue: 'bench' } }] }, scopeSpans: [{ scope: { name: 'bench' }, spans }] }] });
}

/** The upstream collector in its own process (a collector is another machine): counts requests, answers 200 (or after 2 s). */
async function upstream(mode: 'ok' | 'slow'): Promise<{ url: string; received: () => Promise<number>; close: () => Promise<void> }> {
  const script = `const http=require('http');let n=0;const s=http.createServer((q,r)=>{q.resume();q.on('end',()=>{n++;const a=()=>{r.writeHead(200,{'content-type':'application/json'});r.end('{}')};${mode === 'slow' ? 'setTimeout(a,2000)' : 'a()'}})});`
    + `s.listen(0,'127.0.0.1',()=>process.stdout.write('port '+s.address().port+'\\n'));process.on('message',()=>process.send(n));`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve) => child.stdout!.on('data', (c: Buffer) => { const m = /port (\d+)/.exec(c.toString()); if (m) resolve(Number(m[1])); }));
  return {
    url: `http://127.0.0.1:${port}`,
    received: () => new Promise((resolve) => { child.once('message', (n) => resolve(Number(n))); child.send('count'); }),
    close: async () => { child.kill(); },
  };
}

async function phase(name: 'healthy' | 'down' | 'slow', seconds: number, rate: number, batch: number, template: string): Promise<Record<string, unknown>> {
  const up = name === 'down' ? undefined : await upstream(name === 'slow' ? 'slow' : 'ok');
  let endpoint = up?.url;
  if (!endpoint) {
    const s = createServer();
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }
  const forwarder = new OtlpForwarder({ endpoint, timeoutMs: 10_000 });
  const store = new LocalTraceStore(100);
  const receiver = new OtlpReceiver({ port: 0, store, forward: (item) => forwarder.enqueue(item) });
  await receiver.start();
  const sender = new Agent({ connections: 8 });
  const acks: number[] = [];
  let sent = 0;
  let inFlight = 0;
  let serial = 0;
  let rssMax = 0;
  let heapMax = 0;
  let queuedMax = 0;
  const sample = setInterval(() => {
    const m = process.memoryUsage();
    rssMax = Math.max(rssMax, m.rss);
    heapMax = Math.max(heapMax, m.heapUsed);
  }, 1000);
  const interval = (batch / rate) * 1000;
  const started = performance.now();
  const stopAt = started + seconds * 1000;
  const pending: Promise<void>[] = [];
  // A bounded loop: a tick per batch until the phase's time is up, never more than 16 requests in flight.
  for (let k = 0; ; k++) {
    const due = started + k * interval;
    if (due >= stopAt) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight >= 16) continue;
    const traceId = (++serial).toString(16).padStart(32, '0');
    const body = template.replaceAll(PLACEHOLDER, traceId);
    inFlight++;
    sent += batch;
    const t = performance.now();
    pending.push(request(`${receiver.url}/v1/traces`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, dispatcher: sender })
      .then(async (res) => { await res.body.text(); acks.push(performance.now() - t); })
      .finally(() => { inFlight--; queuedMax = Math.max(queuedMax, forwarder.stats.queuedBytes); }));
  }
  await Promise.all(pending);
  const wall = (performance.now() - started) / 1000;
  clearInterval(sample);
  if (name === 'healthy') await Promise.race([forwarder.drained(), new Promise((r) => setTimeout(r, 10_000))]);
  acks.sort((a, b) => a - b);
  const pct = (p: number): number => acks[Math.min(acks.length - 1, Math.floor(p * acks.length))] ?? 0;
  const out = {
    seconds: round(wall), sentSpans: sent, acceptedSpans: receiver.stats.spans, rejectedRequests: receiver.stats.rejectedRequests,
    spansPerSec: Math.round(receiver.stats.spans / wall), ackP50Ms: round(pct(0.5)), ackP95Ms: round(pct(0.95)), ackMaxMs: round(acks.at(-1) ?? 0),
    forwarded: forwarder.stats.forwarded, failedAttempts: forwarder.stats.failedAttempts, upstreamReceived: up ? await up.received() : 0, dropped: forwarder.stats.dropped, queuedMaxMB: round(queuedMax / 1048576),
    rssMaxMB: round(rssMax / 1048576), heapMaxMB: round(heapMax / 1048576),
  };
  await forwarder.close();
  await receiver.stop();
  await sender.close();
  await up?.close();
  return out;
}

async function main(): Promise<void> {
  const rate = arg('rate', 20_000);
  const seconds = arg('seconds', 60);
  const impaired = arg('impaired-seconds', 20);
  const batch = arg('batch', 1000);
  const template = batchBody(batch);
  const out: Record<string, unknown> = { rate, batch, bodyKB: round(template.length / 1024), loadavg: round(os.loadavg()[0]!) };
  await phase('healthy', 2, rate, batch, template); // warm-up (JIT, sockets): not reported
  out.healthy = await phase('healthy', seconds, rate, batch, template);
  out.down = await phase('down', impaired, rate, batch, template);
  out.slow = await phase('slow', impaired, rate, batch, template);
  out.loadavgAfter = round(os.loadavg()[0]!);
  console.log(JSON.stringify(out));
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
