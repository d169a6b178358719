// The trace worker's file loader (src/traceWorker/loadJob.ts) against the whole-document path it skips for plain
// OTLP/JSON files (model/otlpFile.ts): the same Trace for the simulator's 3,000-span trace and the fixtures, the same
// choice of traces for a file with several, log events joined, and the other files (other top-level keys, JSON
// Lines, a byte order mark, Fruxon responses) still loaded whole.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator } from '../../../simulator/index';
import { FruxonClient } from '../../../src/api/fruxon/client';
import { otlpSpans, summarizeGroup, traceFromGroups, traceGroups } from '../../../src/model/otlp';
import { otlpFileSpans } from '../../../src/model/otlpFile';
import { preorder } from '../../../src/model/outline';
import { warmUpDocument } from '../../../src/traceWorker/warmUp';
import { detectTraceFile, parseTraceText, spansOfTraceFile, traceFromFile } from '../../../src/model/traceFile';
import type { Trace } from '../../../src/model/types';
import { FileLoader } from '../../../src/traceWorker/loadJob';
import { T1, T2, genAiCurrent, request, span } from '../model/otlpFixtures';
import { fixturePath } from '../model/otelLibraryFixtures';

describe('trace worker: the file loader', function () {
  this.timeout(30_000);
  let dir: string;
  let otlp: string;
  const progress: string[] = [];
  // Every file span by span, however small (the worker parses files under 1 MB whole).
  const loader = (): FileLoader => new FileLoader((m) => progress.push(m), 0);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'agentlens-fileloader-'));
    const sim = await startSimulator({ port: 0, seed: 11, bigTraceSteps: 3000, quiet: true });
    const client = new FruxonClient({ baseUrl: sim.baseUrl, tenant: sim.tenant, credential: sim.apiKey });
    try {
      const { agentId, recordId } = sim.data.special.huge;
      otlp = JSON.stringify(await client.getOtlpTrace(agentId, recordId));
    } finally {
      await client.close();
      await sim.close();
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string | Buffer): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  /** What the loader gave before the span-by-span path: the whole text parsed, then mapped. */
  const wholeTrace = (text: string, name: string, traceId?: string): Trace => traceFromFile(parseTraceText(text, name), traceId !== undefined ? { traceId } : {});

  async function loaded(path: string, job: { traceId?: string; all?: boolean } = {}): Promise<Trace> {
    const r = await loader().load({ kind: 'file', path, ...job });
    assert.ok('trace' in r, 'expected a trace, not a choice');
    return r.trace;
  }

  it('maps the simulator\'s 3,000-span OTLP trace exactly as the whole-document path does, and parses small files whole', async () => {
    progress.length = 0;
    const t = await loaded(file('huge.json', otlp));
    assert.ok(t.stepCount >= 3000, `${t.stepCount} steps`);
    assert.deepEqual(t, wholeTrace(otlp, 'huge.json'));
    assert.ok(progress.some((m) => m.startsWith('Parsing huge.json')), progress.join('; '));
    // Pretty-printed, as a person saves it.
    const pretty = JSON.stringify(JSON.parse(otlp), null, 2);
    assert.deepEqual(await loaded(file('pretty.json', pretty)), wholeTrace(pretty, 'pretty.json'));
    // The worker's own loader: the same trace whichever way it parsed the file.
    const r = await new FileLoader(() => undefined).load({ kind: 'file', path: file('huge2.json', otlp) });
    assert.ok('trace' in r);
    assert.deepEqual(r.trace, t);
  });

  it('maps the instrumentation libraries\' files exactly as the whole-document path does', async () => {
    for (const lib of ['openllmetry', 'openinference-langchain', 'vercel-ai-v7'] as const) {
      const text = readFileSync(fixturePath(lib), 'utf8');
      assert.deepEqual(await loaded(file(`${lib}.json`, text)), wholeTrace(text, `${lib}.json`), lib);
    }
  });

  it('offers the same traces to choose from, and opens the one chosen or all of them', async () => {
    const two = request([
      ...(genAiCurrent().resourceSpans as { scopeSpans: { spans: Record<string, unknown>[] }[] }[])[0]!.scopeSpans[0]!.spans,
      span({ trace: T2, id: 'e000000000000001', name: 'second root' }),
      span({ trace: T2, id: 'e000000000000002', parent: 'e000000000000001', name: 'second child' }),
    ]);
    const text = JSON.stringify(two);
    const path = file('two.json', text);
    const r = await loader().load({ kind: 'file', path, ask: true });
    assert.ok('choose' in r);
    const groups = traceGroups(spansOfTraceFile(detectTraceFile(JSON.parse(text))) ?? []);
    assert.deepEqual(r.choose, groups.map(summarizeGroup));
    assert.deepEqual(await loaded(path, { traceId: T2 }), wholeTrace(text, 'two.json', T2));
    assert.deepEqual(await loaded(path, { traceId: T1 }), wholeTrace(text, 'two.json', T1));
    assert.deepEqual(await loaded(path), wholeTrace(text, 'two.json'));
  });

  it('joins GenAI events sent as log records to their spans as the whole-document path does', async () => {
    const traces = JSON.parse(readFileSync(fixturePath('otel-instrumentation-openai'), 'utf8')) as Record<string, unknown>;
    const logs = JSON.parse(readFileSync(fixturePath('otel-instrumentation-openai', 'logs.json'), 'utf8')) as Record<string, unknown>;
    const text = JSON.stringify({ ...logs, ...traces });
    assert.deepEqual(await loaded(file('with-logs.json', text)), wholeTrace(text, 'with-logs.json'));
  });

  it('warms a worker with a made-up GenAI trace that takes the span-by-span path', () => {
    const doc = warmUpDocument(300);
    const spans = otlpFileSpans(doc);
    assert.ok(spans, 'the warm-up document must take the path it warms');
    assert.equal(spans.length, 300);
    assert.deepEqual(spans, otlpSpans(JSON.parse(doc.toString('utf8'))));
    const kinds = new Set(preorder(traceFromGroups(traceGroups(spans))).map((s) => s.kind));
    for (const k of ['agent', 'flow', 'llm', 'tool']) assert.ok(kinds.has(k as never), `no ${k} step`);
    new FileLoader(() => undefined).warmUp();
  });

  it('loads the files it leaves to the whole-document path as before', async () => {
    const spans = request([span({ id: 'f000000000000001', name: 'only' })]);
    const withLogs = JSON.stringify({ ...spans, resourceLogs: [], partialSuccess: {} });
    const lines = `${JSON.stringify(spans)}\n${JSON.stringify(request([span({ id: 'f000000000000002', parent: 'f000000000000001', name: 'child' })]))}\n`;
    const cases: [string, string | Buffer, string][] = [
      ['logs.json', withLogs, withLogs],
      ['lines.jsonl', lines, lines],
      // A .json written by the collector's file exporter: JSON Lines whatever its name.
      ['lines.json', lines, lines],
      ['bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(spans))]), JSON.stringify(spans)],
    ];
    for (const [name, bytes, text] of cases) assert.deepEqual(await loaded(file(name, bytes)), wholeTrace(text, name), name);
    // Not a trace, and not JSON: the whole-document path's own messages.
    await assert.rejects(loader().load({ kind: 'file', path: file('items.json', '{"items": []}') }), /not a trace AgentLens can open: it looks like a page of execution records/);
    await assert.rejects(loader().load({ kind: 'file', path: file('broken.json', '{"resourceSpans": [\n  {]') }), /broken\.json is not valid JSON \(line 2, column 4\)/);
    await assert.rejects(loader().load({ kind: 'file', path: file('empty.json', '{"resourceSpans": []}') }), /has no spans/);
  });
});
