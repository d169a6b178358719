import * as assert from 'node:assert/strict';
import { generateTrace } from '../../../bench/generateTrace';
import { preorder } from '../../../src/model/outline';
import { rangeIndices, SearchIndex, searchText } from '../../../src/model/search';
import { Occurrences } from '../../../src/model/searchOccurrences';

/** Every start position of q in text, ascending. */
function allOccurrences(text: string, q: string): number[] {
  const out: number[] = [];
  for (let x = text.indexOf(q); x !== -1; x = text.indexOf(q, x + 1)) out.push(x);
  return out;
}

const listed = (o: Occurrences): number[] => Array.from({ length: o.length }, (_, k) => o.at(k));

describe('search occurrence lists', () => {
  const text = ['refund shipping refund', 'refunds', 'ship refund status', 'ünïcode refund ✓ shipping ünïcode'].join('\u0000');
  const find = (q: string) => (from: number) => text.indexOf(q, from);

  it('lists every occurrence, and stops and resumes at a deadline', () => {
    const o = new Occurrences(1);
    assert.equal(o.fill(text, 're', find('re'), Infinity), true);
    assert.deepEqual(listed(o), allOccurrences(text, 're'));
    assert.equal(o.coveredTo, text.length);

    // 300 occurrences: a deadline in the past stops after the first 256, and the list is right up to there.
    const long = 'ab '.repeat(300);
    const p = new Occurrences();
    assert.equal(p.fill(long, 'ab', (f) => long.indexOf('ab', f), -Infinity), false);
    assert.equal(p.length, 256);
    assert.deepEqual(listed(p), allOccurrences(long, 'ab').filter((x) => x < p.coveredTo));
    assert.equal(p.fill(long, 'ab', (f) => long.indexOf('ab', f), Infinity), true);
    assert.deepEqual(listed(p), allOccurrences(long, 'ab'));
  });

  it('filters a list to a longer query, reading the text only past each kept window', () => {
    const o = new Occurrences();
    o.fill(text, 're', find('re'), Infinity);
    let prev = o;
    // Up to 8 characters come from the kept windows; past them, from the text; a non-Latin-1 character
    // (kept as "unknown") is read from the text too.
    for (const q of ['ref', 'refu', 'refund', 'refund ', 'refund s', 'refund shipping', 'refund shipping refund']) {
      const next = new Occurrences();
      next.filterFrom(prev, text, q, prev === o ? 2 : q.length - 1);
      assert.deepEqual(listed(next), allOccurrences(text, q), q);
      assert.equal(next.coveredTo, text.length);
      prev = next;
    }
    const u = new Occurrences();
    u.fill(text, 'ü', find('ü'), Infinity);
    const v = new Occurrences();
    v.filterFrom(u, text, 'ünïcode refund ✓', 1);
    assert.deepEqual(listed(v), allOccurrences(text, 'ünïcode refund ✓'));
    assert.equal(v.length, 1);
    const w = new Occurrences();
    w.fill(text, 'refund ', find('refund '), Infinity);
    const x = new Occurrences();
    x.filterFrom(w, text, 'refund ✓ s', 7);
    assert.deepEqual(listed(x), allOccurrences(text, 'refund ✓ s'));
  });
});

describe('trace search with occurrences listed between keystrokes', () => {
  const steps = preorder(generateTrace(12_000));
  const texts = steps.map((s) => searchText(s));
  const answers = new Map<string, number[]>();
  // The index trims the query ("refund " is "refund").
  const naive = (q: string) => {
    if (!answers.has(q)) answers.set(q, texts.flatMap((t, i) => (t.includes(q.trim()) ? [i] : [])));
    return answers.get(q)!;
  };
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  /** How far the listing of the last query got, as a share of the text (a peek inside, to know the test covers each case). */
  const coverage = (i: SearchIndex) => {
    const inner = i as unknown as { last?: { occ: Occurrences }; text: string };
    return inner.last ? inner.last.occ.coveredTo / inner.text.length : 0;
  };

  it('answers exactly as a full scan however far the listing got (none, some slices, all)', async () => {
    const typed = SearchIndex.build(steps);
    // One bounded step of background work per event-loop turn, so that 1 and 3 turns list part of the text
    // however fast the machine is.
    (typed as unknown as { sliceMs: number }).sliceMs = 0;
    const seen = new Set<string>();
    for (const ticks of [0, 1, 3, Infinity]) {
      for (const q of ['refund shipping', 'order a-1', 'ship refund']) {
        typed.search('\u0001'); // a query that matches nothing: the next starts afresh
        for (let k = 1; k <= q.length; k++) {
          const c = coverage(typed);
          seen.add(c === 0 ? 'none' : c < 1 ? 'some' : 'all');
          const r = typed.search(q.slice(0, k));
          assert.deepEqual(rangeIndices(r.ranges), naive(q.slice(0, k)), `${q.slice(0, k)} after ${ticks} slices`);
          assert.equal(r.count, naive(q.slice(0, k)).length);
          if (ticks === Infinity) await typed.settled();
          else for (let t = 0; t < ticks; t++) await tick();
        }
      }
    }
    await typed.settled();
    assert.deepEqual([...seen].sort(), ['all', 'none', 'some']);
  });

  it('drops an older listing when a new query comes, and keeps answering after a deletion', async () => {
    const i = SearchIndex.build(steps);
    i.search('re');
    await tick();
    i.search('sh'); // not an extension: the listing of 're' stops, one of 'sh' starts
    await i.settled();
    for (const q of ['shi', 'ship', 'shi', 'sh', 's', 'sh', 'shipping']) {
      assert.deepEqual(rangeIndices(i.search(q).ranges), naive(q), q);
      await i.settled();
    }
  });
});

describe('trace search: two- and three-character strings from bitsets', () => {
  it('answers every common and uncommon short query exactly, before and after the background finds positions', async () => {
    // More steps than the sample that picks the strings, so both the sampled and the later steps are marked.
    const steps = preorder(generateTrace(3000));
    const texts = steps.map((s) => searchText(s));
    const index = SearchIndex.build(steps);
    const naive = (q: string) => texts.flatMap((t, i) => (t.includes(q.trim()) ? [i] : []));
    const shorts = new Set<string>(['re', 'ref', 'sh', 'shi', 'a-', 'a-1', ': ', 'xq', 'zz', '??', 'é', 'éa']);
    // Every string that starts a word of a few texts: common ones (bitsets) and rarer ones (scans) alike.
    for (const t of texts.slice(0, 40)) for (const m of t.matchAll(/ (\S\S\S?)/g)) shorts.add(m[1]!);
    let fromBitsets = 0;
    for (const q of shorts) {
      const inner = index as unknown as { grams: { find(q: string): unknown } };
      if (inner.grams.find(q)) fromBitsets++;
      assert.deepEqual(rangeIndices(index.search(q).ranges), naive(q), q);
      // The next keystroke, with positions unknown (right away) and found (after the background ran).
      const longer = `${q}${q.slice(-1)}`;
      index.search(q);
      assert.deepEqual(rangeIndices(index.search(longer).ranges), naive(longer), longer);
      index.search(q);
      await index.settled();
      assert.deepEqual(rangeIndices(index.search(longer).ranges), naive(longer), `${longer} (settled)`);
    }
    assert.ok(fromBitsets > 20, `${fromBitsets} of ${shorts.size} from bitsets`);
  });
});
