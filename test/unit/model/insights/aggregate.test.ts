// Aggregation: stacks by status (open: unknown statuses are their own series), running runs apart, per-bucket
// percentiles, revision and environment summaries with deltas, the previous window, Fruxon and Zaia records.
import assert from 'node:assert/strict';
import { aggregate, recordsIn, RUNNING } from '../../../../src/model/insights/aggregate';
import { utcOffset } from '../../../../src/model/insights/buckets';
import { fromFruxon, fromZaia } from '../../../../src/model/insights/records';
import type { InsightRecord } from '../../../../src/model/insights/types';
import { ExecutionRecordSchema } from '../../../../src/api/fruxon/schemas';
import { ExecutionSchema } from '../../../../src/api/zaia/schemas';

const H = 3_600_000;
const from = Date.UTC(2026, 10, 1);
const to = from + 24 * H;

function rec(p: Partial<InsightRecord> & { start: number }): InsightRecord {
  const outcome = p.outcome ?? 'ok';
  return {
    id: p.id ?? `r${p.start}-${Math.random()}`, start: p.start, end: 'end' in p ? p.end : p.start + 1000,
    status: p.status ?? (outcome === 'failed' ? 'FAILED' : 'COMPLETED'), outcome, tokens: p.tokens ?? 100, cost: p.cost ?? 0.01,
    revision: 'revision' in p ? p.revision : 1, environment: 'environment' in p ? p.environment : 'prod',
  };
}

describe('model/insights: aggregate', () => {
  it('an empty window has its buckets, all zero, and null percentiles', () => {
    const d = aggregate([], { from, to, offset: utcOffset, costUnit: 'usd' });
    assert.equal(d.unit, 'hour');
    assert.equal(d.starts.length, 24);
    assert.deepEqual(d.statuses, []);
    assert.ok(d.p95.every((v) => v === null));
    assert.ok(d.cost.every((v) => v === 0));
    assert.deepEqual(d.totals, { runs: 0, running: 0, finished: 0, failed: 0, failureRate: null, p50: null, p95: null, meanTokens: null, meanCost: null, totalTokens: 0, totalCost: 0 });
    assert.deepEqual([d.revisions, d.environments], [[], []]);
  });

  it('stacks runs by status: successes first, an unknown status as its own series, failures on top, running apart', () => {
    const rs = [
      rec({ start: from + 10 }), rec({ start: from + 20 }),
      rec({ start: from + H + 5, status: 'PAUSED_BY_ADMIN', outcome: 'other' }),
      rec({ start: from + H + 6, outcome: 'failed' }),
      rec({ start: from + 2 * H, status: 'WAITING_FOR_ASYNC', outcome: 'running', end: undefined, tokens: 5000, cost: 9 }),
    ];
    const d = aggregate(rs, { from, to, offset: utcOffset, costUnit: 'usd' });
    assert.deepEqual(d.statuses, ['COMPLETED', 'PAUSED_BY_ADMIN', 'FAILED', RUNNING]);
    assert.deepEqual(d.counts.map((c) => c.slice(0, 3)), [[2, 0, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1]]);
    assert.equal(d.totals.runs, 5);
    assert.equal(d.totals.running, 1);
    assert.equal(d.totals.finished, 4);
    assert.equal(d.totals.failureRate, 1 / 4);
    // A running run's tokens are not final: they count in the total cost, not in the means.
    assert.equal(d.totals.meanTokens, 100);
    assert.ok(Math.abs(d.totals.totalCost - 9.04) < 1e-9);
    assert.equal(d.meanTokens[2], null);
    assert.equal(d.cost[2], 9);
    assert.equal(d.p50[2], null);
  });

  it('computes p50/p95 per bucket from finished runs only, and ignores runs outside the window', () => {
    const durations = [100, 200, 300, 400, 500, 600, 700, 800, 900, 10_000];
    const rs = durations.map((ms, i) => rec({ start: from + 3 * H + i, end: from + 3 * H + i + ms }));
    rs.push(rec({ start: from - 1 }), rec({ start: to }));
    const d = aggregate(rs, { from, to, offset: utcOffset, costUnit: 'usd' });
    assert.equal(d.p50[3], 500);
    assert.equal(d.p95[3], 10_000);
    assert.equal(d.totals.runs, 10);
  });

  it('summarises revisions oldest first with deltas from the one before, and environments by runs', () => {
    const rs = [
      rec({ start: from + 1, revision: 3, end: from + 1 + 1000, tokens: 100 }),
      rec({ start: from + 2, revision: 3, end: from + 2 + 1000, outcome: 'failed', tokens: 100 }),
      rec({ start: from + 3, revision: 4, end: from + 3 + 3000, tokens: 400, environment: 'staging' }),
      rec({ start: from + 4, revision: undefined, environment: undefined }),
    ];
    const d = aggregate(rs, { from, to, offset: utcOffset, costUnit: 'usd' });
    assert.deepEqual(d.revisions.map((g) => g.key), ['(none)', '3', '4']);
    const [, r3, r4] = d.revisions;
    assert.equal(r3!.failureRate, 0.5);
    assert.equal(r3!.delta, undefined);
    assert.deepEqual(r4!.delta, { failureRate: -0.5, p50: 2000, p95: 2000, meanTokens: 300, meanCost: 0 });
    assert.deepEqual(d.environments.map((g) => [g.key, g.runs]), [['prod', 2], ['(none)', 1], ['staging', 1]]);
  });

  it('compares with the window before when its records are given', () => {
    const rs = [rec({ start: from - 2 * H, outcome: 'failed' }), rec({ start: from - H }), rec({ start: from + H })];
    const d = aggregate(rs, { from, to, offset: utcOffset, costUnit: 'usd', previous: rs });
    assert.equal(d.totals.runs, 1);
    assert.equal(d.previous?.runs, 2);
    assert.equal(d.previous?.failureRate, 0.5);
    assert.equal(aggregate(rs, { from, to, offset: utcOffset, costUnit: 'usd' }).previous, undefined);
  });

  it('lists the records behind a bar, newest first, optionally of one series', () => {
    const rs = [rec({ start: from + 10, id: 'a' }), rec({ start: from + 20, id: 'b', outcome: 'failed' }), rec({ start: from + H, id: 'c' })];
    const d = aggregate(rs, { from, to, offset: utcOffset, costUnit: 'usd' });
    assert.deepEqual(recordsIn(rs, d, 0).map((r) => r.id), ['b', 'a']);
    assert.deepEqual(recordsIn(rs, d, 0, 'FAILED').map((r) => r.id), ['b']);
    assert.deepEqual(recordsIn(rs, d, 99), []);
  });
});

describe('model/insights: records from each backend', () => {
  it('Fruxon: canonical status spelling, running by end time, tokens and cost', () => {
    const base = { id: 'x', agentId: 'a', agentRevision: 7, startTime: 1000, endTime: 4000, status: 'Completed', inputTokens: 10, outputTokens: 5, totalCost: 0.5, environmentSlug: 'prod' };
    const r = fromFruxon(ExecutionRecordSchema.parse(base));
    assert.deepEqual(r, { id: 'x', start: 1000, end: 4000, status: 'COMPLETED', outcome: 'ok', tokens: 15, cost: 0.5, revision: 7, environment: 'prod' });
    assert.equal(fromFruxon(ExecutionRecordSchema.parse({ ...base, status: 'IN_PROGRESS', endTime: 0 })).outcome, 'running');
    assert.equal(fromFruxon(ExecutionRecordSchema.parse({ ...base, status: 'FAILED' })).outcome, 'failed');
    const odd = fromFruxon(ExecutionRecordSchema.parse({ ...base, status: 'SomethingNew' }));
    assert.deepEqual([odd.status, odd.outcome], ['SOMETHING_NEW', 'other']);
  });

  it('Zaia: credits as cost, status classes, still running without an end', () => {
    const z = (o: Record<string, unknown>) => fromZaia(ExecutionSchema.parse({ id: 'e', startedAt: '2026-11-01T00:00:00Z', creditsUsed: 3, ...o }));
    const done = z({ status: 'succeeded', endedAt: '2026-11-01T00:00:05Z' });
    assert.deepEqual([done.outcome, done.status, done.cost, done.end! - done.start], ['ok', 'SUCCEEDED', 3, 5000]);
    assert.equal(z({ status: 'error', endedAt: '2026-11-01T00:00:05Z' }).outcome, 'failed');
    assert.equal(z({ status: 'running' }).outcome, 'running');
    assert.equal(z({ status: 'mystery', endedAt: '2026-11-01T00:00:05Z' }).outcome, 'other');
  });
});
