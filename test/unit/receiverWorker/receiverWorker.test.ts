// The local receiver in its worker thread (src/receiverWorker/), driven as the extension drives it: the real OTel
// SDK's exporters send to it over HTTP, the host's handle lists what arrived, a trace worker opens a trace with the
// spans it gets straight from the receiver's worker. Checked against the same receiver and store run in this thread.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalTraces } from '../../../src/receiverWorker/client';
import { OtlpReceiver, ReceiverStartError } from '../../../src/receiver/otlpReceiver';
import { LocalTraceStore, type LocalTraceSummary, type StoreChange } from '../../../src/receiver/traceStore';
import { JOURNAL_FILE } from '../../../src/receiver/traceJournal';
import { WorkerTraceSession } from '../../../src/traceWorker/client';
import { captureBody, exportLogs, exportSpans, genAiEvents, recordLogs, recordSpans, sampleAgent } from '../receiver/otelSdk';
import { TEST_TIMEOUT_MS, until } from '../../support/patience';

const RECEIVER = join(__dirname, '..', '..', '..', 'src', 'receiverWorker', 'worker.js');
const TRACE_WORKER = join(__dirname, '..', '..', '..', 'src', 'traceWorker', 'worker.js');
const effects = { copy: () => undefined, openLink: () => undefined };
const withoutTime = ({ updatedAt: _, ...s }: LocalTraceSummary): Omit<LocalTraceSummary, 'updatedAt'> => s;

describe('receiver worker: the local receiver off the extension host', function () {
  this.timeout(TEST_TIMEOUT_MS);
  const open: Array<{ close(): Promise<void> }> = [];
  const traces = (data: Partial<ConstructorParameters<typeof LocalTraces>[1]> = {}): LocalTraces => {
    const t = new LocalTraces(RECEIVER, { maxTraces: 10, ...data });
    open.push(t);
    return t;
  };
  const traceWorker = (): WorkerTraceSession => {
    const w = new WorkerTraceSession(TRACE_WORKER, effects);
    open.push(w);
    return w;
  };
  /** The same spans received in this thread, by the receiver and store the worker runs. */
  const reference = async (send: (url: string) => Promise<void>): Promise<LocalTraceStore> => {
    const store = new LocalTraceStore(10);
    const r = new OtlpReceiver({ port: 0, store });
    await r.start();
    try {
      await send(r.url);
    } finally {
      await r.stop();
    }
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((o) => o.close()));
  });

  it('lists what the SDK exports to it (protobuf and JSON, spans and GenAI log events) as the store summarizes it, and a trace worker opens the same trace', async () => {
    const spans = await recordSpans(sampleAgent);
    const traceId = spans[0]!.spanContext().traceId;
    const records = await recordLogs((logger) => genAiEvents(logger, spans.find((s) => s.name.startsWith('chat'))!, 'Where is my refund?', 'On its way.'));
    const send = async (url: string): Promise<void> => {
      assert.equal((await exportLogs('json', `${url}/v1/logs`, records)).code, 0);
      assert.equal((await exportSpans('protobuf', `${url}/v1/traces`, spans.slice(0, 2))).code, 0);
      assert.equal((await exportSpans('json', `${url}/v1/traces`, spans.slice(2))).code, 0);
    };
    const local = traces();
    await local.restored;
    const changes: StoreChange[] = [];
    local.onDidChange((e) => changes.push(e));
    const port = await local.start(0);
    assert.equal(local.url, `http://127.0.0.1:${port}`);
    await send(local.url!);
    const expected = await reference(send);
    const summary = await until('every span listed', () => (local.summary(traceId)?.spanCount === spans.length ? local.summary(traceId) : undefined));
    assert.deepEqual(withoutTime(summary), withoutTime(expected.summary(traceId)!));
    assert.equal(summary.errorCount, 1);
    assert.ok(changes.some((e) => e.changed.includes(traceId)));
    await until('the counts', () => local.stats.requests === 3 && local.stats.spans === spans.length && local.stats.logEvents === 3);

    // Opened as a panel opens it: a session the receiver's worker serves, where the spans are.
    const worker = local.session();
    open.push(worker);
    const loaded = await worker.load({ kind: 'local', traceId });
    assert.equal(loaded.running, false);
    assert.deepEqual(await worker.trace(), expected.get(traceId));
    assert.equal(worker.outline.header.stepCount, spans.length);
    const chat = (await worker.trace()).roots[0]!.children.find((c) => c.detail.kind === 'llm')!;
    assert.ok(chat.detail.kind === 'llm' && chat.detail.messages.some((m) => m.content === 'On its way.'), 'the log events are not on their span');
  });

  it('says a trace it no longer holds is gone, and an address in use as the receiver does (ReceiverStartError, EADDRINUSE)', async () => {
    const local = traces();
    const port = await local.start(0);
    await assert.rejects(local.session().load({ kind: 'local', traceId: 'ab'.repeat(16) }), /no longer held by the receiver/);
    // A trace worker does not open local traces: they are where the receiver's worker holds them.
    await assert.rejects(traceWorker().load({ kind: 'local', traceId: 'ab'.repeat(16) }), /opened by the receiver's worker/);
    const other = traces();
    await assert.rejects(other.start(port), (e: unknown) => e instanceof ReceiverStartError && e.code === 'EADDRINUSE' && e.port === port && /already in use/.test(e.message));
    await local.stop();
    assert.equal(local.listening, false);
    assert.equal(await other.start(port), port, 'the port was not freed by stop');
  });

  it('keeps its traces in the journal: Clear empties the list and deletes it; a new worker replays what was kept', async () => {
    const journalFolder = mkdtempSync(join(tmpdir(), 'agentlens-receiver-worker-'));
    const spans = await recordSpans(sampleAgent);
    const traceId = spans[0]!.spanContext().traceId;
    const first = traces({ journalFolder });
    assert.equal((await first.restored)?.loadedLines, 0, 'a missing journal is not an error');
    await first.start(0);
    assert.equal((await exportSpans('protobuf', `${first.url}/v1/traces`, spans)).code, 0);
    await until('the trace listed', () => first.has(traceId));
    // Closing writes what the journal buffers before the thread ends.
    await first.close();
    assert.ok(existsSync(join(journalFolder, JOURNAL_FILE)));

    const second = traces({ journalFolder });
    const stats = await second.restored;
    assert.equal(stats?.loadedLines, 1);
    assert.equal(second.summary(traceId)?.spanCount, spans.length, 'the replayed trace is listed once restored');
    const cleared = new Promise<StoreChange>((resolve) => second.onDidChange((e) => e.cleared && resolve(e)));
    await second.clear();
    assert.deepEqual((await cleared).removed, [traceId]);
    assert.equal(second.size, 0);
    await until('the journal deleted', () => !existsSync(join(journalFolder, JOURNAL_FILE)));
  });

  it('hands what it received to the forwarder only while forwarding is on, body unchanged; trims to maxTraces', async () => {
    const local = traces();
    await local.start(0);
    const forwarded: Array<{ path: string; contentType: string; body: Buffer }> = [];
    local.onForward = (item) => forwarded.push(item);
    local.forwarding = true;
    const a = await recordSpans(sampleAgent);
    const b = await recordSpans(sampleAgent);
    const body = await captureBody('protobuf', a);
    const res = await fetch(`${local.url}/v1/traces`, { method: 'POST', body, headers: { 'content-type': 'application/x-protobuf' } });
    assert.equal(res.status, 200);
    await until('the request forwarded', () => forwarded.length === 1);
    assert.equal(forwarded[0]!.path, '/v1/traces');
    assert.equal(forwarded[0]!.contentType, 'application/x-protobuf');
    assert.ok(forwarded[0]!.body.equals(body), 'the body was changed');

    assert.equal((await exportSpans('json', `${local.url}/v1/traces`, b)).code, 0);
    const [idA, idB] = [a[0]!.spanContext().traceId, b[0]!.spanContext().traceId];
    await until('both traces', () => local.has(idA) && local.has(idB));
    const removed = new Promise<StoreChange>((resolve) => local.onDidChange((e) => e.removed.length > 0 && resolve(e)));
    local.setMaxTraces(1);
    assert.deepEqual((await removed).removed, [idA], 'the least recently updated trace is dropped first');
    assert.deepEqual(local.summaries().map((s) => s.traceId), [idB]);
  });
});
