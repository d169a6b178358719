// Builds AgentLens.
//   dist/extension.js          the extension (node, cjs, `vscode` external)
//   dist/webview.js/.css       the trace panel (browser, Preact)
//   dist/codicons/             codicon font + css for the webview
//   out/                       every .ts of src, simulator, test, bench, transpiled 1:1 for mocha and the CLIs
// Flags: --production (minify, no source maps, size report), --watch, --no-out (skip out/).
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const withOut = !args.has('--no-out');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const define = { __AGENTLENS_VERSION__: JSON.stringify(version) };

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // ESM builds first: jsonc-parser's UMD main loads its parts with a require() esbuild cannot follow.
    mainFields: ['module', 'main'],
    minify: production,
    sourcemap: production ? false : 'linked',
    metafile: true,
    logLevel: 'warning',
    define,
  },
  {
    entryPoints: { webview: 'webview/index.tsx' },
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

function report(results) {
  for (const r of results) {
    if (!r.metafile) continue;
    for (const [file, info] of Object.entries(r.metafile.outputs)) {
      if (file.endsWith('.map')) continue;
      console.log(`${file.padEnd(24)} ${(info.bytes / 1024).toFixed(1).padStart(8)} KB`);
    }
  }
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
  copyCodicons();
  if (production) report(results);
}
