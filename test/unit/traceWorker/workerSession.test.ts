// A trace worker (a real worker thread running src/traceWorker/worker.ts) against the same code run in this
// thread: it must show exactly what the host used to show — outline, step details, search, the whole trace —
// and carry failures back as they were (a JsonSyntaxError keeps line and column).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TraceSession } from '../../../src/model/traceSession';
import { parseTraceText, traceFromFile } from '../../../src/model/traceFile';
import { groupSpans, otlpSpans, traceFromGroup, traceFromGroups } from '../../../src/model/otlp';
import { isPackedOutline, packOutline, unpackOutline } from '../../../src/shared/outlineWire';
import { WorkerTraceSession } from '../../../src/traceWorker/client';
import { TraceWorkerPool } from '../../../src/traceWorker/pool';
import { JsonSyntaxError } from '../../../src/util/json';
import { T1, T2, genAiCurrent, request, span } from '../model/otlpFixtures';

const WORKER = join(__dirname, '..', '..', '..', 'src', 'traceWorker', 'worker.js');
const FIXTURES = join(__dirname, '..', '..', '..', '..', 'test', 'fixtures', 'otel');
const effects = { copy: () => undefined, openLink: () => undefined };

describe('trace worker', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agentlens-worker-'));
  const sessions: WorkerTraceSession[] = [];
  const start = (): WorkerTraceSession => {
    const s = new WorkerTraceSession(WORKER, effects);
    sessions.push(s);
    return s;
  };
  after(() => {
    for (const s of sessions) s.dispose();
  });

  for (const library of ['vercel-ai-v6', 'openllmetry', 'openinference-openai']) {
    it(`shows a ${library} trace file exactly as the host did`, async () => {
      const path = join(FIXTURES, library, 'traces.json');
      const here = new TraceSession(traceFromFile(parseTraceText(readFileSync(path, 'utf8'), 'traces.json')), effects);
      const worker = start();
      const { running, timings } = await worker.load({ kind: 'file', path });
      assert.equal(running, false);
      assert.ok(timings.readMs >= 0 && timings.mapMs >= 0 && timings.outlineMs >= 0);
      assert.deepEqual(worker.outline, here.outline);
      assert.deepEqual(await worker.trace(), here.current);
      const n = here.outline.header.stepCount;
      for (const index of [0, Math.floor(n / 2), n - 1]) {
        const msg = { type: 'getStep' as const, id: index, index };
        assert.deepEqual(await worker.handle(msg), await here.handle(msg));
        assert.equal(worker.stepIdAt(index), here.stepIdAt(index));
      }
      const [firstName] = here.outline.names;
      for (const query of ['a', firstName!.slice(0, 4).toLowerCase(), 'no such text anywhere']) {
        const msg = { type: 'search' as const, id: 9, query };
        assert.deepEqual(await worker.handle(msg), await here.handle(msg));
      }
      // `ready` is answered from the host's copy: the packed outline, which unpacks to the same outline.
      const [ready] = await worker.handle({ type: 'ready' });
      assert.ok(ready?.type === 'trace' && isPackedOutline(ready.outline));
      assert.deepEqual(unpackOutline(ready.outline), here.outline);
    });
  }

  it('asks which trace of a file with several to open, then maps only the one chosen (or all)', async () => {
    const path = join(dir, 'two.json');
    const body = request([
      span({ trace: T1, id: 'b000000000000001', name: 'first', start: 0, end: 100 }),
      span({ trace: T2, id: 'c000000000000001', name: 'second', start: 50, end: 300 }),
      span({ trace: T2, id: 'c000000000000002', parent: 'c000000000000001', name: 'child', start: 60, end: 200 }),
    ]);
    writeFileSync(path, JSON.stringify(body));
    const groups = groupSpans(otlpSpans(body));
    const worker = start();
    const first = await worker.loadOrChoose({ kind: 'file', path, ask: true });
    assert.ok('choose' in first);
    assert.deepEqual(first.choose.map((c) => [c.traceId, c.name, c.spanCount]), [[T1, 'first', 1], [T2, 'second', 2]]);
    await worker.load({ kind: 'file', path, traceId: T2 });
    assert.deepEqual(worker.outline, new TraceSession(traceFromGroup(groups[1]!), effects).outline);
    // A live reload of the same worker reads the file again; `all` maps every trace, each a root.
    await worker.load({ kind: 'file', path, all: true });
    assert.deepEqual(worker.outline, new TraceSession(traceFromGroups(groups, 'two.json'), effects).outline);
    await assert.rejects(worker.load({ kind: 'file', path, traceId: 'ffff' }), /two\.json has no trace ffff\./);
  });

  it('names line and column of malformed JSON, as a JsonSyntaxError the command can put the cursor on', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{\n  "rawSpanCount": 3,\n  "traces": [ }\n');
    const worker = start();
    const e = await worker.load({ kind: 'file', path }).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof JsonSyntaxError, String(e));
    assert.equal(e.line, 3);
    assert.ok(e.column > 0);
    assert.match(e.message, /^bad\.json is not valid JSON \(line 3, column \d+\)/);
    // The worker survives a bad file: the same one loads a good one afterwards.
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(genAiCurrent()));
    await worker.load({ kind: 'file', path: good });
    assert.equal(worker.outline.header.stepCount, new TraceSession(traceFromFile(genAiCurrent()), effects).outline.header.stepCount);
  });

  it('says what a file that is not a trace looks like, and that a missing file is missing', async () => {
    const notTrace = join(dir, 'page.json');
    writeFileSync(notTrace, JSON.stringify({ items: [], nextPageToken: null }));
    const worker = start();
    await assert.rejects(worker.load({ kind: 'file', path: notTrace }), /not a trace AgentLens can open: it looks like a page of execution records/);
    await assert.rejects(worker.load({ kind: 'file', path: join(dir, 'gone.json') }), /ENOENT|no such file/);
  });

  it('stops on dispose: a load under way ends with "closed", and nothing more is answered', async () => {
    const path = join(dir, 'big.json');
    const spans = [span({ id: 'd000000000000000', name: 'root', start: 0, end: 10_000 })];
    for (let i = 1; i < 20_000; i++) spans.push(span({ id: `d${String(i).padStart(15, '0')}`, parent: 'd000000000000000', name: `step ${i}`, start: i % 9000, end: (i % 9000) + 5 }));
    writeFileSync(path, JSON.stringify(request(spans)));
    const worker = start();
    const loading = worker.load({ kind: 'file', path });
    worker.dispose();
    await assert.rejects(loading, /The trace was closed\./);
    await assert.rejects(worker.handle({ type: 'search', id: 1, query: 'step' }), /The trace was closed\./);
  });

  it('keeps one worker started ahead: take hands it over, warm starts the next, dispose stops the spare', async () => {
    const pool = new TraceWorkerPool(WORKER);
    pool.warm();
    const first = pool.take(effects);
    sessions.push(first);
    assert.equal(first.effects, effects);
    pool.warm();
    const path = join(FIXTURES, 'openllmetry', 'traces.json');
    await first.load({ kind: 'file', path });
    assert.ok(first.outline.header.stepCount > 0);
    pool.dispose();
    // The spare was stopped: nothing was taken from it, and warming after dispose starts nothing.
    pool.warm();
    const second = pool.take(effects);
    sessions.push(second);
    assert.notEqual(second, first);
    await second.load({ kind: 'file', path });
    assert.deepEqual(second.outline, first.outline);
  });

  it('packs and unpacks an outline without changing a value (hidden characters, lone surrogates, empty names)', () => {
    const body = request([
      span({ id: 'e000000000000001', name: 'a\u202Eb\u0000c', start: 0, end: 50 }),
      span({ id: 'e000000000000002', parent: 'e000000000000001', name: '', start: 1, end: 2 }),
      span({ id: 'e000000000000003', parent: 'e000000000000001', name: '\uD800 lone', start: 3, end: null }),
    ]);
    const outline = new TraceSession(traceFromFile(body), effects).outline;
    const round = unpackOutline(structuredClone(packOutline(outline)));
    assert.deepEqual(round, outline);
    assert.deepEqual([round.names[0], round.names[2]], ['a\u202Eb\u0000c', '\uD800 lone']);
  });
});
