import * as assert from 'node:assert/strict';
import { describeFilter, isEmptyFilter, parseIsoInput, parseStoredFilter, toQuery, validateIsoInput } from '../../../src/views/filters';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

describe('record filters', () => {
  it('turns a filter into the documented query parameters', () => {
    assert.deepEqual(toQuery({ statuses: ['FAILED', 'CANCELLED'], environment: 'production', revisions: [3, 4] }, NOW), {
      status: ['FAILED', 'CANCELLED'],
      environment: 'production',
      agentRevision: [3, 4],
    });
  });

  it('resolves relative ranges against the time of the request', () => {
    assert.deepEqual(toQuery({ range: { kind: 'lastHour' } }, NOW), { startTime: NOW - 3_600_000 });
    assert.deepEqual(toQuery({ range: { kind: 'lastDay' } }, NOW), { startTime: NOW - 86_400_000 });
    assert.deepEqual(toQuery({ range: { kind: 'lastWeek' } }, NOW), { startTime: NOW - 7 * 86_400_000 });
    assert.deepEqual(toQuery({ range: { kind: 'custom', start: 10, end: 20 } }, NOW), { startTime: 10, endTime: 20 });
    assert.deepEqual(toQuery({ range: { kind: 'custom', end: 20 } }, NOW), { endTime: 20 });
  });

  it('an empty or missing filter sends no parameters', () => {
    assert.deepEqual(toQuery(undefined, NOW), {});
    assert.deepEqual(toQuery({ statuses: [], revisions: [] }, NOW), {});
    assert.equal(isEmptyFilter({ statuses: [] }), true);
    assert.equal(isEmptyFilter({ environment: 'dev' }), false);
  });

  it('describes a filter in a few words', () => {
    assert.equal(describeFilter({ statuses: ['FAILED'], environment: 'production', revisions: [2], range: { kind: 'lastDay' } }), 'FAILED · production · rev 2 · last day');
    assert.equal(describeFilter({ range: { kind: 'custom', start: Date.UTC(2026, 10, 1), end: Date.UTC(2026, 10, 2, 9, 30) } }), '2026-11-01T00:00Z – 2026-11-02T09:30Z');
    assert.equal(describeFilter(undefined), '');
  });

  it('parses ISO input and names what is wrong', () => {
    assert.equal(parseIsoInput(''), undefined);
    assert.equal(parseIsoInput('2026-11-01'), Date.UTC(2026, 10, 1));
    assert.equal(parseIsoInput('2026-11-01T09:30:00Z'), Date.UTC(2026, 10, 1, 9, 30));
    assert.throws(() => parseIsoInput('yesterday'), /not an ISO date/);
    assert.throws(() => parseIsoInput('2026-13-45'), /not a valid date/);
    // The input boxes' validator says the same, and nothing for a good date.
    assert.match(validateIsoInput('yesterday') ?? '', /not an ISO date/);
    assert.equal(validateIsoInput('2026-11-01'), undefined);
  });

  it('reads stored filters defensively', () => {
    assert.equal(parseStoredFilter(null), undefined);
    assert.equal(parseStoredFilter('x'), undefined);
    assert.equal(parseStoredFilter({ statuses: [] }), undefined);
    assert.deepEqual(parseStoredFilter({ statuses: ['FAILED', 3], revisions: [1, 'x', 2.5], environment: '', range: { kind: 'bogus' } }), { statuses: ['FAILED'], revisions: [1] });
    assert.deepEqual(parseStoredFilter({ range: { kind: 'custom', start: 5, end: 'x' } }), { range: { kind: 'custom', start: 5 } });
  });
});
