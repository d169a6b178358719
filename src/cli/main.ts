// `agentlens`: the command line for CI. `agentlens test [files, folders or globs…] [--junit FILE] [--concurrency N]`
// runs run files with `expect` as tests against Fruxon, with the extension's own client and model code.
// Credentials: FRUXON_API_KEY, FRUXON_TENANT, optional FRUXON_BASE_URL (like the extension); HTTPS_PROXY/NO_PROXY
// are honoured. Exit codes: 0 all passed, 1 a test failed or errored, 2 could not run at all.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { FruxonClient } from '../api/fruxon/client';
import { profileFromEnvironment } from '../connections/profiles';
import { locateExpect } from '../model/expect/parse';
import { parseTraceText, traceFromFile } from '../model/traceFile';
import { runTests } from '../testRunner/pool';
import { toJUnit } from '../testRunner/junit';
import type { TestFile } from '../testRunner/types';
import { parseJson } from '../util/json';
import { findRunFiles } from './files';
import { Progress, summary, type Out } from './report';

export const USAGE = `Usage: agentlens test [files, folders or globs…] [--junit FILE] [--concurrency N]

Runs every *.agentrun.json with an "expect" block (default: all under the current folder) as a test.
  --junit FILE       also write JUnit XML to FILE
  --concurrency N    at most N executions at a time (default 2)
Environment: FRUXON_API_KEY, FRUXON_TENANT, FRUXON_BASE_URL (default https://api.fruxon.com).
Exit codes: 0 all passed, 1 a test failed or errored, 2 could not run.
`;

interface Args { patterns: string[]; junit?: string; concurrency: number }

export function parseArgs(argv: readonly string[]): Args | { error: string } | { help: true } {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return { help: true };
  if (command !== 'test') return { error: command ? `unknown command "${command}"` : 'no command given' };
  const a: Args = { patterns: [], concurrency: 2 };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? rest[++i];
    if (flag === '--help' || flag === '-h') return { help: true };
    if (flag === '--junit') {
      const v = value();
      if (!v) return { error: '--junit needs a file name' };
      a.junit = v;
    } else if (flag === '--concurrency') {
      const v = value();
      if (!v || !/^\d+$/.test(v) || Number(v) < 1) return { error: '--concurrency needs a whole number from 1' };
      a.concurrency = Number(v);
    } else if (flag.startsWith('-')) return { error: `unknown option ${flag}` };
    else a.patterns.push(arg);
  }
  return a;
}

export async function main(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string, out: Out, err: Out, signal?: AbortSignal): Promise<number> {
  const args = parseArgs(argv);
  if ('help' in args) {
    out.write(USAGE);
    return 0;
  }
  if ('error' in args) {
    err.write(`agentlens: ${args.error}\n\n${USAGE}`);
    return 2;
  }
  const conn = profileFromEnvironment(env);
  if (!conn) {
    err.write('agentlens: set FRUXON_API_KEY and FRUXON_TENANT (and FRUXON_BASE_URL unless it is https://api.fruxon.com).\n');
    return 2;
  }
  const { files, missing } = await findRunFiles(args.patterns, cwd);
  for (const m of missing) err.write(`agentlens: nothing matches ${m}\n`);
  const explicit = new Set(args.patterns.filter((p) => !/[*?]/.test(p)).map((p) => resolve(cwd, p)));
  const tests: TestFile[] = [];
  let notTests = 0;
  for (const path of files) {
    const text = await readFile(path, 'utf8').catch(() => undefined);
    const name = relative(cwd, path).split(sep).join('/');
    if (text === undefined) {
      tests.push({ id: path, name, path, text: '' });
      continue;
    }
    // A run file without `expect` is not a test, unless named; a malformed one is an error case (it may be one).
    if (explicit.has(path) || locateExpect(text) || !parses(text)) tests.push({ id: path, name, path, text });
    else notTests++;
  }
  if (tests.length === 0) {
    err.write(`agentlens: no run files with "expect" found${notTests ? ` (${notTests} run file(s) without one)` : ''}.\n`);
    return 2;
  }

  const client = new FruxonClient({ baseUrl: conn.profile.baseUrl, tenant: conn.profile.tenant, credential: conn.credential, proxy: { env } });
  out.write(`Running ${tests.length} test${tests.length === 1 ? '' : 's'} on ${conn.profile.label}, ${args.concurrency} at a time${notTests ? ` (${notTests} run file(s) without "expect" skipped)` : ''}\n`);
  const progress = new Progress(out, tests.length);
  const t0 = performance.now();
  let results;
  try {
    results = await runTests(tests, {
      client: async (connection) => {
        // The command line has one connection, from the environment; a file naming another still runs on it.
        void connection;
        return client;
      },
      readTraceFile: async (p) => traceFromFile(parseTraceText(await readFile(p, 'utf8'), basename(p))),
    }, { concurrency: args.concurrency, ...(signal ? { signal } : {}), onStart: () => progress.started(), onResult: (r) => progress.finished(r) });
  } finally {
    progress.end();
    await client.close();
  }
  out.write(summary(results, performance.now() - t0));
  if (args.junit) {
    const path = resolve(cwd, args.junit);
    try {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, toJUnit(results));
      const rel = relative(cwd, path);
      out.write(`JUnit XML: ${rel && !rel.startsWith('..') ? rel : path}\n`);
    } catch (e) {
      err.write(`agentlens: could not write ${args.junit}: ${(e as Error).message}\n`);
      return 2;
    }
  }
  return results.every((r) => r.outcome === 'passed') ? 0 : 1;
}

function parses(text: string): boolean {
  try {
    parseJson(text, 'x');
    return true;
  } catch {
    return false;
  }
}

if (require.main === module) {
  const ac = new AbortController();
  // Ctrl+C: stop starting tests and stop waiting; executions already sent may still run on the server.
  process.once('SIGINT', () => ac.abort());
  main(process.argv.slice(2), process.env, process.cwd(), process.stdout, process.stderr, ac.signal).then(
    (code) => { process.exitCode = code; },
    (e: unknown) => { process.stderr.write(`agentlens: ${e instanceof Error ? e.message : String(e)}\n`); process.exitCode = 2; },
  );
}
