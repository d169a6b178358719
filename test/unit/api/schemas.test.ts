// The zod schemas against the seed examples and the drift a real service can show. No network.
import assert from 'node:assert/strict';
import {
  AgentListSchema, EnvironmentSummaryListSchema, ExecuteResponseSchema, ExecutionRecordPageSchema, ExecutionRecordSchema,
  OtlpTraceSchema, ProjectedTraceSchema, ResultResponseSchema, SampleListSchema, TraceResponseSchema, TraceStepSchema, isRunning,
} from '../../../src/api/fruxon/schemas';

// Seed 000's list item, verbatim.
const seedRecord = {
  id: '00000000-0000-0000-0000-000000000000', agentId: 'string', agentRevision: 0, remoteAgentRevision: 'string', startTime: 0,
  endTime: 0, status: 'IN_PROGRESS', deliveryStatus: 'NOT_APPLICABLE', inputTokens: 0, outputTokens: 0, cachedTokens: 0,
  hasResult: false, hasTrace: false, isSample: false, trigger: { type: 'UNSPECIFIED', id: 'string', provider: 'string' },
  destinations: [], environmentSlug: 'string', createdAt: 0, tenantId: '00000000-0000-0000-0000-000000000000', inputCost: 0,
  outputCost: 0, cachedCost: 0, thinkingCost: 0, totalCost: 0,
};

// Seed 002's step, verbatim.
const seedStep = {
  id: 'string', displayName: 'string', type: 'TOOL',
  llmStepTrace: { providerId: 'string', model: 'string', inputTokens: 0, outputTokens: 0, cachedTokens: 0, thinkingTokens: 0, inputCost: 0,
    outputCost: 0, cachedCost: 0, tools: [], llmMessages: [], serverToolInvocations: [] },
  toolTrace: { tool: null, displayName: 'string', toolType: 'UNSPECIFIED', parameters: {}, cost: null },
  hitlTrace: { requestId: '00000000-0000-0000-0000-000000000000', gateType: 'UNSPECIFIED', toolKey: 'string', stepIdentifier: 'string',
    requestedAt: 0, respondedAt: null, respondedBy: 'string', decision: null, responseText: 'string', outboundMessage: 'string',
    proposedParameters: null, deliveryRoute: null, correlationToken: 'string', durationMs: null },
  steps: [], result: { strValue: 'string', jsonValue: null, fileLink: 'string' }, status: 'SUCCESS', error: 'string',
  startTime: 0, endTime: 0, duration: 0,
};

describe('api: fruxon schemas', () => {
  it('parses seed 000 (records page) and keeps every field', () => {
    const page = ExecutionRecordPageSchema.parse({ items: [seedRecord], nextPageToken: 'string', totalCount: 0 });
    assert.deepEqual(page.items[0], seedRecord);
    assert.equal(page.nextPageToken, 'string');
    assert.ok(isRunning(page.items[0]!), 'endTime 0 and IN_PROGRESS');
  });

  it('defaults missing optional record fields and accepts numeric strings, ISO dates and numeric enums', () => {
    const r = ExecutionRecordSchema.parse({ id: 'r1', agentId: 'a', startTime: '1767225600000', endTime: '2026-01-01T00:00:05Z', status: 2, inputTokens: '12' });
    assert.equal(r.startTime, 1767225600000);
    assert.equal(r.endTime, Date.UTC(2026, 0, 1, 0, 0, 5));
    assert.equal(r.status, '2', 'an older numeric enum is kept as its string');
    assert.equal(r.inputTokens, 12);
    for (const k of ['outputTokens', 'cachedTokens', 'inputCost', 'outputCost', 'cachedCost', 'thinkingCost', 'totalCost', 'agentRevision'] as const) assert.equal(r[k], 0, k);
    assert.deepEqual(r.destinations, []);
    assert.equal(r.hasTrace, false);
    assert.equal(r.trigger, undefined);
    assert.equal(isRunning(r), false);
    assert.equal(isRunning({ endTime: 0, status: 'Completed' }), false, 'a final status wins over a missing end');
    assert.equal(isRunning({ endTime: 0, status: 'QUANTUM_PENDING' }), true);
  });

  it('requires ids and start times, and says where the bad field is', () => {
    const r = ExecutionRecordPageSchema.safeParse({ items: [seedRecord, { ...seedRecord, startTime: 'yesterday' }] });
    assert.ok(!r.success);
    assert.deepEqual(r.error.issues[0]?.path, ['items', 1, 'startTime']);
    assert.ok(!ExecutionRecordSchema.safeParse({ ...seedRecord, id: undefined }).success);
  });

  it('keeps unknown enum values and extra fields, nested ones included', () => {
    const step = TraceStepSchema.parse({ ...seedStep, type: 'QUANTUM_STEP', x_new: { a: 1 }, steps: [{ ...seedStep, status: 'Success', x_inner: true }] });
    assert.equal(step.type, 'QUANTUM_STEP');
    assert.deepEqual(step.x_new, { a: 1 });
    assert.equal(step.steps[0]?.status, 'Success', 'spelling is kept as sent');
    assert.equal(step.steps[0]?.x_inner, true);
  });

  it('parses seed 002 with recursively nested steps, defaulting what a sparse step leaves out', () => {
    const deep = { id: 'leaf', startTime: 5 };
    const t = ProjectedTraceSchema.parse({ executionRecordId: 'e', rawSpanCount: 3, traces: [{ ...seedStep, steps: [{ ...seedStep, id: 'mid', steps: [deep] }] }] });
    const leaf = t.traces[0]?.steps[0]?.steps[0];
    assert.ok(leaf);
    assert.deepEqual({ id: leaf.id, type: leaf.type, status: leaf.status, endTime: leaf.endTime, duration: leaf.duration, steps: leaf.steps, displayName: leaf.displayName },
      { id: 'leaf', type: 'UNSPECIFIED', status: 'UNSPECIFIED', endTime: 0, duration: 0, steps: [], displayName: '' });
    assert.equal(leaf.llmStepTrace, undefined);
    const llm = TraceStepSchema.parse({ ...seedStep, llmStepTrace: { model: 'm' } }).llmStepTrace;
    assert.deepEqual([llm?.inputTokens, llm?.thinkingTokens, llm?.llmMessages], [0, 0, []]);
    assert.equal(ProjectedTraceSchema.parse({ executionRecordId: 'e' }).rawSpanCount, 0);
    assert.deepEqual(ProjectedTraceSchema.parse({ executionRecordId: 'e', traces: null }).traces, []);
  });

  it('parses seed 004 (execute response), :trace and :result', () => {
    const ex = ExecuteResponseSchema.parse({
      response: 'string', trace: { agentId: 'string', agentRevision: 0, createdAt: 0, parameters: {}, startTime: 0, endTime: 0, duration: 0,
        traces: [{ ...seedStep, type: 'UNSPECIFIED', llmStepTrace: null, toolTrace: null, hitlTrace: null, result: null, status: 'UNSPECIFIED' }],
        result: { strValue: 'string', jsonValue: null, fileLink: 'string' }, inputCost: 0, outputCost: 0, totalCost: 0 },
      sessionId: 'string', links: [{ fileId: 'string', fileType: 'string', promptLink: '<string:string/>' }],
      executionRecordId: '00000000-0000-0000-0000-000000000000', status: 'COMPLETED', humanApprovalRequestId: '00000000-0000-0000-0000-000000000000',
    });
    assert.equal(ex.trace?.traces[0]?.llmStepTrace, null);
    assert.equal(ex.links[0]?.promptLink, '<string:string/>');
    assert.equal(ExecuteResponseSchema.parse({ response: { answer: 42 } }).response, '{"answer":42}', 'a structured answer stays readable');
    const tr = TraceResponseSchema.parse({ status: 'COMPLETED', trace: { agentExecutionRecordId: 'e', traces: [seedStep] } });
    assert.equal(tr.trace?.traces.length, 1);
    const res = ResultResponseSchema.parse({ agentExecutionRecordId: 'e', parameters: { q: 1 }, result: null });
    assert.deepEqual(res.parameters, { q: 1 });
  });

  it('accepts agents, summaries and samples as an array or wrapped in {items}', () => {
    const agent = { id: 'a', displayName: 'A', description: null, tags: ['x'], type: 0, enabled: true, currentRevision: 3, createdAt: 1, modifiedAt: 2, tenantId: 't', origin: 'NATIVE' };
    assert.deepEqual(AgentListSchema.parse([agent]), AgentListSchema.parse({ items: [agent] }));
    assert.equal(AgentListSchema.parse({ agents: [agent] })[0]?.type, '0');
    const minimal = AgentListSchema.parse([{ id: 'b', name: 'Bee' }])[0];
    assert.deepEqual([minimal?.displayName, minimal?.tags, minimal?.enabled], ['Bee', [], true]);
    const summaries = EnvironmentSummaryListSchema.parse({ items: [{ environment: 'prod', count: '4', cost: 1.5, lastActivity: '2026-01-01T00:00:00Z' }] });
    assert.deepEqual({ ...summaries[0] }, { environment: 'prod', count: '4', cost: 1.5, lastActivity: '2026-01-01T00:00:00Z',
      environmentSlug: 'prod', executionCount: 4, totalCost: 1.5, lastActivityTime: Date.UTC(2026, 0, 1) });
    assert.deepEqual(EnvironmentSummaryListSchema.parse([{ environmentSlug: 'dev' }])[0], { environmentSlug: 'dev', executionCount: 0, totalCost: 0, lastActivityTime: 0 });
    const samples = SampleListSchema.parse([{ id: 's', datasetId: 'd', quality: 'NeedsReview', tags: ['t1', { id: 'x', tag: 't2', sample: null }] }]);
    assert.deepEqual(samples[0]?.tags.map((t) => t.tag), ['t1', 't2']);
    assert.equal(samples[0]?.isGolden, false);
  });

  it('checks only the OTLP envelope', () => {
    assert.ok(OtlpTraceSchema.safeParse({ resourceSpans: [{ anything: true }] }).success);
    assert.ok(!OtlpTraceSchema.safeParse({ spans: [] }).success);
  });
});
