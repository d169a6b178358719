// The local receiver's POST /v1/logs, fed by the real SDK log exporters (protobuf and JSON, gzip): GenAI events
// attach to their span whether they arrive before or after it; bad bodies are answered like /v1/traces.
import assert from 'node:assert/strict';
import { ROOT_CONTEXT, SpanKind } from '@opentelemetry/api';
import { request as undiciRequest } from 'undici';
import { OtlpReceiver } from '../../../src/receiver/otlpReceiver';
import { LocalTraceStore } from '../../../src/receiver/traceStore';
import { exportLogs, exportSpans, genAiEvents, recordLogs, recordSpans } from './otelSdk';
import type { ExporterKind } from './otelSdk';

async function oneChat() {
  const spans = await recordSpans((tracer) => tracer.startSpan('chat gpt-4o', {
    kind: SpanKind.CLIENT, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'gpt-4o', 'gen_ai.usage.input_tokens': 12 },
  }, ROOT_CONTEXT).end());
  const records = await recordLogs((logger) => genAiEvents(logger, spans[0]!, 'Where is my refund?', 'On its way.'));
  return { spans, records, traceId: spans[0]!.spanContext().traceId, spanId: spans[0]!.spanContext().spanId };
}

describe('receiver: OTLP logs (GenAI events) on 127.0.0.1', () => {
  let store: LocalTraceStore;
  let receiver: OtlpReceiver;

  beforeEach(async () => {
    store = new LocalTraceStore(5);
    receiver = new OtlpReceiver({ port: 0, store });
    await receiver.start();
  });
  afterEach(() => receiver.stop());

  const messagesOf = (traceId: string, spanId: string) => {
    const t = store.get(traceId)!;
    const step = t.roots.find((s) => s.id === spanId)!;
    assert.equal(step.detail.kind, 'llm');
    return step.detail.kind === 'llm' ? step.detail.messages.map((m) => [m.role, m.content]) : [];
  };
  const expected = [['system', 'Be brief.'], ['user', 'Where is my refund?'], ['assistant', 'On its way.']];

  for (const kind of ['protobuf', 'json'] as ExporterKind[]) {
    for (const gzip of [false, true]) {
      it(`${kind}${gzip ? ' gzip' : ''}: events sent after their span join it`, async () => {
        const { spans, records, traceId, spanId } = await oneChat();
        assert.equal((await exportSpans(kind, `${receiver.url}/v1/traces`, spans, gzip)).code, 0);
        assert.deepEqual(messagesOf(traceId, spanId), []);
        const r = await exportLogs(kind, `${receiver.url}/v1/logs`, records, gzip);
        assert.equal(r.code, 0, String(r.error));
        assert.deepEqual(messagesOf(traceId, spanId), expected);
        assert.equal(receiver.stats.logEvents, 3);
      });
    }

    it(`${kind}: events sent before their span wait for it, without listing a trace of no spans`, async () => {
      const { spans, records, traceId, spanId } = await oneChat();
      assert.equal((await exportLogs(kind, `${receiver.url}/v1/logs`, records)).code, 0);
      assert.equal(store.size, 0);
      assert.equal((await exportSpans(kind, `${receiver.url}/v1/traces`, spans)).code, 0);
      assert.deepEqual(messagesOf(traceId, spanId), expected);
    });
  }

  it('answers a JSON body that is not a logs request with 400, and a trace body at /v1/logs too', async () => {
    for (const body of ['{"resourceSpans": []}', '[1]', '{bad']) {
      const res = await undiciRequest(`${receiver.url}/v1/logs`, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      const json = await res.body.json() as { message: string };
      assert.equal(res.statusCode, 400, body);
      assert.ok(json.message.length > 0);
    }
    const res = await undiciRequest(`${receiver.url}/v1/logs`, { method: 'POST', body: Buffer.from([0x0a, 0x09, 0x01]), headers: { 'content-type': 'application/x-protobuf' } });
    await res.body.arrayBuffer();
    assert.equal(res.statusCode, 400);
  });

  it('Clear Local Traces drops events still waiting for their spans', async () => {
    const { spans, records, traceId, spanId } = await oneChat();
    assert.equal((await exportLogs('json', `${receiver.url}/v1/logs`, records)).code, 0);
    store.clear();
    assert.equal((await exportSpans('json', `${receiver.url}/v1/traces`, spans)).code, 0);
    assert.deepEqual(messagesOf(traceId, spanId), []);
  });
});
