// A Zaia nestings trace in the panel (Chromium, real bundle, panel CSP): credits are counted, never shown
// as dollars; a purged sub-execution says so; an unknown `detail` variant shows as a key/value tree.
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import { NestingsSchema } from '../../src/api/zaia/schemas';
import { preorder } from '../../src/model/outline';
import { traceFromNestings } from '../../src/model/zaiaTrace';
import { detailText, expandDetail, selectStep } from './pageHelpers';
import { TEST_TIMEOUT_MS } from '../support/patience';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
const exec = (id: string, parentId: string | null, o: Record<string, unknown>) => ({
  id, createdAt: iso(T0), updatedAt: iso(T0 + 60_000), creditsUsed: 1, detail: { type: 'agent-chat' }, startedAt: iso(T0), endedAt: iso(T0 + 60_000),
  isAgentic: true, isPurged: false, parentId, responderId: 'squad', status: 'completed', workspaceId: 'ws-1', ...o,
});

describe('trace webview: Zaia credits', function () {
  this.timeout(TEST_TIMEOUT_MS);
  const nestings = NestingsSchema.parse({
    ...exec('root-1', null, { creditsUsed: 2.5 }),
    children: [
      exec('child-1', 'root-1', { responderId: 'agent', creditsUsed: 1, startedAt: iso(T0 + 1_000), endedAt: iso(T0 + 20_000), detail: { kind: 'voice-call', transcript: [{ speaker: 'caller', text: 'Hello there' }] } }),
      exec('child-2', 'root-1', { responderId: 'agent', creditsUsed: 0.25, startedAt: iso(T0 + 30_000), endedAt: iso(T0 + 50_000), isPurged: true, detail: null }),
    ],
  });
  const trace = traceFromNestings(nestings, { responders: new Map([['squad', { name: 'Care Squad', entity: 'squad' }], ['agent', { name: 'Support Agent', entity: 'agent' }]]) });
  const steps = preorder(trace);
  const at = (id: string) => steps.findIndex((s) => s.id === id);
  let h: Harness;

  before(async () => {
    h = await Harness.start();
    await h.open(trace);
    await h.page.waitForSelector('.tree-scroll .row');
  });
  after(async () => h?.close());

  it('shows credits in the header, the column and the rows, and no dollar sign anywhere', async () => {
    const header = await h.page.locator('.trace-header').innerText();
    for (const s of ['Care Squad', 'Zaia nesting', '3 steps', '3.75 credits']) assert.ok(header.includes(s), `header lacks ${s}: ${header}`);
    assert.equal((await h.page.locator('.tree-columns').innerText()).includes('Credits'), true);
    assert.equal(await h.page.locator(`#step-row-${at('root-1')} .cell-num`).last().innerText(), '2.5');
    assert.equal(await h.page.locator(`#step-row-${at('child-2')} .cell-num`).last().innerText(), '0.25');
    assert.equal((await h.page.locator('body').innerText()).includes('$'), false);
  });

  it('marks the purged sub-execution and shows an unknown detail as a key/value tree', async () => {
    assert.match(await h.page.locator(`#step-row-${at('child-2')}`).innerText(), /Support Agent \(purged\)/);
    await selectStep(h.page, at('child-1'), 'child-1');
    await expandDetail(h.page);
    const text = await detailText(h.page);
    for (const s of ['voice-call', 'transcript', 'Hello there', 'isAgentic', '1 credit']) assert.ok(text.includes(s), `detail lacks ${s}: ${text}`);
  });
});
