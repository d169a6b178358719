import * as assert from 'node:assert/strict';
import { generateTrace } from '../../../bench/generateTrace';
import { preorder, toOutline, toPackedOutline, toStepPayload } from '../../../src/model/outline';
import { traceFromOtlp } from '../../../src/model/otlp';
import { outlineView, packOutline } from '../../../src/shared/outlineWire';
import { errors, genAiCurrent } from './otlpFixtures';
import { rangeIndices, SearchIndex, searchText } from '../../../src/model/search';
import { TraceSession } from '../../../src/model/traceSession';
import { fixtureTrace } from '../../browser/fixture';

describe('trace outline', () => {
  const trace = fixtureTrace();
  const o = toOutline(trace, Date.UTC(2026, 10, 23, 10));

  it('lists steps in DFS pre-order with parent, depth, size and child count', () => {
    assert.deepEqual(o.ids, ['agent-1', 'flow-1', 'llm-1', 'tool-1', 'tool-2', 'gate-1', 'ret-1']);
    assert.deepEqual(o.parent, [-1, 0, 1, 1, 1, 1, 0]);
    assert.deepEqual(o.depth, [0, 1, 2, 2, 2, 2, 1]);
    assert.deepEqual(o.size, [7, 5, 1, 1, 1, 1, 1]);
    assert.deepEqual(o.childCount, [2, 4, 0, 0, 0, 0, 0]);
  });

  it('codes kind and status, marks running ends and errors', () => {
    assert.deepEqual(o.kind, [0, 1, 2, 3, 3, 4, 5]);
    assert.deepEqual(o.status, [2, 0, 0, 0, 1, 0, 2]);
    assert.equal(o.end[0], -1);
    assert.deepEqual(o.errorIndices, [4]);
    assert.equal(o.header.stepCount, 7);
    assert.equal(o.header.axisEnd, Date.UTC(2026, 10, 23, 10));
  });

  it('rolls tokens and cost up the tree', () => {
    assert.equal(o.tokens[2], 1500);
    assert.equal(o.tokensRolled[0], 1500);
    assert.equal(o.tokensRolled[1], 1500);
    assert.ok(Math.abs(o.costRolled[0]! - 0.00725) < 1e-12);
  });

  it('sends a step without its children', () => {
    const p = toStepPayload(trace.roots[0]!);
    assert.equal('children' in p, false);
    assert.equal(p.childCount, 2);
  });

  it('keeps deep traces off the call stack', () => {
    const deep = generateTrace(5);
    let s = deep.roots[0]!;
    for (let i = 0; i < 50_000; i++) {
      const c = { ...s, id: `d${i}`, children: [] };
      s.children = [c];
      s = c;
    }
    assert.equal(toOutline(deep).ids.length > 50_000, true);
    assert.equal(toPackedOutline(deep).header.stepCount > 50_000, true);
  });

  it('builds the packed outline straight into typed arrays exactly as packing the plain one', () => {
    const now = Date.UTC(2026, 10, 23, 10);
    const running = generateTrace(300, 7);
    running.end = undefined;
    running.roots[0]!.children[0]!.end = undefined;
    const broken = generateTrace(50, 9);
    broken.roots[0]!.children[1]!.error = 'boom';
    broken.roots[0]!.status = 'error';
    const empty = { ...generateTrace(1), roots: [], stepCount: 0, start: NaN };
    const unknown = generateTrace(20, 3);
    (unknown.roots[0] as { kind: string }).kind = 'from the future';
    (unknown.roots[0] as { status: string }).status = 'paused';
    for (const t of [trace, generateTrace(2000, 5), running, broken, empty, unknown, traceFromOtlp(genAiCurrent()), traceFromOtlp(errors())]) {
      const plain = toOutline(t, now);
      const packed = toPackedOutline(t, now);
      assert.deepEqual(packed, packOutline(plain), t.title);
      // What the webview reads (typed columns as they arrive) holds the plain outline's values.
      const view = outlineView(packed);
      for (const [k, v] of Object.entries(plain)) assert.deepEqual(ArrayBuffer.isView(view[k as keyof typeof view]) ? Array.from(view[k as keyof typeof view] as Uint8Array) : view[k as keyof typeof view], v, k);
      // The wire form keeps its field order (the JSON VS Code sends is the same text).
      assert.equal(JSON.stringify(packed, (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v)),
        JSON.stringify(packOutline(plain), (_k, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Uint8Array) : v)));
    }
    assert.deepEqual(Object.keys(o), ['header', 'ids', 'names', 'parent', 'depth', 'size', 'childCount', 'kind', 'status', 'start', 'end', 'tokens',
      'tokensRolled', 'cost', 'costRolled', 'error', 'errorIndices']);
  });

  it('gives a session\'s first outline, plain or packed, from the walk it made for its steps', () => {
    const now = Date.now();
    const t = generateTrace(500, 11);
    const a = new TraceSession(t, { copy: () => undefined, openLink: () => undefined }, true);
    const packed = a.packedOutline();
    assert.deepEqual({ ...packed, header: { ...packed.header, axisEnd: 0 } }, { ...packOutline(toOutline(t, now)), header: { ...packOutline(toOutline(t, now)).header, axisEnd: 0 } });
    assert.deepEqual(a.outline, { ...toOutline(t, now), header: a.outline.header });
    const b = new TraceSession(t, { copy: () => undefined, openLink: () => undefined });
    assert.deepEqual(b.outline.ids, toOutline(t, now).ids);
    assert.equal(b.stepIdAt(3), preorder(t)[3]!.id);
  });
});

describe('trace search', () => {
  const trace = fixtureTrace();
  const index = SearchIndex.build(preorder(trace));

  const found = (q: string, i = index) => rangeIndices(i.search(q).ranges);

  it('finds names, inputs, outputs and messages, case-insensitively', () => {
    assert.deepEqual(found('PARIS'), [0, 2, 3]);
    assert.deepEqual(index.search('PARIS').ranges, [0, 1, 2, 4]);
    assert.deepEqual(found('mailbox'), [4]);
    assert.deepEqual(found('alice@'), [5]);
    assert.deepEqual(found('umbrella'), [6]);
    assert.deepEqual(found('  '), []);
    assert.deepEqual(found('no such thing'), []);
  });

  it('narrows a typed query to the previous matches with the same result as a full scan', () => {
    const steps = preorder(generateTrace(3000));
    const typed = SearchIndex.build(steps);
    // Appending, inserting in front, deleting, and a query whose first keystroke is answered from masks.
    for (const q of ['refund shipping', 'pping', 'approval: issuerefund', 'order a-1', 'e', 'xyz']) {
      for (let k = 1; k <= q.length; k++) {
        const fresh = SearchIndex.build(steps);
        assert.deepEqual(typed.search(q.slice(0, k)), fresh.search(q.slice(0, k)), q.slice(0, k));
      }
      for (let k = q.length; k >= 1; k--) {
        assert.deepEqual(typed.search(q.slice(-k)), SearchIndex.build(steps).search(q.slice(-k)), q.slice(-k));
      }
    }
  });

  it('finds exactly the steps whose text contains the query, whichever character it is anchored on', () => {
    const steps = preorder(generateTrace(3000));
    const texts = steps.map((s) => searchText(s));
    // Rare characters first, in the middle and last ('x', 'j', '?', digits are rare in generated text).
    for (const q of ['refund s', 'efund s', 'a-1', 'x', 'order a-7', 'j?', 'ship', 'd shipping', 'zz', ': issuer']) {
      const naive = texts.flatMap((t, i) => (t.includes(q) ? [i] : []));
      assert.deepEqual(rangeIndices(SearchIndex.build(steps).search(q).ranges), naive, q);
    }
  });

  it('never matches across two steps', () => {
    const steps = preorder(generateTrace(50));
    const texts = steps.map((s) => searchText(s));
    const i = SearchIndex.build(steps);
    // The end of one step's text followed by the start of the next, anchored on any of its characters.
    for (let k = 0; k + 1 < texts.length; k++) {
      const q = `${texts[k]!.slice(-3)}${texts[k + 1]!.slice(0, 5)}`;
      const naive = texts.flatMap((t, j) => (t.includes(q) ? [j] : []));
      assert.deepEqual(rangeIndices(i.search(q).ranges), naive, q);
    }

    const t = searchText(preorder(trace)[0]!);
    assert.equal(index.search(`${t.slice(-3)}forecast`).count, 0);
  });

  it('bounds each step text', () => {
    for (const s of preorder(generateTrace(200))) assert.ok(searchText(s).length <= 512);
  });

  it('caps the number of matches', () => {
    const big = SearchIndex.build(preorder(generateTrace(2000)));
    const r = big.search('e', 100);
    assert.equal(r.count, 100);
    assert.equal(rangeIndices(r.ranges).length, 100);
    assert.equal(r.truncated, true);
  });

  it('answers the protocol through a session', async () => {
    const session = new TraceSession(trace, { copy: () => undefined, openLink: () => undefined });
    const [res] = await session.handle({ type: 'search', id: 7, query: 'getweather' });
    assert.deepEqual(res, { type: 'searchResult', id: 7, query: 'getweather', ranges: [2, 4], count: 2, truncated: false });
    const [step] = await session.handle({ type: 'getStep', id: 8, index: 99, stepId: 'gate-1' });
    assert.equal(step?.type === 'step' && step.index, 5);
    const [err] = await session.handle({ type: 'getStep', id: 9, index: 99 });
    assert.equal(err?.type, 'error');
  });
});

describe('trace search index build', () => {
  it('builds the same index in slices, and answers one-character queries from character masks', async () => {
    const steps = preorder(generateTrace(12_000));
    const a = SearchIndex.build(steps);
    const b = await SearchIndex.buildAsync(steps);
    for (const q of ['r', 'Z', '7', '-', 'refund', 'a-1']) assert.deepEqual(b.search(q), a.search(q), q);
    // A one-character answer equals what a scan finds.
    const scanned = steps.map((s, i) => (searchText(s).includes('7') ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(rangeIndices(a.search('7').ranges), scanned);
  });
});
