import { join, resolve } from 'node:path';
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from '../harness/codeServer';
import { FAKE_CHAT_MODEL_NAME, FAKE_CHAT_SETTINGS, askChat, installFakeChatModel } from '../harness/fakeChatModel';
import { ensureToolchain } from '../harness/provision';
import { openWorkbench } from '../harness/workbench';
import { screenshotOnFailure, uiContext } from './context';

const root = resolve(__dirname, '..', '..', '..');

// The @agentlens participant in VS Code's own chat view, end to end: a window of its own with chat enabled and a
// scripted fake model (test/fixtures/fake-chat-model, which answers from the trace outline it is sent), the
// execution taken from the Agents view's selection, the answer rendered with a button per cited step, and a
// button opening the trace at its step.
describe('@agentlens in the chat view with a scripted model (code-server + Chromium)', () => {
  let cs: CodeServer | undefined;
  let page: Page | undefined;

  before(async () => {
    const ctx = uiContext();
    // A code-server of its own (the suite's runs with AI features off), in a folder inside the suite's one: the
    // credential-leak check scans it too, chat history included.
    const dir = join(ctx.cs.dir, 'chat-window');
    installFakeChatModel(dir);
    cs = await startCodeServer(ensureToolchain(join(root, '.vscode-test')), dir, FAKE_CHAT_SETTINGS);
    page = await openWorkbench(ctx.browser, cs, ctx.options);
  });

  after(async () => {
    await page?.close();
    await cs?.stop();
  });

  screenshotOnFailure(() => page);

  it('explains the selected failed execution with the selected model, and a cited step\'s button opens the trace there', async () => {
    const p = page!;
    const { sim } = uiContext();
    // The model picker shows the fake model once its provider has registered: only then can a request use it.
    await p.locator('.interactive-input-part', { hasText: FAKE_CHAT_MODEL_NAME }).first().waitFor();

    const agent = sim.data.agents.find((a) => a.id === sim.data.special.failed.agentId)!;
    await p.locator('.activitybar a.action-label[aria-label^="AgentLens"]').click();
    const row = (t: string | RegExp) => p.locator('.sidebar .monaco-list-row', { hasText: t });
    await row(agent.displayName).first().click();
    const failedRecord = p.locator('.sidebar .monaco-list-row:has(.codicon-error)').first();
    await failedRecord.click();
    // The click opened its trace; closed again, the execution can only come from the selection in the tree.
    // (Closed once it has drawn, so its webview taking focus cannot come after and get in the way.)
    const tab = p.locator('.tabs-container .tab', { hasText: `${agent.displayName} · ` }).first();
    const trace = p.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await trace.locator('[role=tree] [role=treeitem]').nth(1).waitFor();
    await tab.hover();
    await tab.locator('.tab-actions .action-label').first().click();
    await tab.waitFor({ state: 'detached' });

    await askChat(p, '@agentlens /explain why did it fail?');
    const response = p.locator('.interactive-response').last();
    const stepButton = response.getByRole('button', { name: /^Open #\d+ / }).first();
    await response.getByRole('button', { name: 'Open the trace' }).waitFor();
    // The scripted model quotes the failing step of the outline it was sent: number, kind, name and error.
    const said = /The run failed at #(\d+), the (\S+) call "(.+?)": (.+?)\.\n/.exec(await response.innerText());
    assert.ok(said, `the answer: ${await response.innerText()}`);
    const [, n, , name, error] = said;
    assert.equal(await stepButton.innerText(), `Open #${n} ${name!.slice(0, 40)}`);
    assert.notEqual(error, 'no error message', 'the outline sent to the model had the failing step\'s error');

    await stepButton.click();
    await tab.waitFor();
    await trace.locator('[role=treeitem][aria-selected="true"]', { hasText: name! }).waitFor();
    await trace.locator('.step-detail', { hasText: error! }).waitFor();
  });
});
