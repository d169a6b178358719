// A browser page that is the insights panel as VS Code would show it: the real dist/insights.js and .css
// under the panel's CSP, served from 127.0.0.1, in Debian's Chromium. Messages the webview posts are kept;
// host messages are delivered as window message events (JSON in, parsed in the page, as VS Code does).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureSystemPackages } from '../test/harness/provision';
import type { InsightsHostToWebview, InsightsWebviewToHost } from '../src/shared/insightsProtocol';

const FILES: Record<string, string> = {
  '/dist/insights.js': 'dist/insights.js',
  '/dist/insights.css': 'dist/insights.css',
  '/dist/codicons/codicon.css': 'dist/codicons/codicon.css',
  '/dist/codicons/codicon.ttf': 'dist/codicons/codicon.ttf',
  '/page.js': 'bench/page/page.js',
  '/theme-dark.css': 'bench/page/theme-dark.css',
  '/theme-light.css': 'bench/page/theme-light.css',
  '/theme-hc.css': 'bench/page/theme-hc.css',
};
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };

export class InsightsPage {
  readonly received: InsightsWebviewToHost[] = [];

  private constructor(readonly browser: Browser, readonly page: Page, private readonly server: Server) {}

  static async start(theme: 'dark' | 'light' | 'hc' = 'dark', csp = true): Promise<InsightsPage> {
    const root = join(__dirname, '..', '..');
    for (const f of ['dist/insights.js', 'dist/insights.css']) if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`node esbuild.mjs\` first.`);
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (path === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html(theme, csp));
        return;
      }
      const file = FILES[path];
      if (!file || !existsSync(join(root, file))) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream' }).end(readFileSync(join(root, file)));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    ensureSystemPackages(false);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1200, height: 1400 } });
    const p = new InsightsPage(browser, page, server);
    await page.exposeFunction('__agentlensHost', async (m: InsightsWebviewToHost) => {
      p.received.push(m);
      return '[]';
    });
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    // Polled from here: waitForFunction's string predicate would be an eval, which the page's CSP refuses.
    while (!(await page.evaluate('window.__agentlensInsights !== undefined'))) await new Promise((r) => setTimeout(r, 10));
    return p;
  }

  /** Delivers a host message; for `data`, resolves with ms from delivery to the frame after the first chart drew. */
  async deliver(msg: InsightsHostToWebview): Promise<number> {
    return this.page.evaluate(`(async () => {
      const probe = window.__agentlensInsights;
      probe.firstPaintAt = undefined;
      const t0 = performance.now();
      window.dispatchEvent(new MessageEvent('message', { data: JSON.parse(${JSON.stringify(JSON.stringify(msg))}) }));
      for (;;) {
        const t = await window.__bench.afterPaint();
        if (probe.firstPaintAt !== undefined) return t - t0;
        if (t - t0 > 30000) return NaN;
      }
    })()`) as Promise<number>;
  }

  /** Pixels of each chart canvas within a small distance of `color` (a CSS colour, or a `--variable` the page resolves). */
  async pixelsOf(color: string): Promise<number[]> {
    return this.page.evaluate(`(() => {
      const probe = document.createElement('canvas').getContext('2d');
      const c = ${JSON.stringify(color)};
      probe.fillStyle = c.startsWith('--') ? getComputedStyle(document.body).getPropertyValue(c).trim() : c;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b] = probe.getImageData(0, 0, 1, 1).data;
      return [...document.querySelectorAll('.chart canvas')].map((cv) => {
        const px = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4) {
          if (px[i + 3] > 200 && Math.abs(px[i] - r) + Math.abs(px[i + 1] - g) + Math.abs(px[i + 2] - b) < 24) n++;
        }
        return n;
      });
    })()`) as Promise<number[]>;
  }

  async violations(): Promise<unknown[]> {
    return this.page.evaluate('window.__violations') as Promise<unknown[]>;
  }

  async heapMB(): Promise<number> {
    const cdp = await this.page.context().newCDPSession(this.page);
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    await cdp.detach();
    return usedSize / (1024 * 1024);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}

function html(theme: string, csp: boolean): string {
  const nonce = randomBytes(16).toString('base64');
  const meta = csp ? `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'none'">` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${meta}
<link rel="stylesheet" href="/theme-${theme}.css"><link rel="stylesheet" href="/dist/codicons/codicon.css"><link rel="stylesheet" href="/dist/insights.css">
<title>AgentLens insights</title></head>
<body class="vscode-${theme === 'hc' ? 'high-contrast' : theme}"><div id="root"></div>
<script nonce="${nonce}" src="/page.js"></script><script nonce="${nonce}" src="/dist/insights.js"></script>
</body></html>`;
}
