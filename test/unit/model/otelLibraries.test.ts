// Each major instrumentation library's real output (test/fixtures/otel/) mapped completely: every LLM call an LLM
// step with model, provider, tokens, messages by role, tool calls and offered tools; every tool call a tool step
// with name, arguments and result; embeddings with model and tokens; errors flagged. What each step should hold
// is read from the span's own attributes in the file.
import assert from 'node:assert/strict';
import { traceFromOtlp } from '../../../src/model/otlp';
import { unwrapEntityInput } from '../../../src/model/otlpSteps';
import type { Step, StepDetail } from '../../../src/model/types';
import { json, loadFixture, rawSpans, stepOf } from './otelLibraryFixtures';
import type { Library, RawSpan } from './otelLibraryFixtures';

function detail<K extends StepDetail['kind']>(s: Step, kind: K): Extract<StepDetail, { kind: K }> {
  assert.equal(s.detail.kind, kind, `${s.name} (${s.id}) is ${s.detail.kind}, expected ${kind}`);
  return s.detail as Extract<StepDetail, { kind: K }>;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);

function mapped(lib: Library) {
  const trace = traceFromOtlp(loadFixture(lib));
  const spans = rawSpans(lib);
  return { trace, spans, step: (s: RawSpan) => stepOf(trace, s.spanId) };
}

/** Errors: every span with status ERROR is a step with status error and a message; no other step is. */
function checkErrors(lib: Library): void {
  const { spans, step } = mapped(lib);
  assert.ok(spans.some((s) => s.statusCode === 2) || lib === 'openinference-openai' || lib === 'openllmetry', `${lib} has a failing call`);
  for (const s of spans) {
    assert.equal(step(s).status === 'error', s.statusCode === 2, `${lib} ${s.name}: status`);
    if (s.statusCode === 2) assert.ok(step(s).error, `${lib} ${s.name}: error message`);
  }
}

/** GenAI semantic-convention spans (chat, embeddings, execute_tool): what the attributes say, the step shows. */
function checkGenAi(lib: Library): void {
  const { trace, spans, step } = mapped(lib);
  let input = 0;
  let output = 0;
  for (const s of spans) {
    const a = s.attrs;
    const op = a['gen_ai.operation.name'];
    if (op === 'chat' || op === 'embeddings') {
      const d = detail(step(s), 'llm');
      assert.ok(d.model && d.provider, `${s.name}: model and provider`);
      assert.equal(d.model, a['gen_ai.response.model'] ?? a['gen_ai.request.model']);
      assert.equal(d.provider, a['gen_ai.provider.name'] ?? a['gen_ai.system']);
      assert.equal(step(s).tokens.input, num(a['gen_ai.usage.input_tokens']), `${s.name} input tokens`);
      assert.equal(step(s).tokens.output, num(a['gen_ai.usage.output_tokens']));
      input += num(a['gen_ai.usage.input_tokens']);
      output += num(a['gen_ai.usage.output_tokens']);
      if (a['gen_ai.input.messages'] !== undefined) {
        const msgs = [...(json(a['gen_ai.system_instructions']) !== undefined ? [{ role: 'system' }] : []),
          ...(json(a['gen_ai.input.messages']) as Array<{ role: string }>), ...(json(a['gen_ai.output.messages'] ?? '[]') as Array<{ role: string }>)];
        assert.deepEqual(d.messages.map((m) => m.role), msgs.map((m) => m.role), `${s.name} roles`);
      }
      const outCalls = (json(a['gen_ai.output.messages'] ?? '[]') as Array<{ parts: Array<{ type: string; name?: string }> }>)
        .flatMap((m) => m.parts.filter((p) => p.type === 'tool_call').map((p) => p.name));
      assert.deepEqual(d.messages.at(-1)?.toolCalls?.map((c) => c.name) ?? [], outCalls, `${s.name} tool calls`);
      const offered = (json(a['gen_ai.tool.definitions'] ?? '[]') as Array<{ name?: string; function?: { name: string } }>).map((t) => t.name ?? t.function?.name);
      assert.deepEqual(d.tools.map((t) => t.name), offered, `${s.name} offered tools`);
    } else if (op === 'execute_tool') {
      const d = detail(step(s), 'tool');
      assert.equal(d.tool, a['gen_ai.tool.name']);
      assert.deepEqual(d.parameters, json(a['gen_ai.tool.call.arguments']));
      assert.deepEqual(d.result?.json, json(a['gen_ai.tool.call.result']));
    } else if (op === 'invoke_agent') {
      assert.equal(step(s).kind, 'agent');
      // The agent span repeats its calls' usage: not counted again.
      assert.equal(step(s).tokens.input, 0);
    }
  }
  assert.ok(input > 0);
  assert.deepEqual([trace.tokens.input, trace.tokens.output], [input, output], 'trace totals count each call once');
}

/** The AI SDK's own `ai.*` spans (v6, and v7's LegacyOpenTelemetry). */
function checkVercelAi(lib: Library): void {
  const { trace, spans, step } = mapped(lib);
  let input = 0;
  for (const s of spans) {
    const a = s.attrs;
    const op = a['ai.operationId'] as string;
    if (/\.do(Generate|Stream)$/.test(op)) {
      const d = detail(step(s), 'llm');
      assert.ok(d.model && d.provider, `${s.name}: model and provider`);
      assert.equal(d.model, a['ai.model.id'] ?? a['gen_ai.request.model']);
      assert.equal(d.provider, a['gen_ai.system'] ?? a['ai.model.provider']);
      assert.equal(step(s).tokens.input, num(a['ai.usage.inputTokens']));
      assert.equal(step(s).tokens.output, num(a['ai.usage.outputTokens']));
      input += num(a['ai.usage.inputTokens']);
      const prompt = json(a['ai.prompt.messages']) as Array<{ role: string }>;
      const calls = (json(a['ai.response.toolCalls'] ?? '[]') as Array<{ toolName: string }>).map((c) => c.toolName);
      const answered = Boolean(a['ai.response.text']) || calls.length > 0;
      assert.deepEqual(d.messages.map((m) => m.role), [...prompt.map((m) => m.role), ...(answered ? ['assistant'] : [])], `${s.name} roles`);
      if (calls.length > 0) assert.deepEqual(d.messages.at(-1)!.toolCalls!.map((c) => c.name), calls);
      if (a['ai.response.text']) assert.equal(d.result?.text, a['ai.response.text']);
      // Tool results in the prompt keep their call id.
      for (const m of d.messages.filter((x) => x.role === 'tool')) assert.ok(m.toolCallId, 'tool message has its call id');
      const offered = ((a['ai.prompt.tools'] as string[] | undefined) ?? []).map((t) => (JSON.parse(t) as { name: string }).name);
      assert.deepEqual(d.tools.map((t) => t.name), offered);
      // Read as GenAI keys for the mapping only: the attribute view shows what the span said.
      assert.equal(step(s).attributes?.['gen_ai.input.messages'], undefined);
      assert.equal(step(s).attributes?.['ai.prompt.messages'], a['ai.prompt.messages']);
    } else if (/\.doEmbed$/.test(op)) {
      const d = detail(step(s), 'llm');
      assert.ok(d.model && d.provider, `${s.name}: model and provider`);
      assert.equal(d.model, a['ai.model.id']);
      assert.equal(step(s).tokens.input, num(a['ai.usage.tokens']));
      assert.deepEqual(d.messages.map((m) => m.content), (a['ai.values'] as string[]).map((v) => JSON.parse(v) as string));
      input += num(a['ai.usage.tokens']);
    } else if (op === 'ai.toolCall') {
      const d = detail(step(s), 'tool');
      assert.equal(d.tool, a['ai.toolCall.name']);
      assert.deepEqual(d.parameters, json(a['ai.toolCall.args']));
      assert.deepEqual(d.result?.json, json(a['ai.toolCall.result']));
    } else {
      // Outer calls repeat their provider calls' usage; they are not LLM steps and count nothing.
      assert.notEqual(step(s).kind, 'llm', `${op} is not an LLM step`);
      assert.equal(step(s).tokens.input, 0);
      assert.equal(step(s).rawType, op);
    }
  }
  assert.equal(trace.tokens.input, input, 'each provider call counted once');
  assert.ok(spans.some((s) => /doEmbed$/.test(s.attrs['ai.operationId'] as string)) && spans.some((s) => s.attrs['ai.operationId'] === 'ai.streamText.doStream'));
  checkErrors(lib);
}

describe('model: real instrumentation libraries (test/fixtures/otel)', () => {
  it('Vercel AI SDK v6 (ai.* attributes): provider calls are LLM steps, outer calls agents, tool calls tools; tokens once', () => {
    checkVercelAi('vercel-ai-v6');
  });

  it('Vercel AI SDK v7 with @ai-sdk/otel LegacyOpenTelemetry (the same ai.* spans, no gen_ai.* keys)', () => {
    checkVercelAi('vercel-ai-v7-legacy');
  });

  it('Vercel AI SDK v7 (@ai-sdk/otel, GenAI conventions): chat, tools, embeddings; agent usage not counted twice', () => {
    checkGenAi('vercel-ai-v7');
    checkErrors('vercel-ai-v7');
  });

  it('OpenInference OpenAI + traceAgent/traceTool: LLM, tool named after its span, embeddings with model', () => {
    const { spans, step } = mapped('openinference-openai');
    for (const s of spans) {
      const a = s.attrs;
      const kind = a['openinference.span.kind'];
      if (kind === 'LLM') {
        const d = detail(step(s), 'llm');
      assert.ok(d.model && d.provider, `${s.name}: model and provider`);
        assert.equal(d.model, a['llm.model_name']);
        assert.equal(d.provider, a['llm.provider'] ?? a['llm.system']);
        assert.equal(step(s).tokens.input, num(a['llm.token_count.prompt']));
        assert.equal(step(s).tokens.output, num(a['llm.token_count.completion']));
        const roles = (prefix: string) => Object.keys(a).filter((k) => k.startsWith(prefix) && k.endsWith('.message.role')).sort().map((k) => a[k]);
        assert.deepEqual(d.messages.map((m) => m.role), [...roles('llm.input_messages.'), ...roles('llm.output_messages.')]);
        const calls = Object.keys(a).filter((k) => /^llm\.output_messages\.0\.message\.tool_calls\.\d+\.tool_call\.function\.name$/.test(k)).map((k) => a[k]);
        assert.deepEqual(d.messages.at(-1)?.toolCalls?.map((c) => c.name) ?? [], calls);
        const offered = Object.keys(a).filter((k) => /^llm\.tools\.\d+\.tool\.json_schema$/.test(k)).map((k) => (JSON.parse(a[k] as string) as { function: { name: string } }).function.name);
        assert.deepEqual(d.tools.map((t) => t.name), offered);
      } else if (kind === 'TOOL') {
        const d = detail(step(s), 'tool');
        assert.equal(a['tool.name'], undefined, 'traceTool without a name writes no tool.name');
        assert.equal(d.tool, s.name);
        assert.deepEqual(d.parameters, json(a['input.value']));
        assert.deepEqual(d.result?.json, json(a['output.value']));
      } else if (kind === 'EMBEDDING') {
        const d = detail(step(s), 'llm');
      assert.ok(d.model && d.provider, `${s.name}: model and provider`);
        assert.equal(d.model, a['embedding.model_name']);
        assert.deepEqual(d.messages.map((m) => m.content), Object.keys(a).filter((k) => k.endsWith('.embedding.text')).sort().map((k) => a[k]));
      } else assert.equal(kind, 'AGENT');
    }
    assert.ok(spans.some((s) => s.attrs['openinference.span.kind'] === 'EMBEDDING'));
  });

  it('OpenInference LangChain: provider from the run metadata, tool with tool.name, the failing call flagged', () => {
    const { spans, step } = mapped('openinference-langchain');
    for (const s of spans) {
      const a = s.attrs;
      if (a['openinference.span.kind'] === 'LLM') {
        const d = detail(step(s), 'llm');
      assert.ok(d.model && d.provider, `${s.name}: model and provider`);
        assert.equal(d.model, a['llm.model_name']);
        assert.equal(d.provider, (JSON.parse(a.metadata as string) as { ls_provider: string }).ls_provider);
        assert.equal(step(s).tokens.input, num(a['llm.token_count.prompt']));
      } else {
        const d = detail(step(s), 'tool');
        assert.equal(d.tool, a['tool.name']);
        assert.deepEqual(d.parameters, a['input.value']);
      }
    }
    checkErrors('openinference-langchain');
  });

  it('OpenLLMetry: chat spans by the GenAI conventions; tool arguments unwrapped from {"args","kwargs"}, the raw value kept', () => {
    checkGenAi('openllmetry');
    const { spans, step } = mapped('openllmetry');
    const tools = spans.filter((s) => s.attrs['traceloop.span.kind'] === 'tool');
    assert.ok(tools.length > 0);
    for (const s of tools) {
      const wrapped = JSON.parse(s.attrs['traceloop.entity.input'] as string) as { args: unknown[]; kwargs: Record<string, unknown> };
      assert.deepEqual(wrapped.args, []);
      const d = detail(step(s), 'tool');
      assert.equal(d.tool, s.attrs['traceloop.entity.name']);
      assert.deepEqual(d.parameters, wrapped.kwargs);
      assert.equal(step(s).attributes?.['traceloop.entity.input'], s.attrs['traceloop.entity.input'], 'raw value one click away');
      assert.deepEqual(d.result?.json, json(s.attrs['traceloop.entity.output']));
    }
  });

  it('Traceloop entity inputs: keyword arguments, a lone positional argument, anything else as given', () => {
    assert.deepEqual(unwrapEntityInput('{"args":[],"kwargs":{"city":"Paris"}}'), { city: 'Paris' });
    assert.deepEqual(unwrapEntityInput('{"args":["Paris"],"kwargs":{}}'), 'Paris');
    assert.deepEqual(unwrapEntityInput('{"args":[1,2],"kwargs":{"x":3}}'), { args: [1, 2], kwargs: { x: 3 } });
    assert.equal(unwrapEntityInput('{"args":[],"kwargs":{}}'), undefined);
    assert.deepEqual(unwrapEntityInput('{"args":[],"kwargs":{},"other":1}'), { args: [], kwargs: {}, other: 1 });
    assert.equal(unwrapEntityInput('plain text'), 'plain text');
  });

  it('@opentelemetry/instrumentation-openai spans: model, tokens, tools and errors (content arrives as log records)', () => {
    checkGenAi('otel-instrumentation-openai');
    checkErrors('otel-instrumentation-openai');
  });
});
