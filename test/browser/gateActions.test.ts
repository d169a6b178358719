// The gate's Approve / Reject / Cancel buttons in Chromium: shown only on a gate that still waits in a Fruxon
// trace, and they only ask the host (which confirms and answers). Uses the bench page (real bundle, panel CSP).
import * as assert from 'node:assert/strict';
import { Harness } from '../../bench/harness';
import { preorder } from '../../src/model/outline';
import type { Step, Trace } from '../../src/model/types';
import { fixtureTrace } from './fixture';
import { selectStep, waitFor } from './pageHelpers';

/** The fixture with its gate still waiting for an answer. */
function waitingTrace(source: Trace['source']): Trace {
  const t = fixtureTrace();
  const gate = preorder(t).find((s) => s.id === 'gate-1') as Step;
  delete gate.end;
  gate.status = 'running';
  gate.detail = { kind: 'hitl', requestId: 'req-7', toolKey: 'sendEmail', outboundMessage: 'May I send the forecast to b@example.com?', requestedAt: gate.start };
  return { ...t, source };
}

describe('trace webview: gate buttons', function () {
  this.timeout(60_000);
  let h: Harness;
  before(async () => { h = await Harness.start(); });
  after(async () => h?.close());

  it('a waiting gate offers Approve, Reject and Cancel, each of which asks the host', async () => {
    const trace = waitingTrace('projected');
    await h.open(trace);
    await h.page.waitForSelector('.tree-scroll .row');
    const index = preorder(trace).findIndex((s) => s.id === 'gate-1');
    await selectStep(h.page, index, 'gate-1');
    const buttons = h.page.locator('#detail-pane .gate-actions .gate-button');
    assert.deepEqual((await buttons.allInnerTexts()).map((s) => s.trim()), ['Approve…', 'Reject…', 'Cancel request…']);
    for (const [i, action] of (['APPROVE', 'REJECT', 'CANCEL'] as const).entries()) {
      await buttons.nth(i).click();
      await waitFor(h.page, 'true');
      const sent = h.effects.filter((m) => m.type === 'answerGate');
      assert.deepEqual(sent.at(-1), { type: 'answerGate', requestId: 'req-7', action });
    }
    // Keyboard: the buttons are reachable and work with Enter.
    await buttons.first().focus();
    await h.page.keyboard.press('Enter');
    await waitFor(h.page, 'true');
    assert.equal(h.effects.filter((m) => m.type === 'answerGate').length, 4);
  });

  it('no buttons on an answered gate, nor on traces that are not Fruxon executions', async () => {
    const answered = fixtureTrace();
    await h.open(answered);
    await h.page.waitForSelector('.tree-scroll .row');
    await selectStep(h.page, preorder(answered).findIndex((s) => s.id === 'gate-1'), 'gate-1');
    assert.equal(await h.page.locator('#detail-pane .gate-actions').count(), 0);
    for (const source of ['otlp', 'zaia'] as const) {
      const t = waitingTrace(source);
      await h.open(t);
      await h.page.waitForSelector('.tree-scroll .row');
      await selectStep(h.page, preorder(t).findIndex((s) => s.id === 'gate-1'), 'gate-1');
      assert.equal(await h.page.locator('#detail-pane .gate-actions').count(), 0, `buttons on a ${source} trace`);
    }
  });
});
