// A browser page that is the trace panel as VS Code would show it: the real dist/webview.js and .css under
// the panel's CSP (nonce'd scripts, styles and fonts from one origin, nothing else), served from 127.0.0.1,
// in Debian's Chromium via playwright-core. `acquireVsCodeApi` is a stub whose postMessage goes to a
// TraceSession in Node (page.exposeFunction) — the same code the panel host runs — and whose answers come
// back as window message events, so every request pays a real round trip.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ensureSystemPackages } from '../test/harness/provision';
import { TraceSession, type TraceSessionLike } from '../src/model/traceSession';
import { PATIENCE_MS } from '../test/support/patience';
import type { Trace } from '../src/model/types';
import type { HostToWebview, WebviewToHost } from '../src/shared/protocol';


export interface HarnessOptions {
  /** Serve the page under the panel's CSP (default true). */
  csp?: boolean;
  theme?: 'dark' | 'light' | 'hc';
  /** Which app the page starts (the compare panel's page says `compare`). */
  view?: 'trace' | 'compare';
}

export interface OpenOptions {
  /** Answer `ready` with the trace (default). When false, the caller delivers it with `deliverTrace`. */
  autoTrace?: boolean;
  /** Post the outline packed, as a panel does with a trace worker's session (typed arrays reach the page). */
  packed?: boolean;
}

export class Harness {
  session: TraceSession | undefined;
  /** Answers instead of `session` when set: a session kept in a trace worker (bench:open). */
  sessionLike: TraceSessionLike | undefined;
  /** Fire-and-forget messages the webview sent (copy, openLink, answerGate), for tests. */
  readonly effects: WebviewToHost[] = [];
  readyCount = 0;
  private autoTrace = true;
  /** Answers messages instead of a TraceSession (the compare view's bench). */
  handler: ((msg: unknown) => unknown[] | Promise<unknown[]>) | undefined;

  private constructor(
    readonly browser: Browser,
    readonly page: Page,
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(opts: HarnessOptions = {}): Promise<Harness> {
    const root = join(__dirname, '..', '..');
    for (const f of ['dist/webview.js', 'dist/webview.css', 'dist/codicons/codicon.css']) {
      if (!existsSync(join(root, f))) throw new Error(`${f} is missing: run \`node esbuild.mjs\` first.`);
    }
    const server = createServer((req, res) => serve(root, opts, req.url ?? '/', res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    // Installs Debian's chromium on a fresh machine (as root), as the integration tier does.
    ensureSystemPackages(false);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    // Auto-waiting clicks and waits get the tests' generous deadline: a busy machine is slow, not broken.
    page.setDefaultTimeout(PATIENCE_MS);
    const h = new Harness(browser, page, server, url);
    // Replies cross as one JSON string, parsed in the page: what VS Code's postMessage does. (Playwright's own
    // value serialization walks every array element and would bill the page for 100k-match results.)
    await page.exposeFunction('__agentlensHost', async (msg: WebviewToHost) => pageJson(await h.handle(msg)));
    return h;
  }

  private async handle(msg: WebviewToHost): Promise<HostToWebview[]> {
    if (this.handler) return (await this.handler(msg)) as HostToWebview[];
    if (msg.type === 'copy' || msg.type === 'openLink' || msg.type === 'answerGate') this.effects.push(msg);
    if (msg.type === 'ready') {
      this.readyCount++;
      if (!this.autoTrace) return [];
    }
    const session = this.sessionLike ?? this.session;
    if (!session) return msg.type === 'ready' ? [{ type: 'loading', message: 'Loading trace…' }] : [];
    return session.handle(msg);
  }

  /** Loads the page with a trace behind it; resolves once the webview has said `ready`. */
  async open(trace: Trace, opts: OpenOptions = {}): Promise<void> {
    this.session = new TraceSession(trace, { copy: () => undefined, openLink: () => undefined }, opts.packed ?? false);
    this.autoTrace = opts.autoTrace ?? true;
    const before = this.readyCount;
    await this.page.goto(this.url);
    while (this.readyCount === before) await new Promise((r) => setTimeout(r, 5));
  }

  /** Loads the page without a trace session (a `handler` answers); resolves once the webview has said `ready`. */
  async openPage(): Promise<void> {
    const before = this.readyCount;
    const handler = this.handler;
    this.handler = (msg) => {
      if ((msg as { type?: string }).type === 'ready') this.readyCount++;
      return handler ? handler(msg) : [];
    };
    await this.page.goto(this.url);
    while (this.readyCount === before) await new Promise((r) => setTimeout(r, 5));
  }

  /** Posts any host message as VS Code would (JSON in, parsed in the page); ms to the first painted tree row. */
  async deliverTimed(msg: unknown): Promise<number> {
    return this.page.evaluate(`window.__bench.deliver(${JSON.stringify(pageJson(msg))})`) as Promise<number>;
  }

  /** Posts the `trace` message as VS Code would (JSON in, parsed in the page) and returns ms to the first complete paint. */
  async deliverTrace(): Promise<number> {
    const json = pageJson({ type: 'trace', outline: this.session!.outline });
    return this.page.evaluate(`window.__bench.deliver(${JSON.stringify(json)})`) as Promise<number>;
  }

  /** Posts a host message to the webview now (e.g. the `live` message of a refreshed running trace); typed arrays arrive as such. */
  async post(msg: HostToWebview): Promise<void> {
    await this.page.evaluate(`window.__bench.post(${JSON.stringify(pageJson(msg))})`);
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
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * A message as JSON for the page, which revives `{$$typed, data}` into typed arrays (bench/page/page.js): VS Code
 * hands typed arrays to a webview as binary buffers; here they cross as number arrays, which costs the page more.
 */
export function pageJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    ArrayBuffer.isView(v) && !(v instanceof DataView) ? { $$typed: v.constructor.name, data: Array.from(v as unknown as ArrayLike<number>) } : v);
}

/**
 * What VS Code's webview postMessage does on the extension host's thread (extHostWebviewMessaging.ts
 * serializeWebviewMessage): JSON with every typed array replaced by a reference to its buffer, sent as binary.
 */
export function vscodeSerialize(message: unknown): { json: string; buffers: ArrayBufferLike[] } {
  const buffers: ArrayBufferLike[] = [];
  const json = JSON.stringify(message, (_k, v: unknown) => {
    if (ArrayBuffer.isView(v)) {
      let index = buffers.indexOf(v.buffer);
      if (index < 0) index = buffers.push(v.buffer) - 1;
      return { $$vscode_array_buffer_reference$$: true, index, view: { type: v.constructor.name, byteLength: v.byteLength, byteOffset: v.byteOffset } };
    }
    return v;
  });
  return { json, buffers };
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf' };
const FILES: Record<string, string> = {
  '/dist/webview.js': 'dist/webview.js',
  '/dist/webview.css': 'dist/webview.css',
  '/dist/codicons/codicon.css': 'dist/codicons/codicon.css',
  '/dist/codicons/codicon.ttf': 'dist/codicons/codicon.ttf',
  '/page.js': 'bench/page/page.js',
  '/theme-dark.css': 'bench/page/theme-dark.css',
  '/theme-light.css': 'bench/page/theme-light.css',
  '/theme-hc.css': 'bench/page/theme-hc.css',
};

function serve(root: string, opts: HarnessOptions, url: string, res: import('node:http').ServerResponse): void {
  const path = url.split('?')[0]!;
  if (path === '/') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html(opts));
    return;
  }
  const file = FILES[path];
  if (!file || !existsSync(join(root, file))) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  res.end(readFileSync(join(root, file)));
}

/** The same document shape the panel host writes: CSP meta, nonce'd scripts, stylesheet links. */
function html(opts: HarnessOptions): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = opts.csp === false ? '' :
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'nonce-${nonce}'; style-src 'self'; font-src 'self'; img-src 'self' data:; connect-src 'none'">`;
  const theme = opts.theme ?? 'dark';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">${csp}
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/theme-${theme}.css"><link rel="stylesheet" href="/dist/codicons/codicon.css"><link rel="stylesheet" href="/dist/webview.css">
<title>AgentLens trace</title></head>
<body class="vscode-${theme === 'hc' ? 'high-contrast' : theme}"><div id="root" data-view="${opts.view ?? 'trace'}"></div>
<script nonce="${nonce}" src="/page.js"></script><script nonce="${nonce}" src="/dist/webview.js"></script>
</body></html>`;
}
