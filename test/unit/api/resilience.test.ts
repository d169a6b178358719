// Failure handling against the simulator's faults: retries and Retry-After, the POST rule, timeouts,
// cancellation, truncated bodies, schema drift — and that no error or log line ever holds the credential.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import type { Simulator } from '../../../simulator/index';
import type { ApiError } from '../../../src/api/errors';
import { FruxonClient } from '../../../src/api/fruxon/client';
import type { FruxonClientOptions } from '../../../src/api/fruxon/client';
import { EXECUTION_STATUSES, STEP_TYPES, enumEquals, knownEnum, normalizeEnum } from '../../../src/api/fruxon/enums';
import { FAST_RETRY, apiError, closedPort, dumpError } from './support';

const CANARY_KEY = 'fx_live_CANARY_5f1d2e3c4b5a69788796a5b4';
const CANARY_TOKEN = 'fx_pat_CANARY_TOKEN_0a9b8c7d6e5f4a3b';
const DATASET = '11111111-2222-3333-4444-555555555555';

describe('api: FruxonClient resilience (simulator faults)', function () {
  this.timeout(20_000);
  let sim: Simulator;
  let client: FruxonClient;
  const errors: unknown[] = [];
  const logLines: string[] = [];
  const agentId = 'support-triage';
  const record = (): string => sim.data.recordsByAgent.get(agentId)![3]!.id;
  const execute = (c = client, signal?: AbortSignal) => c.execute(agentId, { parameters: { q: 'x' } }, signal ? { signal } : undefined);

  const make = (over: Partial<FruxonClientOptions> = {}): FruxonClient => new FruxonClient({
    baseUrl: sim.baseUrl, tenant: sim.tenant, credential: CANARY_KEY, retry: FAST_RETRY,
    logger: (level, message) => logLines.push(`${level} ${message}`), ...over,
  });
  /** Every error of this suite is kept and checked for the canary at the end. */
  const failure = async (p: Promise<unknown>): Promise<ApiError> => {
    const e = await apiError(p);
    errors.push(e);
    return e;
  };

  before(async () => {
    sim = await startSimulator({ port: 0, seed: 3, apiKey: CANARY_KEY, token: CANARY_TOKEN, quiet: true });
    client = make();
  });
  beforeEach(() => {
    sim.resetLog();
    sim.clearFaults();
  });
  after(async () => {
    await client.close();
    await sim.close();
  });

  describe('retries of GETs', () => {
    it('waits out a 429 Retry-After (seconds), then succeeds', async () => {
      sim.setFaults([{ route: 'listAgents', status: 429, retryAfter: '1', times: 1 }]);
      const t = Date.now();
      assert.equal((await client.listAgents()).length, sim.data.agents.length);
      assert.ok(Date.now() - t >= 1_000, `waited ${Date.now() - t} ms`);
      assert.equal(sim.count('listAgents'), 2);
    });

    it('waits out two 503s with Retry-After: exactly N+1 requests', async () => {
      sim.setFaults([{ route: 'getExecutionRecord', status: 503, retryAfter: '1', times: 2 }]);
      const t = Date.now();
      await client.getExecutionRecord(agentId, record());
      assert.ok(Date.now() - t >= 2_000, `waited ${Date.now() - t} ms`);
      assert.equal(sim.count('getExecutionRecord'), 3);
    });

    it('honours an HTTP-date Retry-After', async () => {
      const at = Math.ceil((Date.now() + 1_500) / 1000) * 1000;
      sim.setFaults([{ route: 'getAgent', status: 503, retryAfter: new Date(at).toUTCString(), times: 1 }]);
      await client.getAgent(agentId);
      assert.ok(Date.now() >= at - 20, `retried ${at - Date.now()} ms early`);
      assert.equal(sim.count('getAgent'), 2);
    });

    it('does not wait for a Retry-After beyond the cap, and reports it', async () => {
      sim.setFaults([{ route: 'listAgents', status: 429, retryAfter: '120' }]);
      const t = Date.now();
      const e = await failure(client.listAgents());
      assert.ok(Date.now() - t < 1_000);
      assert.deepEqual([e.status, e.retryAfterMs, e.attempts], [429, 120_000, 1]);
      assert.match(e.userMessage, /rate limiting.*Try again in 120 s/);
      assert.equal(sim.count('listAgents'), 1);
    });

    it('retries 502/504 with backoff and gives up after maxRetries', async () => {
      sim.setFaults([{ route: 'summaries', status: 502, times: 1 }]);
      await client.getEnvironmentSummaries(agentId);
      assert.equal(sim.count('summaries'), 2);
      sim.resetLog();
      sim.setFaults([{ route: 'summaries', status: 504 }]);
      const e = await failure(client.getEnvironmentSummaries(agentId));
      assert.deepEqual([e.kind, e.status, e.attempts], ['http', 504, FAST_RETRY.maxRetries + 1]);
      assert.equal(sim.count('summaries'), FAST_RETRY.maxRetries + 1);
      assert.ok(logLines.some((l) => /^warn .*summaries → 504; retry 1\/3/.test(l)));
    });

    it('does not retry a 500 or a 4xx', async () => {
      sim.setFaults([{ route: 'getAgent', status: 500 }]);
      const e = await failure(client.getAgent(agentId));
      assert.deepEqual([e.status, e.attempts], [500, 1]);
      assert.match(e.userMessage, /failed to handle the request \(500 Internal Server Error\)/);
      assert.equal(sim.count('getAgent'), 1);
    });

    it('retries a GET after a connection reset', async () => {
      sim.setFaults([{ route: 'listAgents', reset: true, times: 1 }]);
      await client.listAgents();
      assert.equal(sim.count('listAgents'), 2);
      sim.resetLog();
      sim.setFaults([{ route: 'listAgents', reset: true }]);
      const e = await failure(client.listAgents());
      assert.deepEqual([e.kind, e.status, e.mayHaveReachedServer, e.attempts], ['network', 0, true, 4]);
      assert.match(e.userMessage, /connection to Fruxon was lost/);
    });

    it('retries a truncated body, and says clearly when it stays truncated', async () => {
      sim.setFaults([{ route: 'getExecutionRecord', truncate: true, times: 1 }]);
      assert.equal((await client.getExecutionRecord(agentId, record())).id, record());
      assert.equal(sim.count('getExecutionRecord'), 2);
      sim.setFaults([{ route: 'projectedTrace', truncate: true }]);
      const e = await failure(client.getProjectedTrace(agentId, record()));
      assert.deepEqual([e.kind, e.code, e.status], ['invalidResponse', 'truncated', 200]);
      assert.match(e.userMessage, /cut off or is not valid JSON/);
    });
  });

  describe('POSTs are never repeated once they may have reached the server', () => {
    const add = () => client.addToDatasets(agentId, record(), { datasetIds: [DATASET] });

    for (const [name, fault] of [
      ['a 503', { status: 503, retryAfter: '0' }], ['a 429', { status: 429, retryAfter: '0' }], ['a reset', { reset: true }], ['a truncated answer', { truncate: true }],
    ] as const) {
      it(`:execute after ${name}: one request, mayHaveReachedServer`, async () => {
        sim.setFaults([{ route: 'execute', ...fault }]);
        const e = await failure(execute());
        assert.equal(sim.count('execute'), 1);
        assert.equal(e.mayHaveReachedServer, true);
        assert.equal(e.attempts, 1);
      });
    }

    it(':addToDatasets after a 503 and a reset: one request each', async () => {
      sim.setFaults([{ route: 'addToDatasets', status: 503 }]);
      assert.equal((await failure(add())).mayHaveReachedServer, true);
      sim.setFaults([{ route: 'addToDatasets', reset: true }]);
      assert.equal((await failure(add())).mayHaveReachedServer, true);
      assert.equal(sim.count('addToDatasets'), 2);
    });

    it(':execute waits for the run, well past the timeout of reads', async () => {
      const quick = make({ timeoutMs: 150 });
      try {
        sim.setFaults([{ route: 'execute', latencyMs: 500 }]);
        const res = await quick.execute(agentId, {});
        assert.ok(res.executionRecordId, 'the run came back');
        assert.equal(sim.count('execute'), 1);
      } finally {
        await quick.close();
      }
    });

    it(':execute after its own timeout: one request, kind timeout', async () => {
      const quick = make({ timeoutMs: 150 });
      try {
        sim.setFaults([{ route: 'execute', latencyMs: 600 }]);
        const t = Date.now();
        const e = await failure(quick.execute(agentId, {}, { timeoutMs: 150 }));
        assert.ok(Date.now() - t < 550, 'gave up at the timeout');
        assert.deepEqual([e.kind, e.status, e.mayHaveReachedServer, e.attempts], ['timeout', 0, true, 1]);
        assert.equal(sim.count('execute'), 1);
      } finally {
        await quick.close();
      }
    });

    it('retries a POST to a closed port (connection refused), which never reached anything', async () => {
      const c = new FruxonClient({ baseUrl: `http://127.0.0.1:${await closedPort()}`, tenant: 't', credential: CANARY_KEY, retry: FAST_RETRY });
      try {
        const e = await failure(c.execute(agentId, {}));
        assert.deepEqual([e.kind, e.code, e.status, e.mayHaveReachedServer, e.attempts], ['network', 'ECONNREFUSED', 0, false, 4]);
        assert.match(e.userMessage, /^Could not reach Fruxon at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
      } finally {
        await c.close();
      }
    });
  });

  describe('timeouts and cancellation', () => {
    it('times out a slow GET without retrying it', async () => {
      const quick = make({ timeoutMs: 150 });
      try {
        sim.setFaults([{ route: 'getAgent', latencyMs: 800 }]);
        const t = Date.now();
        const e = await failure(quick.getAgent(agentId));
        assert.ok(Date.now() - t < 700);
        assert.deepEqual([e.kind, e.status, e.attempts], ['timeout', 0, 1]);
        assert.match(e.userMessage, /did not respond in time \(0\.2 s\)/);
      } finally {
        await quick.close();
      }
    });

    it('cancels an in-flight request promptly', async () => {
      sim.setFaults([{ route: 'listExecutionRecords', latencyMs: 2_000 }]);
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const t = Date.now();
      const e = await failure(client.listExecutionRecords(agentId, {}, { signal: ac.signal }));
      assert.ok(Date.now() - t < 1_000);
      assert.deepEqual([e.kind, e.name, e.status, e.attempts], ['cancelled', 'AbortError', 0, 1]);
      assert.equal(sim.count('listExecutionRecords'), 1);
    });

    it('cancels during a backoff wait without another request', async () => {
      sim.setFaults([{ route: 'getAgent', status: 503, retryAfter: '4', times: 1 }]);
      const ac = new AbortController();
      const t = Date.now();
      setTimeout(() => ac.abort(), 200);
      const e = await failure(client.getAgent(agentId, { signal: ac.signal }));
      assert.ok(Date.now() - t < 1_000, `took ${Date.now() - t} ms`);
      assert.equal(e.kind, 'cancelled');
      assert.equal(sim.count('getAgent'), 1);
    });

    it('does not send at all when the signal is already aborted', async () => {
      const e = await failure(execute(client, AbortSignal.abort()));
      assert.deepEqual([e.kind, e.mayHaveReachedServer, e.attempts], ['cancelled', false, 0]);
      assert.equal(sim.count(), 0);
    });

    it('reports a cancelled in-flight POST as possibly reached', async () => {
      sim.setFaults([{ route: 'execute', latencyMs: 1_000 }]);
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const e = await failure(execute(client, ac.signal));
      assert.deepEqual([e.kind, e.mayHaveReachedServer], ['cancelled', true]);
    });
  });

  describe('schema drift', () => {
    const original = () => sim.data.recordsByAgent.get(agentId)!.slice(0, 20);
    const page = () => client.listExecutionRecords(agentId, { pageSize: 20 });
    const special = () => sim.data.special.hitl;

    it('keeps unknown enum values as they came', async () => {
      sim.setFaults([{ drift: ['unknownEnums'] }]);
      const { items } = await page();
      assert.ok(items.some((r) => r.status === 'QUANTUM_PENDING'));
      assert.ok(items.some((r) => knownEnum(EXECUTION_STATUSES, r.status) === undefined) && items.some((r) => knownEnum(EXECUTION_STATUSES, r.status)));
      const trace = await client.getProjectedTrace(special().agentId, special().recordId);
      assert.ok(JSON.stringify(trace).includes('QUANTUM_STEP'));
    });

    it('reads PascalCase enums through the helpers', async () => {
      sim.setFaults([{ drift: ['pascalCase'] }]);
      const { items } = await page();
      assert.ok(items.some((r) => r.status === 'Completed'));
      items.forEach((r, i) => {
        assert.ok(enumEquals(r.status, original()[i]!.status));
        assert.equal(normalizeEnum(r.status), original()[i]!.status);
      });
      const trace = await client.getProjectedTrace(special().agentId, special().recordId);
      assert.ok(trace.traces[0]!.steps.every((s) => knownEnum(STEP_TYPES, s.type)));
    });

    it('keeps extra fields, nested ones included', async () => {
      sim.setFaults([{ drift: ['extraFields'] }]);
      const p = await page();
      assert.ok((p as unknown as Record<string, unknown>).x_sim_extra === undefined, 'the page wrapper is rebuilt by the client');
      assert.ok(p.items.every((r) => typeof r.x_sim_extra === 'object'));
      const trace = await client.getProjectedTrace(special().agentId, special().recordId);
      assert.ok(trace.x_sim_extra && trace.traces[0]?.x_sim_extra && trace.traces[0].steps[0]?.x_sim_extra);
    });

    it('defaults missing optional fields', async () => {
      sim.setFaults([{ drift: ['missingOptional'] }]);
      const { items } = await page();
      items.forEach((r, i) => {
        assert.equal(r.id, original()[i]!.id);
        assert.deepEqual([r.cachedTokens, r.thinkingCost, r.destinations, r.trigger], [0, 0, [], undefined]);
      });
      const agents = await client.listAgents();
      assert.ok(agents.every((a) => Array.isArray(a.tags) && a.tags.length === 0));
      const trace = await client.getProjectedTrace(special().agentId, special().recordId);
      const llm = trace.traces[0]!.steps.find((s) => s.llmStepTrace)?.llmStepTrace;
      assert.deepEqual(llm?.llmMessages, []);
      assert.ok((await client.getTrace(special().agentId, special().recordId)).trace);
      assert.ok(await client.execute(agentId, { parameters: {} }));
    });
  });

  describe('the credential never leaks', () => {
    it('is absent from a 401 of a wrong canary key and token', async () => {
      for (const credential of ['fx_live_CANARY_WRONG_99999999', 'fx_pat_CANARY_WRONG_88888888', 'CANARY.OPAQUE.TOKEN-7777']) {
        const c = make({ credential });
        try {
          const e = await failure(c.listAgents());
          assert.equal(e.status, 401);
          assert.ok(!dumpError(e).includes(credential));
        } finally {
          await c.close();
        }
      }
    });

    it('is absent from every error and log line of this suite, and from the client object', () => {
      assert.ok(errors.length >= 20, `only ${errors.length} errors collected`);
      for (const e of errors) {
        const dump = dumpError(e);
        for (const secret of [CANARY_KEY, CANARY_TOKEN, 'CANARY_WRONG', 'CANARY.OPAQUE']) assert.ok(!dump.includes(secret), dump);
      }
      assert.ok(logLines.length > 10);
      for (const line of logLines) assert.ok(!line.includes('CANARY') && !/x-api-key|authorization/i.test(line), line);
      assert.ok(!JSON.stringify(client).includes('CANARY'));
    });
  });
});
