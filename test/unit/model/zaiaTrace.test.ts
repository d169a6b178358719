// The nestings mapper, pure: fixtures written from seed 003's field list, plus what the simulator serves.
import assert from 'node:assert/strict';
import { startSimulator } from '../../../simulator/index';
import { ZaiaClient } from '../../../src/api/zaia/client';
import { NestingsSchema, type ZaiaNestings } from '../../../src/api/zaia/schemas';
import { walk } from '../../../src/model/rollup';
import type { Step } from '../../../src/model/types';
import { PURGED_NOTE, traceFromNestings } from '../../../src/model/zaiaTrace';

const T0 = Date.UTC(2026, 5, 1, 12);
const iso = (ms: number) => new Date(ms).toISOString();
let n = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`;

function exec(o: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: uuid(), createdAt: iso(T0), updatedAt: iso(T0 + 5_000), creditsUsed: 1, detail: { type: 'agent-chat' }, startedAt: iso(T0),
    endedAt: iso(T0 + 5_000), isAgentic: false, isPurged: false, parentId: null, responderId: 'r-agent', status: 'completed', workspaceId: 'ws1', ...o,
  };
}

function parse(v: unknown): ZaiaNestings {
  const r = NestingsSchema.safeParse(v);
  assert.ok(r.success, JSON.stringify(r.error?.issues));
  return r.data;
}

const responders = new Map([
  ['r-agent', { name: 'Support Agent', entity: 'agent' }],
  ['r-squad', { name: 'Care Squad', entity: 'squads' }],
  ['r-flow', { name: 'Nightly', entity: 'workflow' }],
]);

function ids(steps: readonly Step[]): string[] {
  const out: string[] = [];
  walk(steps, (s) => void out.push(s.name));
  return out;
}

describe('model: Zaia nestings → trace', () => {
  it('makes parent/child executions steps, credits the cost, and names steps after their responders', () => {
    const root = exec({ responderId: 'r-squad', creditsUsed: 2.5, isAgentic: true, startedAt: iso(T0), endedAt: iso(T0 + 60_000) });
    const b = exec({ parentId: root.id, startedAt: iso(T0 + 20_000), creditsUsed: 0.75 });
    const a = exec({ parentId: root.id, startedAt: iso(T0 + 10_000), responderId: 'r-flow', creditsUsed: 1 });
    const a1 = exec({ parentId: a.id, startedAt: iso(T0 + 11_000), responderId: 'r-unknown', creditsUsed: 0.25, detail: { type: 'tool-call' } });
    const t = traceFromNestings(parse([root, b, a, a1]), { responders });
    assert.equal(t.source, 'zaia');
    assert.equal(t.currency, 'credits');
    assert.equal(t.title, 'Care Squad');
    assert.equal(t.agentId, 'r-squad');
    assert.equal(t.stepCount, 4);
    assert.equal(t.cost.total, 4.5);
    assert.equal(t.cost.other, 4.5);
    assert.equal(t.start, T0);
    assert.equal(t.end, T0 + 60_000);
    assert.equal(t.status, 'ok');
    const r = t.roots[0]!;
    assert.equal(r.kind, 'agent');
    assert.equal(r.rawType, 'squads');
    assert.equal(r.cost.total, 2.5, 'a step carries its own credits, not its children\'s');
    assert.equal(r.attributes?.isAgentic, true);
    // Children by start time, whatever order they arrived in.
    assert.deepEqual(ids(t.roots), ['Care Squad', 'Nightly', 'tool-call', 'Support Agent']);
    assert.equal(r.children[0]!.kind, 'flow');
    assert.equal(r.children[0]!.children[0]!.kind, 'other');
  });

  it('marks purged executions and keeps their metadata', () => {
    const root = exec({ isPurged: true, detail: null, creditsUsed: 3 });
    const t = traceFromNestings(parse(root), { responders });
    const s = t.roots[0]!;
    assert.equal(s.name, 'Support Agent (purged)');
    assert.equal(s.attributes?.purged, PURGED_NOTE);
    assert.equal(s.attributes?.isPurged, true);
    assert.equal(s.cost.total, 3);
  });

  it('maps statuses by meaning in any spelling; an unknown one stays as sent', () => {
    const status = (st: string | null, o: Record<string, unknown> = {}) => traceFromNestings(parse(exec({ status: st, ...o }))).roots[0]!;
    assert.equal(status('Succeeded').status, 'ok');
    assert.equal(status('FAILED').status, 'error');
    assert.equal(status('canceled').status, 'error');
    assert.equal(status('running', { endedAt: null }).status, 'running');
    assert.equal(status('running', { endedAt: null }).end, undefined);
    const unknown = status('awaiting_human_review');
    assert.equal(unknown.status, 'unknown');
    assert.equal(unknown.rawStatus, 'awaiting_human_review');
    // Unknown and no end time: still going, as far as anyone can tell.
    assert.equal(status('quantum', { endedAt: null }).status, 'running');
    const failed = traceFromNestings(parse(exec({ status: 'failed', detail: { error: { message: 'model timed out' } } })));
    assert.equal(failed.roots[0]!.error, 'model timed out');
    assert.equal(failed.status, 'error');
  });

  it('puts an unknown detail variant and unknown fields into attributes, and reads input/output when present', () => {
    const detail = { kind: 'voice-call', transcript: [{ speaker: 'caller', text: 'hi' }], nested: { deep: { er: 1 } } };
    const t = traceFromNestings(parse(exec({ detail, futureField: { a: 1 } })));
    const s = t.roots[0]!;
    assert.deepEqual(s.attributes?.detail, detail);
    assert.deepEqual(s.attributes?.futureField, { a: 1 });
    assert.equal(s.name, 'voice-call');
    const chat = traceFromNestings(parse(exec({ detail: { input: { message: 'Where is my order?' }, output: { message: 'On its way.' }, tokens: { input: 120, output: 30 } } })));
    const d = chat.roots[0]!.detail;
    assert.equal(d.kind, 'generic');
    assert.deepEqual(d.kind === 'generic' ? d.result : undefined, { text: 'On its way.' });
    assert.deepEqual(chat.parameters, { message: 'Where is my order?' });
    assert.deepEqual(chat.result, { text: 'On its way.' });
    assert.equal(chat.tokens.input, 120);
    assert.equal(chat.tokens.output, 30);
  });

  it('hangs an execution whose parent is missing (or in a cycle) under the root instead of dropping it', () => {
    const root = exec();
    const orphan = exec({ parentId: uuid() });
    const x = exec({ id: 'x', parentId: 'y' });
    const y = exec({ id: 'y', parentId: 'x' });
    const t = traceFromNestings(parse([root, orphan, x, y]));
    assert.equal(t.stepCount, 4);
    let seen = 0;
    walk(t.roots, () => void seen++);
    assert.equal(seen, 4);
    assert.match(String(t.roots[0]!.children.find((c) => c.id === orphan.id)?.attributes?.orphan), /not in the response/);
  });

  it('keeps the child of an orphan under that orphan, whatever the order of the list', () => {
    const root = exec();
    const a = exec({ id: 'a', parentId: uuid() });
    const b = exec({ id: 'b', parentId: 'a' });
    for (const list of [[root, b, a], [root, a, b]]) {
      const t = traceFromNestings(parse(list));
      const top = t.roots[0]!.children;
      assert.deepEqual(top.map((c) => c.id), ['a']);
      assert.deepEqual(top[0]!.children.map((c) => c.id), ['b']);
      assert.equal(top[0]!.children[0]!.attributes?.orphan, undefined, 'b is not an orphan');
    }
  });

  it('maps a 5,000-deep nested chain without recursion, in every nestings shape', () => {
    const depth = 5_000;
    // Built inside out so that no step of the test itself recurses.
    let node: Record<string, unknown> = exec({ creditsUsed: 0.5 });
    for (let i = 1; i < depth; i++) node = { ...exec({ creditsUsed: 0.5 }), children: [node] };
    const t = traceFromNestings(parse(node));
    assert.equal(t.stepCount, depth);
    assert.equal(t.cost.total, depth * 0.5);
    let max = 0;
    walk(t.roots, (_s, d) => void (max = Math.max(max, d)));
    assert.equal(max, depth - 1);
    // The same chain flat (linked by parentId, children first) and wrapped.
    const flat: Record<string, unknown>[] = [exec()];
    for (let i = 1; i < depth; i++) flat.push(exec({ parentId: flat[i - 1]!.id }));
    const reversed = [flat[0]!, ...flat.slice(1).reverse()];
    for (const body of [reversed, { execution: flat[0], children: flat.slice(1) }]) {
      const f = traceFromNestings(parse(body));
      assert.equal(f.stepCount, depth);
      let deepest = 0;
      walk(f.roots, (_s, d) => void (deepest = Math.max(deepest, d)));
      assert.equal(deepest, depth - 1);
    }
  });

  it('maps what the simulator serves: the deep chain, the purged squad, the running execution', async () => {
    const sim = await startSimulator({ port: 0, seed: 5, bigTraceSteps: 100, quiet: true });
    const client = new ZaiaClient({ baseUrl: sim.baseUrl, apiKey: sim.zaiaApiKey });
    try {
      const names = new Map((await client.listAllResponders()).map((r) => [r.id, { name: r.name, entity: r.entity }]));
      const deep = traceFromNestings(await client.getNestings({ executionId: sim.zaia.special.deep }), { responders: names });
      assert.equal(deep.stepCount, sim.zaia.deepDepth);
      assert.equal(deep.title, 'Nightly Report');
      assert.equal(deep.roots[0]!.kind, 'flow');
      const purged = traceFromNestings(await client.getNestings({ executionId: sim.zaia.special.purged }), { responders: names });
      assert.match(purged.roots[0]!.name, /\(purged\)$/);
      assert.equal(purged.roots[0]!.children.filter((c) => c.name.endsWith('(purged)')).length, 1);
      const expected = sim.zaia.executions.filter((e) => e.id === sim.zaia.special.purged || e.parentId === sim.zaia.special.purged)
        .reduce((acc, e) => acc + e.creditsUsed, 0);
      assert.ok(Math.abs(purged.cost.total - expected) < 1e-9);
      const running = traceFromNestings(await client.getNestings({ executionId: sim.zaia.special.running }), { responders: names });
      assert.equal(running.status, 'running');
      assert.equal(running.end, undefined);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});
