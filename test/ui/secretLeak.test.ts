import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbench } from '../harness/workbench';
import { uiContext, openPalette } from './context';

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const s = statSync(p, { throwIfNoEntry: false });
    if (!s) continue;
    if (s.isDirectory()) out.push(...filesUnder(p));
    else if (s.isFile() && s.size < 50 * 1024 * 1024) out.push(p);
  }
  return out;
}

/** A file's bytes; none when it was removed since it was listed (a window's lock file, released meanwhile). */
function contents(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw e;
  }
}

// Runs last. Every suite before it signed in with the simulator's canary token and Zaia canary key (the extension-host suite
// and the sign-in dialogs); the token may live in SecretStorage only — never in settings, global state,
// logs, or an error message on screen.
describe('the credential never leaks', () => {
  it('appears in no file code-server or the extension wrote: settings, state, logs', () => {
    const { cs, sim } = uiContext();
    assert.match(sim.token, /^fx_pat_canary_/);
    const zaiaCanary = sim.zaiaKeys[1] ?? '';
    assert.match(zaiaCanary, /^zaia_canary_/);
    for (const secret of [sim.token, zaiaCanary]) {
      const needle = Buffer.from(secret);
      const hits = filesUnder(cs.dir).filter((f) => contents(f).includes(needle));
      assert.deepEqual(hits, [], `${secret.slice(0, 12)}… was written to disk`);
    }
    // The scan saw the extension's own log and the user settings, so it looked where a leak would be.
    const scanned = filesUnder(cs.dir);
    assert.ok(scanned.some((f) => f.endsWith('AgentLens.log')), 'the AgentLens log was not found under the code-server folder');
    assert.ok(scanned.some((f) => f.endsWith(join('User', 'settings.json'))));
  });

  it('appears nowhere in the workbench window, notifications included', async () => {
    const ctx = uiContext();
    const page = await openWorkbench(ctx.browser, ctx.cs, ctx.options);
    try {
      await openPalette(page);
      await page.locator('.quick-input-widget input').fill('>Notifications: Show Notifications');
      // The command's own row, once the palette lists it (on a busy machine the list lags behind the typing).
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Notifications: Show Notifications' }).first().click();
      // The center is drawn (with whatever notifications there are) before the page is read.
      await page.locator('.notifications-center.visible').waitFor();
      const text = await page.locator('body').innerText();
      assert.equal(text.includes(ctx.sim.token), false);
      assert.equal(text.includes(ctx.sim.zaiaKeys[1] ?? ''), false);
    } finally {
      await page.close();
    }
  });
});
