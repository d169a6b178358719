import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import { expectProblem, getJson, json, postJson, recordPath } from './helpers';

const DATASET = '3f2b8c1e-6a4d-4e8f-9b7a-1c2d3e4f5a6b';

describe('simulator: execute and datasets', () => {
  let sim: Simulator;
  before(async () => { sim = await startSimulator({ seed: 5 }); });
  after(async () => { await sim.close(); });

  it('creates a new record that lists first and is counted', async () => {
    const before = sim.data.recordsByAgent.get('invoice-extractor')?.length ?? 0;
    const res = await postJson(sim, '/agents/invoice-extractor:execute', { parameters: { fileId: 'file_x' }, mode: 'SANDBOX', environmentSlug: 'staging' });
    assert.equal(res.status, 200);
    const body = await json(res);
    assert.deepEqual(Object.keys(body), ['response', 'trace', 'sessionId', 'links', 'executionRecordId', 'status', 'humanApprovalRequestId']);
    assert.equal(body.status, 'COMPLETED');
    assert.equal(body.humanApprovalRequestId, null);
    assert.ok(body.trace.traces.length === 1 && body.response.length > 0);
    assert.equal(sim.count('execute', 'POST'), 1);
    const page = await getJson(sim, '/agents/invoice-extractor/executionRecords?pageSize=1');
    assert.equal(page.items[0].id, body.executionRecordId);
    assert.equal(page.items[0].environmentSlug, 'staging');
    assert.equal(page.totalCount, before + 1);
    const trace = await getJson(sim, `/agents/invoice-extractor/executionRecords/${body.executionRecordId}:trace`);
    assert.deepEqual(trace.trace.traces, body.trace.traces);
  });

  it('derives the trace from the parameters', async () => {
    const run = async (parameters: unknown): Promise<any> => json(await postJson(sim, '/agents/support-triage:execute', { parameters }));
    const a = await run({ message: 'hello', ticketId: 'ZD-1' });
    const b = await run({ ticketId: 'ZD-1', message: 'hello' });
    const c = await run({ ticketId: 'ZD-2', message: 'hello' });
    assert.notEqual(a.executionRecordId, b.executionRecordId);
    // Times follow the clock and the user message echoes the caller's key order; the rest follows the parameters.
    const shape = (x: any): string => JSON.stringify(x.trace.traces, (k, v) => (/Time$|^duration|^content$/.test(k) ? undefined : v));
    assert.equal(shape(a), shape(b));
    assert.notEqual(shape(a), shape(c));
    assert.equal(a.response, b.response);
  });

  it('validates the execute body', async () => {
    for (const body of [{ parameters: 'text' }, { parameters: [1, 2] }, { mode: 'TURBO' }, { sessionId: 7 }, [1]]) {
      await expectProblem(await postJson(sim, '/agents/support-triage:execute', body), 400);
    }
    assert.equal((await postJson(sim, '/agents/support-triage:execute', { parameters: null })).status, 200);
  });

  it('executes a given revision, 404 for an unknown one', async () => {
    const res = await postJson(sim, '/agents/code-review-bot/revisions/2:execute', { parameters: { repo: 'acme/api' } });
    assert.equal(res.status, 200);
    assert.equal((await json(res)).trace.agentRevision, 2);
    await expectProblem(await postJson(sim, '/agents/code-review-bot/revisions/99:execute', {}), 404);
    await expectProblem(await postJson(sim, '/agents/code-review-bot/revisions/two:execute', {}), 400);
    await expectProblem(await postJson(sim, '/agents/missing:execute', {}), 404);
  });

  it('adds a record to datasets and lists its samples', async () => {
    const ref = sim.data.special.hitl;
    assert.deepEqual(await getJson(sim, recordPath(ref, '/samples')), []);
    const res = await postJson(sim, recordPath(ref, ':addToDatasets'), { datasetIds: [DATASET, DATASET], quality: 'GOOD', tags: ['refund'] }, 'token');
    assert.equal(res.status, 200);
    const samples = await json(res);
    assert.equal(samples.length, 2, 're-adding creates another row');
    assert.deepEqual(Object.keys(samples[0]), ['id', 'tenantId', 'createdAt', 'modifiedAt', 'createdBy', 'datasetId', 'executionId',
      'inputPayload', 'output', 'agentRevision', 'quality', 'isGolden', 'tags']);
    assert.equal(samples[0].executionId, ref.recordId);
    assert.deepEqual(Object.keys(samples[0].tags[0]), ['id', 'tenantId', 'sampleId', 'tag', 'sample']);
    assert.equal(samples[0].tags[0].sampleId, samples[0].id);
    assert.ok(!JSON.stringify(samples).includes(sim.token));
    assert.deepEqual(await getJson(sim, recordPath(ref, '/samples')), samples);
    assert.equal((await getJson(sim, recordPath(ref))).isSample, true);
  });

  it('rejects bad dataset requests', async () => {
    const path = recordPath(sim.data.special.failed, ':addToDatasets');
    for (const body of [{}, { datasetIds: [] }, { datasetIds: ['not-a-guid'] }, { datasetIds: [DATASET], quality: 'EXCELLENT' }]) {
      await expectProblem(await postJson(sim, path, body), 400);
    }
    assert.equal((await postJson(sim, path, { datasetIds: [DATASET], quality: 'NeedsReview' })).status, 200);
  });
});
