import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { openWorkbench } from '../harness/workbench';
import { openPalette, screenshotOnFailure, uiContext } from './context';

// Human approvals as a person meets them: the notification when a run pauses, the confirmation, the trace
// showing the decision, the Approvals node in the sidebar, the gate's buttons in the trace panel, the badge.
describe('Human approvals UI (code-server + Chromium)', () => {
  let page: Page;
  const input = () => page.locator('.quick-input-widget input');
  const sidebarRow = (t: string | RegExp) => page.locator('.sidebar .monaco-list-row', { hasText: t });
  const trace = () => page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  /** The AgentLens activity-bar icon's badge (the number of pending approvals). */
  const badge = () => page.locator('.activitybar .action-item:has(a[aria-label^="AgentLens"]) .badge-content');

  async function pending(): Promise<number> {
    const { sim } = uiContext();
    const res = await fetch(`${sim.baseUrl}/v1/tenants/${sim.tenant}/pendingApprovals?pageSize=100`, { headers: { 'X-API-KEY': sim.apiKey } });
    return ((await res.json()) as { totalCount: number }).totalCount;
  }

  async function notification(text: string): Promise<Locator> {
    // Enter rather than a click: a webview opening at the same moment can move the list under the pointer.
    await openPalette(page);
    await input().fill('>Notifications: Show Notifications');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Notifications' }).first().waitFor();
    await input().press('Enter');
    const item = page.locator('.notifications-center .notification-list-item', { hasText: text }).first();
    await item.waitFor();
    return item;
  }

  before(async () => {
    const ctx = uiContext();
    writeFileSync(join(ctx.options.workspace, 'approve-refund.agentrun.json'), `${JSON.stringify({
      agent: 'support-triage',
      parameters: { message: 'Refund order #8812: charged twice.', _sim: { approval: true, resumeMs: 1000 } },
    }, null, 2)}\n`);
    page = await openWorkbench(ctx.browser, ctx.cs, ctx.options);
    await page.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
  });

  after(async () => {
    await page?.close();
  });

  screenshotOnFailure(() => page);

  it('a run that pauses says so; Approve from the notification (confirmed) and the run completes with the decision in its trace', async () => {
    await page.keyboard.press('Control+P');
    await input().fill('approve-refund.agentrun.json');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'approve-refund.agentrun.json' }).first().click();
    const lens = page.locator('.contentWidgets .codelens-decoration, .codelens-decoration');
    await lens.filter({ hasText: 'Run agent' }).first().waitFor();
    await lens.locator('a', { hasText: 'Run agent' }).first().click();
    // The run opens its trace; then it says what it waits for.
    await page.locator('.tabs-container .tab', { hasText: /^Support Triage/ }).first().waitFor();
    const note = await notification('waits for approval');
    assert.match(await note.innerText(), /Support Triage waits for approval: /);
    await note.locator('.monaco-button', { hasText: 'Approve' }).first().click();
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /Approve ".+"\?/);
    await dialog.locator('.monaco-button', { hasText: /^Approve$/ }).click();
    // The lens follows the run to its end.
    await page.locator('.tabs-container .tab', { hasText: 'approve-refund.agentrun.json' }).first().click();
    await lens.filter({ hasText: 'Last run: COMPLETED' }).first().waitFor();
    // The trace (opened by the run) shows the gate answered and the guarded tool after it.
    await page.locator('.tabs-container .tab', { hasText: /^Support Triage/ }).first().click();
    const gate = trace().locator('[role=treeitem]:has(.kind.codicon-person)').first();
    await gate.click();
    await trace().locator('.step-detail.kind-hitl', { hasText: 'APPROVE' }).waitFor();
    assert.equal(await trace().locator('.gate-actions').count(), 0, 'an answered gate still offers buttons');
  });

  it('the Approvals node lists a request from elsewhere; the gate\'s Reject button asks, answers once, and the badge follows', async () => {
    const { sim } = uiContext();
    await page.keyboard.press('Control+K');
    await page.keyboard.press('W');
    const res = await fetch(`${sim.baseUrl}/v1/tenants/${sim.tenant}/agents/support-triage:execute`, {
      method: 'POST', headers: { 'X-API-KEY': sim.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ parameters: { message: 'Cancel my subscription and refund the year', _sim: { approval: true } } }),
    });
    const { humanApprovalRequestId } = (await res.json()) as { humanApprovalRequestId: string };
    const count = await pending();
    // The view reloads pending approvals while visible; the badge shows the tenant's count.
    await badge().filter({ hasText: new RegExp(`^${count}$`) }).waitFor();
    await sidebarRow(/^Approvals/).first().click();
    const item = sidebarRow(/^Support Triage: /).first();
    await item.waitFor();
    await item.hover();
    assert.match(await item.innerText(), /waited .* · expires in/);
    await item.click();
    const gate = trace().locator('[role=treeitem]:has(.kind.codicon-person)').first();
    await gate.waitFor();
    await gate.click();
    await trace().locator('.gate-actions .gate-button', { hasText: 'Reject' }).click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Reject' }).waitFor();
    await input().fill('Not within policy');
    await input().press('Enter');
    await trace().locator('.step-detail.kind-hitl', { hasText: 'REJECT' }).waitFor();
    await trace().locator('.step-detail.kind-hitl', { hasText: 'Not within policy' }).waitFor();
    const answered = sim.requests.filter((r) => r.route === 'respondApproval' && r.path.includes(humanApprovalRequestId));
    assert.equal(answered.length, 1);
    await badge().filter({ hasText: new RegExp(`^${count - 1}$`) }).waitFor();
    await page.screenshot({ path: join(uiContext().screenshotsDir, 'approvals.png') });
  });
});
