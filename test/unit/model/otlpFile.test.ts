// readOtlpFile (a file's spans parsed span by span from its bytes) against the whole-document path it stands in for,
// readOtlp(JSON.parse(text)): the same spans for every document it takes (fixtures from the specs and from real
// instrumentation libraries, key orders, repeated keys, escapes, non-object entries, random documents), and
// undefined for every document it must leave to that path (other shapes, invalid JSON, random corruptions).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { otlpFileSpans, readOtlpFile } from '../../../src/model/otlpFile';
import { otlpSpans } from '../../../src/model/otlp';
import { readOtlp } from '../../../src/model/otlpRead';
import { fixturePath, type Library } from './otelLibraryFixtures';
import { T1, errors, genAiCurrent, genAiDeprecated, openInference, request, span, traceloop } from './otlpFixtures';

const whole = (text: string): ReturnType<typeof readOtlp> => readOtlp(JSON.parse(text));
const fast = (text: string): ReturnType<typeof readOtlpFile> => readOtlpFile(Buffer.from(text, 'utf8'));

/** The fast path takes `text` and reads exactly what the whole-document path reads. */
function same(text: string): void {
  const got = fast(text);
  assert.ok(got, `the fast path gave up on ${text.slice(0, 120)}`);
  assert.deepEqual(got, whole(text));
}

/** JSON with members given as [key, value] pairs, so a key can repeat (JSON.stringify cannot write that). */
type Doc = { pairs: [string, Doc | unknown][] } | Doc[] | unknown;
const isPairs = (d: unknown): d is { pairs: [string, unknown][] } => typeof d === 'object' && d !== null && 'pairs' in d;
function write(d: Doc, ws = ''): string {
  if (isPairs(d)) return `{${ws}${d.pairs.map(([k, v]) => `${JSON.stringify(k)}${ws}:${ws}${write(v, ws)}`).join(`,${ws}`)}${ws}}`;
  if (Array.isArray(d)) return `[${ws}${d.map((x) => write(x, ws)).join(`,${ws}`)}${ws}]`;
  return JSON.stringify(d);
}
const obj = (...pairs: [string, unknown][]): Doc => ({ pairs });

const s1 = span({ id: 'b000000000000001', name: 'root', attrs: { 'gen_ai.operation.name': 'invoke_agent' } });
const s2 = span({ id: 'b000000000000002', parent: 'b000000000000001', name: 'chat', attrs: { 'gen_ai.request.model': 'm' } });
const s3 = span({ id: 'b000000000000003', parent: 'b000000000000001', name: 'tool', attrs: { 'gen_ai.tool.name': 't' } });
const resource = { attributes: [{ key: 'service.name', value: { stringValue: 'svc' } }] };

describe('model: OTLP/JSON files read span by span (readOtlpFile)', () => {
  it('reads the spec fixtures as the whole-document path does, compact and pretty-printed', () => {
    for (const doc of [genAiCurrent(), genAiDeprecated(), openInference(), traceloop(), errors()]) {
      same(JSON.stringify(doc));
      same(JSON.stringify(doc, null, 2));
      same(JSON.stringify(doc, null, '\t').replace(/\n/g, '\r\n'));
    }
  });

  it('reads the files real instrumentation libraries wrote as the whole-document path does', () => {
    const libs: Library[] = ['vercel-ai-v6', 'vercel-ai-v7', 'vercel-ai-v7-legacy', 'openinference-openai', 'openinference-langchain', 'openllmetry', 'otel-instrumentation-openai'];
    for (const lib of libs) same(readFileSync(fixturePath(lib), 'utf8'));
  });

  it('keeps readOtlp order and choices whatever order the keys come in, and the last of a repeated key', () => {
    const cases: Doc[] = [
      // The spans before the resource and the scope they belong to.
      obj(['resourceSpans', [obj(['scopeSpans', [obj(['spans', [s1, s2]], ['scope', { name: 'late' }])]], ['resource', resource])]]),
      // OTLP before 0.15, and both names at once (scopeSpans wins when it is an array, in any order).
      obj(['resourceSpans', [obj(['instrumentationLibrarySpans', [obj(['instrumentationLibrary', { name: 'old' }], ['spans', [s1]])]])]]),
      obj(['resourceSpans', [obj(['instrumentationLibrarySpans', [obj(['spans', [s3]])]], ['scopeSpans', [obj(['spans', [s1, s2]])]])]]),
      obj(['resourceSpans', [obj(['scopeSpans', 'not a list'], ['instrumentationLibrarySpans', [obj(['spans', [s1]])]])]]),
      obj(['resourceSpans', [obj(['scopeSpans', [obj(['spans', [s1]])]], ['scopeSpans', {}], ['instrumentationLibrarySpans', [obj(['spans', [s2]])]])]]),
      // Repeated keys: JSON.parse keeps the last value.
      obj(['resourceSpans', [obj(['resource', resource], ['scopeSpans', [obj(['spans', [s1]])]], ['resource', { attributes: [] }])]]),
      obj(['resourceSpans', [obj(['scopeSpans', [obj(['spans', [s1]])]], ['scopeSpans', [obj(['spans', [s2, s3]])]])]]),
      obj(['resourceSpans', [obj(['scopeSpans', [obj(['spans', [s1]], ['scope', { name: 'a' }], ['spans', [s2]], ['scope', 'x'], ['instrumentationLibrary', { name: 'b' }])]])]]),
      obj(['resourceSpans', [obj(['scopeSpans', [obj(['spans', [s1]], ['spans', null])]], ['scopeSpans', [obj(['spans', [s2]])]])]]),
      // Entries that are not objects, empty ones, and other keys with values of every kind.
      obj(['resourceSpans', [null, 3, 'x', [], {}, obj(['schemaUrl', 'u'], ['x', { a: [1, { b: '}]' }] }], ['scopeSpans', [null, [], obj(['spans', [null, 7, 'span', [], {}, { name: 'no id' }, s1]])]])]]),
      obj(['resourceSpans', [obj(['resource', null], ['scopeSpans', [obj(['scope', [1]], ['spans', [s1]])]]), obj(['resource', resource], ['scopeSpans', [obj(['spans', [s2]])]])]]),
      // Spans read as they are found (resource, then scope, then spans), then a key repeated that changes them.
      obj(['resourceSpans', [obj(['resource', resource], ['scopeSpans', [obj(['scope', { name: 'a' }], ['spans', [s1, s2]])]], ['resource', { attributes: [] }])]]),
      obj(['resourceSpans', [obj(['resource', resource], ['scopeSpans', [obj(['scope', { name: 'a' }], ['spans', [s1]], ['scope', { name: 'b' }])]])]]),
      obj(['resourceSpans', [obj(['resource', resource], ['scopeSpans', [obj(['scope', { name: 'a' }], ['spans', [s1]], ['spans', [s2, s3]])]])]]),
      obj(['resourceSpans', [obj(['resource', resource], ['scopeSpans', [obj(['scope', { name: 'a' }], ['spans', [s1]])]], ['scopeSpans', [obj(['scope', 'x'], ['spans', [s3]])]])]]),
      obj(['resourceSpans', [obj(['resource', resource], ['instrumentationLibrarySpans', [obj(['instrumentationLibrary', { name: 'old' }], ['spans', [s1]])]], ['scopeSpans', [obj(['scope', { name: 'a' }], ['spans', [s2]])]])]]),
    ];
    for (const d of cases) {
      same(write(d));
      same(write(d, ' \n\t'));
    }
  });

  it('finds each span\'s end whatever the spans hold: links that look like the next span, sizes, spaces, many lists', () => {
    const linked = (n: number): Record<string, unknown> => ({
      ...span({ id: `e00000000000${String(n).padStart(4, '0')}`, name: `s${n}`, attrs: { i: n } }),
      links: [{ traceId: T1, spanId: 'f000000000000001' }, { traceId: T1, spanId: 'f000000000000002', attributes: [] }],
    });
    // Every span's links repeat the separator between spans (`},{"traceId":`): each guess is wrong until they stop.
    same(JSON.stringify(request(Array.from({ length: 60 }, (_, n) => linked(n)))));
    same(JSON.stringify(request(Array.from({ length: 60 }, (_, n) => (n % 7 === 3 ? linked(n) : span({ id: `e10000000000${String(n).padStart(4, '0')}`, name: `t${n}` }))))));
    // Spans of very different lengths, and spaces between spans that change from one to the next.
    const sized = Array.from({ length: 30 }, (_, n) => span({ id: `e20000000000${String(n).padStart(4, '0')}`, name: 'x'.repeat((n * 7919) % 5000) }));
    const text = JSON.stringify(request(sized)).replace(/\},\{"traceId"/g, (m, at: number) => (at % 3 === 0 ? '},\n {"traceId"' : at % 3 === 1 ? '} , {"traceId"' : m));
    same(text);
    // The separator stops matching after the first spans (another first key), then matches again far on.
    const reordered = Array.from({ length: 50 }, (_, n) => {
      const x = span({ id: `e40000000000${String(n).padStart(4, '0')}`, name: `r${n}` });
      if (n < 2 || n > 45) return x;
      const { spanId, ...rest } = x;
      return { spanId, ...rest };
    });
    same(JSON.stringify(request(reordered)));
    // Many resources and scopes, each a short list: the guess for each list's last span is wrong.
    const many = { resourceSpans: Array.from({ length: 40 }, (_, r) => ({
      resource, scopeSpans: Array.from({ length: 3 }, (_, k) => ({ scope: { name: `sc${k}` }, spans: [s1, s2, s3].map((x) => ({ ...x, spanId: `e3${String(r * 10 + k).padStart(14, '0')}` })) })),
    })) };
    same(JSON.stringify(many));
    same(JSON.stringify(many, null, 1));
  });

  it('reads escapes, brackets inside strings and text beyond ASCII exactly', () => {
    const odd = span({
      id: 'c000000000000001', name: 'naïve 名前 🚀 "quoted" \\ back}slash] {[', attrs: {
        'gen_ai.input.messages': JSON.stringify([{ role: 'user', parts: [{ type: 'text', content: 'a "b" \\ c ]}[{ \u2028 \u0001 é' }] }]),
        'ключ': 'значение', 'emoji 😀': '\ud83d\ude00', 'tab\there': 'line\nbreak',
      },
    });
    same(JSON.stringify(request([odd, s1])));
    // Escaped keys, also the structural ones, and escaped text in every position.
    const text = JSON.stringify(request([odd, s1])).replace('"resourceSpans"', '"resource\\u0053pans"').replace('"spans"', '"sp\\u0061ns"')
      .replace('"scopeSpans"', '"scope\\u0053pans"').replace('"naïve', '"na\\u00efve');
    same(text);
    // Numbers in every form JSON allows, where the reader looks at them.
    const numbers = write(obj(['resourceSpans', [obj(['scopeSpans', [obj(['spans', [{ ...s1, kind: 3, status: { code: 2 } }]], ['n', -1.5e+3])]], ['m', 0])]]));
    same(numbers.replace('"kind":3', '"kind":3.0e0').replace('"code":2', '"code":2E0'));
  });

  it('joins the GenAI events sent as log records beside the spans, in either order, as otlpSpans does', () => {
    const traces = JSON.parse(readFileSync(fixturePath('otel-instrumentation-openai'), 'utf8')) as Record<string, unknown>;
    const logs = JSON.parse(readFileSync(fixturePath('otel-instrumentation-openai', 'logs.json'), 'utf8')) as Record<string, unknown>;
    for (const text of [JSON.stringify({ ...traces, ...logs }), JSON.stringify({ ...logs, ...traces }), JSON.stringify({ ...traces, resourceLogs: null })]) {
      const got = otlpFileSpans(Buffer.from(text));
      assert.ok(got);
      assert.deepEqual(got, otlpSpans(JSON.parse(text)));
      same(text);
    }
    assert.ok(otlpFileSpans(Buffer.from(JSON.stringify({ ...traces, ...logs })))!.some((s) => s.events.length > 0), 'no log event was joined');
    // Logs given twice, or logs that are not JSON: the whole-document path decides.
    assert.equal(otlpFileSpans(Buffer.from(write(obj(['resourceSpans', traces.resourceSpans], ['resourceLogs', []], ['resourceLogs', []])))), undefined);
    assert.equal(otlpFileSpans(Buffer.from(JSON.stringify({ ...traces, resourceLogs: [] }).replace('"resourceLogs":[]', '"resourceLogs":[}'))), undefined);
  });

  it('leaves other documents to the whole-document path (undefined)', () => {
    const cases = [
      JSON.stringify({ resourceSpans: [], other: 1 }),
      JSON.stringify({ other: 1, resourceSpans: request([s1]).resourceSpans }),
      // Repeated resourceSpans, no spans, not a list, not an object at all.
      write(obj(['resourceSpans', request([s1]).resourceSpans], ['resourceSpans', request([s2]).resourceSpans])),
      JSON.stringify({ resourceSpans: [] }),
      JSON.stringify(request([])),
      JSON.stringify({ resourceSpans: {} }),
      JSON.stringify([request([s1])]),
      JSON.stringify({ data: [{ traceID: T1, spans: [] }] }),
      '', '   ', '{}', 'null',
    ];
    for (const text of cases) assert.equal(fast(text), undefined, text.slice(0, 80));
  });

  it('gives up on anything JSON.parse would reject, and on bytes that are not plain UTF-8', () => {
    const good = JSON.stringify(request([s1, s2]));
    const bad = [
      good.slice(0, -1), `${good},`, `${good}x`, `${good}\n${good}`, good.replace('[{"traceId"', '[{"traceId",'),
      good.replace('"spans":[', '"spans":[,'), good.replace('}]}]}', '}],}]}'), good.replace('"scopeSpans":', '"scopeSpans"'),
      good.replace('"name":"root"', '"name":"ro\u0001ot"'), good.replace('"resourceSpans"', '"resource\u0001Spans"'),
      good.replace('"scope":', "'scope':"), good.replace(':{"name":"test.instrumentation"', ':{"name":"test.instrumentation",}'),
      good.replace('"spans":[', '"spans":[}').replace('}]}]}', ']}]}'),
    ];
    for (const text of bad) {
      assert.throws(() => JSON.parse(text));
      assert.equal(fast(text), undefined, text.slice(0, 80));
    }
    // A byte order mark (TextDecoder drops it), and bytes that are not UTF-8: the whole-document path decodes those.
    assert.equal(readOtlpFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good)])), undefined);
    assert.equal(readOtlpFile(Buffer.from(good.replace('root', 'r\u00ffot'), 'latin1')), undefined);
  });

  it('on random documents and random corruptions, reads what readOtlp reads or gives up where JSON.parse fails', () => {
    // xorshift32: every bit varies (a float LCG's low bits do not).
    let seed = 7;
    const rand = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) % n;
    };
    const pick = <T>(xs: readonly T[]): T => xs[rand(xs.length)]!;
    const pieces = ['{', '}', '[', ']', '"', ',', ':', '\\', ' ', 'é', 'x', '0'];
    const leaf = (): unknown => pick([null, 1, 'v', '}]"[{', [], {}, { name: 'n' }, [1, [2]]]);
    const spanList = (): Doc => Array.from({ length: rand(4) }, () => (rand(5) === 0 ? leaf() : pick([s1, s2, s3, { ...s1, spanId: `d00000000000000${rand(9)}` }])));
    const scope = (): Doc => (rand(6) === 0 ? leaf() : obj(...Array.from({ length: 1 + rand(3) }, (): [string, unknown] => {
      const k = pick(['spans', 'spans', 'scope', 'instrumentationLibrary', 'other']);
      return [k, k === 'spans' ? (rand(6) === 0 ? leaf() : spanList()) : rand(2) ? { name: pick(['a', 'b']) } : leaf()];
    })));
    const rs = (): Doc => (rand(6) === 0 ? leaf() : obj(...Array.from({ length: 1 + rand(3) }, (): [string, unknown] => {
      const k = pick(['scopeSpans', 'scopeSpans', 'instrumentationLibrarySpans', 'resource', 'schemaUrl']);
      return [k, k.endsWith('Spans') ? (rand(6) === 0 ? leaf() : Array.from({ length: rand(3) }, scope)) : k === 'resource' ? (rand(2) ? resource : leaf()) : leaf()];
    })));
    let taken = 0;
    let corruptedTaken = 0;
    for (let n = 0; n < 400; n++) {
      const text = write(obj(['resourceSpans', Array.from({ length: 1 + rand(3) }, rs)]), pick(['', ' ', '\n  ']));
      const got = fast(text);
      const expected = whole(text);
      if (got) {
        taken++;
        assert.deepEqual(got, expected, text);
      } else assert.equal(expected.spans.length, 0, `gave up on a document with spans: ${text}`);
      // One character inserted or removed somewhere.
      const at = rand(text.length);
      const broken = rand(2) ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + pick(pieces) + text.slice(at);
      let parsed: unknown;
      try {
        parsed = JSON.parse(broken);
      } catch {
        assert.equal(fast(broken), undefined, broken);
        continue;
      }
      const b = fast(broken);
      if (b) {
        corruptedTaken++;
        assert.deepEqual(b, readOtlp(parsed), broken);
      }
    }
    // The generator must exercise the fast path, not only its refusals (most of its documents have no readable span).
    assert.ok(taken > 80, `only ${taken} documents read`);
    assert.ok(corruptedTaken > 10, `only ${corruptedTaken} changed documents read`);
  });
});
