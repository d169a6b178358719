// GenAI events sent as OTLP log records: read from JSON and protobuf (the real SDK log exporters' bodies), attached
// to their spans in files (resourceLogs beside resourceSpans, and JSON Lines of both), so the official
// @opentelemetry/instrumentation-openai's prompts and answers appear on its LLM steps.
import assert from 'node:assert/strict';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { traceFromOtlp } from '../../../src/model/otlp';
import { readOtlpLogs } from '../../../src/model/otlpLogs';
import { ProtoDecodeError } from '../../../src/model/otlpProto';
import { decodeLogsRequest } from '../../../src/model/otlpProtoLogs';
import { parseTraceText, traceFromFile } from '../../../src/model/traceFile';
import { captureLogsBody, genAiEvents, recordLogs, recordSpans } from '../receiver/otelSdk';
import type { ExporterKind } from '../receiver/otelSdk';
import { loadFixture, rawSpans, stepOf } from './otelLibraryFixtures';

const ROLE: Record<string, string> = {
  'gen_ai.system.message': 'system', 'gen_ai.user.message': 'user', 'gen_ai.assistant.message': 'assistant', 'gen_ai.tool.message': 'tool', 'gen_ai.choice': 'assistant',
};

type V = Record<string, unknown>;
/** The fixture's log records by span id: [event name, body content] in file order. */
function recordsBySpan(): Map<string, Array<[string, unknown]>> {
  const out = new Map<string, Array<[string, unknown]>>();
  for (const rl of loadFixture('otel-instrumentation-openai', 'logs.json').resourceLogs as V[]) {
    for (const sl of rl.scopeLogs as V[]) {
      for (const r of sl.logRecords as V[]) {
        const name = (r.eventName as string | undefined) ?? ((r.attributes as V[]).find((a) => a.key === 'event.name')!.value as V).stringValue as string;
        const body = ((r.body as V).kvlistValue as { values: Array<{ key: string; value: V }> }).values;
        const content = body.find((kv) => kv.key === 'content')?.value.stringValue;
        const list = out.get(r.spanId as string) ?? [];
        list.push([name, content]);
        out.set(r.spanId as string, list);
      }
    }
  }
  return out;
}

async function logsBody(kind: ExporterKind): Promise<{ body: Buffer; traceId: string; spanId: string }> {
  const spans = await recordSpans((tracer) => tracer.startSpan('chat gpt-4o', { attributes: { 'gen_ai.operation.name': 'chat' } }, ROOT_CONTEXT).end());
  const records = await recordLogs((logger) => genAiEvents(logger, spans[0]!, 'Where is my refund?', 'On its way.'));
  const ctx = spans[0]!.spanContext();
  return { body: await captureLogsBody(kind, records), traceId: ctx.traceId, spanId: ctx.spanId };
}

describe('model: GenAI events in OTLP logs', () => {
  it('the official OpenAI instrumentation: each chat step shows the messages its log records hold, in order', () => {
    const records = recordsBySpan();
    const t = traceFromOtlp({ ...loadFixture('otel-instrumentation-openai'), ...loadFixture('otel-instrumentation-openai', 'logs.json') });
    let checked = 0;
    for (const s of rawSpans('otel-instrumentation-openai')) {
      const mine = records.get(s.spanId);
      if (!mine || s.attrs['gen_ai.operation.name'] !== 'chat') continue;
      const d = stepOf(t, s.spanId).detail;
      assert.equal(d.kind, 'llm');
      if (d.kind !== 'llm') continue;
      // The prompt's messages, then the choices (the answer).
      const expected = [...mine.filter(([n]) => n !== 'gen_ai.choice'), ...mine.filter(([n]) => n === 'gen_ai.choice')];
      assert.deepEqual(d.messages.map((m) => m.role), expected.map(([name]) => ROLE[name]), `${s.name} roles`);
      const user = mine.find(([name]) => name === 'gen_ai.user.message');
      if (user) assert.equal(d.messages.find((m) => m.role === 'user')?.content, user[1]);
      checked++;
    }
    assert.ok(checked >= 3, `${checked} chat spans with events`);
    // Without the logs the same spans have no messages: the content really came from the records.
    const bare = traceFromOtlp(loadFixture('otel-instrumentation-openai'));
    const first = rawSpans('otel-instrumentation-openai').find((s) => records.has(s.spanId))!;
    assert.deepEqual((stepOf(bare, first.spanId).detail as { messages: unknown[] }).messages, []);
  });

  it('opens JSON Lines with traces and logs on separate lines, logs first or last', () => {
    const spans = JSON.stringify(loadFixture('otel-instrumentation-openai'));
    const logs = JSON.stringify(loadFixture('otel-instrumentation-openai', 'logs.json'));
    const a = traceFromFile(parseTraceText(`${logs}\n${spans}\n`, 'run.jsonl'));
    const b = traceFromFile(parseTraceText(`${spans}\n${logs}\n`, 'run.jsonl'));
    assert.deepEqual(a, b);
    const user = rawSpans('otel-instrumentation-openai').find((s) => s.name === 'chat gpt-4o-mini')!;
    assert.ok((stepOf(a, user.spanId).detail as { messages: unknown[] }).messages.length > 0);
    assert.throws(() => traceFromFile(JSON.parse(logs)), /log export without spans/);
  });

  for (const kind of ['protobuf', 'json'] as const) {
    it(`reads the SDK's ${kind} log export: GenAI events by eventName or event.name, other records skipped`, async () => {
      const { body, traceId, spanId } = await logsBody(kind);
      const json = kind === 'protobuf' ? decodeLogsRequest(body) : JSON.parse(body.toString('utf8'));
      const read = readOtlpLogs(json);
      assert.deepEqual(read.events.map((e) => [e.traceId, e.spanId, e.event.name]), [
        [traceId, spanId, 'gen_ai.system.message'], [traceId, spanId, 'gen_ai.user.message'], [traceId, spanId, 'gen_ai.choice'],
      ]);
      assert.equal(read.skipped, 1);
      assert.equal(read.events[1]!.event.attrs.content, 'Where is my refund?');
      assert.ok(read.events[0]!.event.time > 0);
    });
  }

  it('refuses malformed protobuf log bodies', async () => {
    const { body } = await logsBody('protobuf');
    assert.throws(() => decodeLogsRequest(body.subarray(0, body.length - 3)), ProtoDecodeError);
    assert.throws(() => decodeLogsRequest(Buffer.from([0x0a, 0x05, 0x01])), ProtoDecodeError);
  });
});
