// A scripted chat model for the @agentlens UI test and the README's chat screenshot, where no real model (and
// no Copilot sign-in) is available. test/fixtures/fake-chat-model is a separate, test-only extension (never in
// the VSIX) contributing a language-model provider; it is copied into a fresh code-server's extensions folder,
// which code-server registers on its first start. (A second extensionDevelopmentPath does not work here: the
// web workbench reads its URL payload into a Map, so only the last development path is loaded.)
import { cpSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { until } from '../support/patience';

const root = resolve(__dirname, '..', '..', '..');
export const FAKE_CHAT_MODEL_DIR = join(root, 'test', 'fixtures', 'fake-chat-model');
/** The model's id (see the fixture): what `chat.defaultModel` selects. */
export const FAKE_CHAT_MODEL_ID = 'agentlens-scripted';
/** The name the chat's model picker shows. */
export const FAKE_CHAT_MODEL_NAME = 'Scripted (fake)';

/** User settings for a window with chat: AI features on, the fake model selected, the chat view open. */
export const FAKE_CHAT_SETTINGS: Record<string, unknown> = {
  'chat.disableAIFeatures': false,
  'chat.defaultModel': FAKE_CHAT_MODEL_ID,
  'workbench.secondarySideBar.defaultVisibility': 'visible',
};

/** Copies the fixture into `<codeServerDir>/ext` before code-server starts there for the first time. */
export function installFakeChatModel(codeServerDir: string): void {
  cpSync(FAKE_CHAT_MODEL_DIR, join(codeServerDir, 'ext', 'agentlens-dev.agentlens-fake-chat-model-0.0.1'), { recursive: true });
}

/** Types a request into the chat view's input and sends it; resolves once the chat shows the request. */
export async function askChat(page: Page, text: string): Promise<void> {
  const input = page.locator('.interactive-input-part .monaco-editor').first();
  await input.click();
  await page.keyboard.type(text);
  await page.locator('.interactive-input-part', { hasText: text.slice(-20) }).first().waitFor();
  // A completion list (participants, commands) may still be open and take the first Enter.
  const request = page.locator('.interactive-request', { hasText: text.slice(-20) });
  await until('the chat to take the request', async () => {
    if (await request.count()) return true;
    await page.keyboard.press('Enter');
    return undefined;
  }, undefined, 1000);
}
