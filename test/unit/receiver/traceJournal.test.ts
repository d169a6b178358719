// Local traces on disk: a store and journal disposed and recreated against the same folder (what a window reload
// does) hold the same traces, log events included; a crash loses at most what arrived in the last flush interval;
// Clear Local Traces deletes the file; compaction keeps the file within the store's bounds.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OtlpLogEvent } from '../../../src/model/otlpLogs';
import { readOtlp } from '../../../src/model/otlpRead';
import { JOURNAL_FILE, TraceJournal } from '../../../src/receiver/traceJournal';
import { LocalTraceStore } from '../../../src/receiver/traceStore';
import { T1, T2, request, span } from '../model/otlpFixtures';

const chat = (trace: string, id: string, start: number) => span({
  trace, id, name: 'chat m', start, end: start + 10, attrs: { 'gen_ai.operation.name': 'chat', 'gen_ai.usage.input_tokens': 7 },
});
const spansOf = (...s: Array<Record<string, unknown>>) => readOtlp(request(s)).spans;
const userEvent = (traceId: string, spanId: string, content: string): OtlpLogEvent => ({ traceId, spanId, event: { name: 'gen_ai.user.message', time: 1, attrs: { content } } });

/** Resolves once `check` holds, re-checking as the journal's writes complete (no fixed sleep). */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

describe('receiver: local traces kept on disk (journal)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'agentlens-journal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function reopen(maxTraces = 10): Promise<{ store: LocalTraceStore; journal: TraceJournal }> {
    const store = new LocalTraceStore(maxTraces);
    const journal = new TraceJournal(dir, store);
    await journal.load();
    return { store, journal };
  }

  it('a reload (dispose, recreate against the same folder) keeps the traces, their log events and their order', async () => {
    const a = await reopen();
    a.store.add(spansOf(chat(T1, '1000000000000001', 0)), 300);
    a.store.addLogEvents([userEvent(T1, '1000000000000001', 'hello')], 50);
    a.store.add(spansOf(chat(T2, '2000000000000001', 5), chat(T2, '2000000000000002', 6)), 600);
    // Events whose span has not arrived yet are kept too.
    a.store.addLogEvents([userEvent('ffffffffffffffffffffffffffffffff', '3000000000000001', 'early')], 50);
    a.journal.dispose();
    const b = await reopen();
    assert.deepEqual(b.store.summaries().map((s) => [s.traceId, s.spanCount, s.tokens]), a.store.summaries().map((s) => [s.traceId, s.spanCount, s.tokens]));
    const step = b.store.get(T1)!.roots[0]!;
    assert.deepEqual(step.detail.kind === 'llm' && step.detail.messages.map((m) => m.content), ['hello']);
    // Replaying writes nothing back.
    const lines = readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n').length;
    await b.journal.flush();
    assert.equal(readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n').length, lines);
    b.store.add(spansOf(chat('ffffffffffffffffffffffffffffffff', '3000000000000001', 9)));
    const early = b.store.get('ffffffffffffffffffffffffffffffff')!.roots[0]!;
    assert.deepEqual(early.detail.kind === 'llm' && early.detail.messages.map((m) => m.content), ['early']);
    b.journal.dispose();
  });

  it('writes within the flush interval without being asked (a crash loses at most that), and skips a torn last line', async () => {
    const store = new LocalTraceStore(10);
    const journal = new TraceJournal(dir, store, undefined, 50);
    store.add(spansOf(chat(T1, '1000000000000001', 0)), 100);
    await until(async () => (await journal.size()) > 0, 'the timed flush');
    // A crash mid-write leaves half a line; nothing after the last whole line is lost.
    appendFileSync(join(dir, JOURNAL_FILE), '{"at": 1, "s": [{"traceId"');
    const b = await reopen();
    assert.equal(b.store.summary(T1)?.spanCount, 1);
    journal.dispose();
  });

  it('Clear Local Traces deletes the journal, including what was not written yet', async () => {
    const a = await reopen();
    a.store.add(spansOf(chat(T1, '1000000000000001', 0)));
    await a.journal.flush();
    assert.ok(existsSync(join(dir, JOURNAL_FILE)));
    a.store.add(spansOf(chat(T2, '2000000000000001', 0)));
    a.store.clear();
    await until(async () => !existsSync(join(dir, JOURNAL_FILE)), 'the journal to be deleted');
    a.journal.dispose();
    assert.equal((await reopen()).store.size, 0);
  });

  it('compaction keeps only what the store holds: dropped traces do not come back, the file shrinks', async () => {
    const a = await reopen(2);
    for (let i = 0; i < 6; i++) {
      const trace = `${String(i).repeat(32)}`;
      a.store.add(spansOf(chat(trace, '1000000000000001', i)), 100);
    }
    await a.journal.flush();
    const before = await a.journal.size();
    await a.journal.compact();
    const after = await a.journal.size();
    assert.ok(after < before, `${after} < ${before}`);
    assert.equal(readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n').length, 2);
    a.journal.dispose();
    const b = await reopen(10);
    assert.deepEqual(b.store.summaries().map((s) => s.traceId).sort(), ['4'.repeat(32), '5'.repeat(32)]);
  });

  it('appends without rewriting while every trace is still held, however small the bodies were', async () => {
    const a = await reopen(100);
    for (let i = 0; i < 20; i++) {
      // Bodies of 1 byte: a journal compared with the bodies' size would be rewritten on every flush.
      a.store.add(spansOf(chat(T1, `10000000000000${String(i).padStart(2, '0')}`, i)), 1);
      await a.journal.flush();
    }
    assert.equal(readFileSync(join(dir, JOURNAL_FILE), 'utf8').trim().split('\n').length, 20);
    a.journal.dispose();
  });

  it('reloads within the bounds of the new store (maxTraces), most recent first', async () => {
    const a = await reopen(10);
    for (let i = 0; i < 4; i++) a.store.add(spansOf(chat(String(i + 1).repeat(32), '1000000000000001', i)));
    a.journal.dispose();
    const b = await reopen(2);
    assert.deepEqual(b.store.summaries().map((s) => s.traceId).sort(), ['3'.repeat(32), '4'.repeat(32)]);
  });

  it('a journal that is not JSON Lines loses nothing else: unreadable lines are skipped and counted', async () => {
    const good = JSON.stringify({ at: 5, s: spansOf(chat(T1, '1000000000000001', 0)) });
    writeFileSync(join(dir, JOURNAL_FILE), `not json\n${good}\n{"at":1}\n`);
    const store = new LocalTraceStore(10);
    const stats = await new TraceJournal(dir, store).load();
    assert.deepEqual(stats, { loadedLines: 1, badLines: 2 });
    assert.equal(store.summary(T1)?.updatedAt, 5);
  });
});
