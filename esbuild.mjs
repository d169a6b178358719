// Builds AgentLens.
//   dist/extension.js          the shell VS Code activates (node, cjs, `vscode` external): registrations only
//   dist/core.js               the rest of the extension, which the shell loads on first use
//   dist/tests.js              agent tests in the Test Explorer, which the core loads when VS Code first asks for tests
//   dist/traceWorker.js        a trace panel's worker thread: reads, parses and maps a trace file, answers for it
//   dist/receiverWorker.js     the local OTLP receiver's worker thread: server, store, journal, summaries
//   dist/webview.js/.css       the trace panel (browser, Preact)
//   dist/cli.js                the `agentlens` command line (node; tests for CI), over the same src/api and model code
//   dist/insights.js/.css      the insights panel (browser, Preact + uPlot)
//   dist/codicons/             codicon font + css for the webview
//   out/                       every .ts of src, simulator, test, bench, transpiled 1:1 for mocha and the CLIs
// Flags: --production (minify, no source maps, size report), --watch, --no-out (skip out/), --cli-only (dist/cli.js alone).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const cliOnly = args.has('--cli-only');
const withOut = !args.has('--no-out') && !cliOnly;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __AGENTLENS_VERSION__: JSON.stringify(version) };

// esbuild cannot tree-shake a namespace that reaches it as a named binding: `import { z } from 'zod'` bundles
// all of zod (every locale, JSON-schema conversion: ~440 KB minified), `import * as z from 'zod'` only what
// is used (~95 KB). Same module, same API; this rewrites the first form into the second for the extension
// bundle, so schema files can keep zod's documented import.
const zodNamespace = {
  name: 'zod-namespace-import',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const rewritten = text.replace(/^import \{ z \} from (['"])zod\1;?$/gm, "import * as z from 'zod';");
      return rewritten === text ? undefined : { contents: rewritten, loader: 'ts' };
    });
  },
};

// Three undici modules the HTTP layer never reaches on the platforms VS Code runs on, replaced by stubs that say
// so if that ever changes (~125 KB minified): the fetch body encoder, loaded only for FormData request bodies
// (src/api/http.ts sends strings); the HTTP/2 client, used only with `allowH2` (never set); and the non-SIMD
// build of the llhttp parser, a fallback for CPUs or runtimes without WebAssembly SIMD (VS Code's x64 and arm64
// Electron and Node all have it; undici also forces it on ppc64 with Node < 24.12, where VS Code does not run).
// See src/api/undici.ts.
const undiciStubs = {
  name: 'undici-unused-stubs',
  setup(build) {
    const stubs = {
      '../web/fetch/body.js': "exports.extractBody = () => { throw new Error('AgentLens: FormData request bodies are not bundled (esbuild.mjs)'); };",
      './client-h2.js': "module.exports = () => { throw new Error('AgentLens: HTTP/2 is not bundled (esbuild.mjs)'); };",
      '../llhttp/llhttp-wasm.js': "throw new Error('AgentLens: this runtime has no WebAssembly SIMD, and the non-SIMD HTTP parser is not bundled (esbuild.mjs)');",
    };
    build.onResolve({ filter: /^(\.\.\/web\/fetch\/body|\.\/client-h2|\.\.\/llhttp\/llhttp-wasm)\.js$/ }, (args) =>
      /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]/.test(args.importer) ? { path: args.path, namespace: 'undici-stub' } : undefined);
    build.onLoad({ filter: /.*/, namespace: 'undici-stub' }, (args) => ({ contents: stubs[args.path], loader: 'js' }));
  },
};

// The shell loads the core bundle at run time, from beside itself (dist/core.js).
const coreExternal = {
  name: 'core-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/core\.js$/ }, () => ({ path: './core.js', external: true }));
  },
};

/** What every node bundle (core, tests, agent, cli) shares. ESM builds first (mainFields): jsonc-parser's UMD main
 * loads its parts with a require() esbuild cannot follow. */
const nodeBundle = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: production ? false : 'linked',
  metafile: true,
  logLevel: 'warning',
  define,
};

/** The command line (src/cli/main.ts): node, no `vscode`, run by `npm run agentlens` and the package's `bin`. */
const cliBuild = {
  entryPoints: ['src/cli/main.ts'],
  outfile: 'dist/cli.js',
  ...nodeBundle,
  // No `vscode` here: an import of it must fail the build rather than be left to fail at run time.
  external: [],
  banner: { js: '#!/usr/bin/env node' },
  plugins: [zodNamespace, undiciStubs],
};

// The core loads the Test Explorer's bundle at run time, from beside itself (dist/tests.js).
const testsExternal = {
  name: 'tests-external',
  setup(build) {
    build.onResolve({ filter: /^\.\/(tests|agent)\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/** @type {esbuild.BuildOptions[]} */
const builds = cliOnly ? [cliBuild] : [
  {
    // The shell VS Code activates: registrations only, a few KB (src/extension.ts).
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    minify: production,
    sourcemap: production ? false : 'linked',
    metafile: true,
    logLevel: 'warning',
    define,
    plugins: [coreExternal],
  },
  {
    // Everything else, loaded on first use (src/core.ts).
    entryPoints: ['src/core.ts'],
    outfile: 'dist/core.js',
    ...nodeBundle,
    plugins: [zodNamespace, undiciStubs, testsExternal],
  },
  {
    // Agent tests (src/testing/index.ts), loaded by the core on first use. Gets API clients from the core.
    entryPoints: { tests: 'src/testing/index.ts' },
    outdir: 'dist',
    ...nodeBundle,
    plugins: [zodNamespace, undiciStubs],
  },
  {
    // The coding-agent features (src/lmTools/index.ts): language-model tools, @agentlens, trace exports; loaded by
    // the core on first use, with connections, panels and the trace loader from the core.
    entryPoints: { agent: 'src/lmTools/index.ts' },
    outdir: 'dist',
    ...nodeBundle,
    plugins: [zodNamespace, undiciStubs],
  },
  {
    // A trace panel's worker thread (src/traceWorker/worker.ts), started by the core for each trace it loads there.
    entryPoints: { traceWorker: 'src/traceWorker/worker.ts' },
    outdir: 'dist',
    ...nodeBundle,
    plugins: [zodNamespace, undiciStubs],
  },
  {
    // The local OTLP receiver's worker thread (src/receiverWorker/worker.ts): its server, store, journal and the
    // summaries Local Traces lists. No HTTP client, no zod.
    entryPoints: { receiverWorker: 'src/receiverWorker/worker.ts' },
    outdir: 'dist',
    ...nodeBundle,
  },
  {
    // Two pages, two bundles: the trace viewer does not load uPlot, the insights panel not markdown-it.
    entryPoints: { webview: 'webview/index.tsx', insights: 'webview/insights/index.tsx' },
    outdir: 'dist',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: production,
    sourcemap: production ? false : 'linked',
    metafile: true,
    logLevel: 'warning',
    define,
  },
  cliBuild,
];
if (withOut && !production) {
  builds.push({
    // A glob over a folder that does not exist is an error, and git does not keep empty folders.
    entryPoints: ['src', 'simulator', 'test', 'bench', 'demo'].filter((d) => existsSync(join(root, d))).map((d) => `${d}/**/*.ts`),
    outbase: '.',
    outdir: 'out',
    bundle: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // A folder with no .ts yet (bench/ early on) is not a problem.
    logOverride: { 'empty-glob': 'silent' },
    define,
  });
}

function copyCodicons() {
  const from = join(root, 'node_modules/@vscode/codicons/dist');
  const to = join(root, 'dist/codicons');
  mkdirSync(to, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) copyFileSync(join(from, f), join(to, f));
}

/** Output sizes, and what each package contributes to them (`--production`; the bench reads this). */
export function sizeReport(results) {
  const out = {};
  for (const r of results) {
    if (!r.metafile) continue;
    for (const [file, info] of Object.entries(r.metafile.outputs)) {
      if (file.endsWith('.map')) continue;
      const parts = {};
      for (const [input, i] of Object.entries(info.inputs)) {
        const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
        const key = m ? m[1] : input.split('/')[0];
        parts[key] = (parts[key] ?? 0) + i.bytesInOutput;
      }
      out[file] = { bytes: info.bytes, parts: Object.fromEntries(Object.entries(parts).sort((a, b) => b[1] - a[1])) };
    }
  }
  return out;
}

function report(results) {
  const kb = (n) => `${(n / 1024).toFixed(1).padStart(8)} KB`;
  for (const [file, { bytes, parts }] of Object.entries(sizeReport(results))) {
    const top = Object.entries(parts).slice(0, 4).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)}`).join(', ');
    console.log(`${file.padEnd(24)} ${kb(bytes)}   (${top})`);
  }
  writeFileSync(join(root, 'dist', 'sizes.json'), JSON.stringify(sizeReport(results), null, 1));
}

// out/ mirrors the sources 1:1: start clean so a renamed or deleted test cannot linger and still run.
if (withOut && !production) rmSync(join(root, 'out'), { recursive: true, force: true });

if (watch) {
  copyCodicons();
  for (const b of builds) {
    const ctx = await esbuild.context(b);
    await ctx.watch();
  }
  console.log('[esbuild] watching for changes…');
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  if (!cliOnly) copyCodicons();
  if (production) report(results);
}
