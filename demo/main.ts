// `npm run demo [-- --open | --desktop] [--port N] [--receiver-port N] [--fake-chat-model]`
// AgentLens working against the local simulator, in a browser tab: starts the simulator (Fruxon and Zaia
// routes, data laid out back from the current hour), provisions and starts code-server (cached after the first
// time, the same provisioning as the tests) with the extension loaded from this checkout, connections given
// through environment variables, the local trace receiver on with a few OpenTelemetry traces posted to it, and
// a workspace of example run files. Nothing is written to the user's own VS Code profile or secret storage:
// code-server's profile lives under .vscode-test/demo/. Ctrl+C stops everything it started. --fake-chat-model
// turns chat on with a scripted fake model (test-only, never shipped) so @agentlens can be tried without a real one.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { delimiter, join, resolve } from 'node:path';
import { currentHour, startSimulator } from '../simulator/index';
import { delay, freePort, startCodeServer, type CodeServer } from '../test/harness/codeServer';
import { FAKE_CHAT_MODEL_DIR, FAKE_CHAT_SETTINGS, installFakeChatModel } from '../test/harness/fakeChatModel';
import { ensureToolchain } from '../test/harness/provision';
import { workbenchUrl } from '../test/harness/workbench';
import { demoOtelRequests } from './otelSamples';

interface Args {
  open: boolean;
  desktop: boolean;
  port?: number;
  receiverPort?: number;
  /** For the demo's own test: where to write what was started (pids, ports, URL). */
  stateFile?: string;
  /** Chat enabled with the test-only scripted model (test/fixtures/fake-chat-model), to try @agentlens without one. */
  fakeChatModel: boolean;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { open: false, desktop: false, fakeChatModel: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const num = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v <= 0 || v > 65535) throw new Error(`${a} needs a port number`);
      return v;
    };
    if (a === '--open') args.open = true;
    else if (a === '--desktop') args.desktop = true;
    else if (a === '--fake-chat-model') args.fakeChatModel = true;
    else if (a === '--port') args.port = num();
    else if (a === '--receiver-port') args.receiverPort = num();
    else if (a === '--state-file') args.stateFile = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log('npm run demo [-- --open] [-- --desktop] [--port N] [--receiver-port N] [--fake-chat-model]');
      process.exit(0);
    } else throw new Error(`unknown option ${a} (try --help)`);
  }
  return args;
}

const root = resolve(__dirname, '..', '..');
/** code-server's process group from the moment it is spawned, for a Ctrl+C that comes before it is healthy. */
let startingPid: number | undefined;
/** Set by Ctrl+C: a start that fails because of it is not an error. */
let stopping = false;

/** Ends a detached process group (code-server and its extension hosts): TERM, then KILL after 5 s. */
async function killGroup(pid: number | undefined): Promise<void> {
  if (pid === undefined) return;
  const alive = (): boolean => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  try {
    process.kill(-pid, 'SIGTERM');
  } catch {
    return;
  }
  for (const until = Date.now() + 5000; alive() && Date.now() < until; ) await delay(100);
  if (alive()) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone meanwhile
    }
  }
}
const say = (m: string): void => console.log(`[demo] ${m}`);

/** Whether something accepts connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((done) => {
    const s = createConnection({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      done(true);
    });
    s.once('error', () => done(false));
  });
}

async function pickReceiverPort(wanted: number | undefined): Promise<number> {
  if (wanted) return wanted;
  return (await listening(4318)) ? freePort() : 4318;
}

function onPath(cmd: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(dir, cmd);
    if (dir && existsSync(p)) return p;
  }
  return undefined;
}

/** Opens the URL in a browser when one is installed; says so otherwise. */
function openBrowser(url: string): void {
  const candidates = process.platform === 'darwin' ? ['open'] : process.platform === 'win32' ? [] : ['xdg-open', 'sensible-browser', 'chromium', 'google-chrome', 'firefox'];
  if (process.platform === 'win32') {
    spawn('cmd', ['/c', 'start', '', url], { detached: true, stdio: 'ignore' }).unref();
    return;
  }
  const haveDisplay = process.platform === 'darwin' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const cmd = haveDisplay ? candidates.find((c) => onPath(c)) : undefined;
  if (!cmd) {
    say('--open: no browser or display here; open the URL above yourself.');
    return;
  }
  spawn(cmd, [url], { detached: true, stdio: 'ignore' }).unref();
}

/** Posts the sample traces once the extension has started the receiver (it starts when the window opens). */
async function feedReceiver(port: number, stopped: () => boolean): Promise<void> {
  while (!stopped()) {
    if (await listening(port)) break;
    await delay(500);
  }
  if (stopped()) return;
  let posted = 0;
  for (const body of demoOtelRequests()) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (res.ok) posted++;
      else say(`the receiver answered ${res.status} to a sample trace`);
    } catch (e) {
      say(`posting a sample trace failed: ${(e as Error).message}`);
    }
  }
  say(`posted ${posted} OpenTelemetry trace(s) to the local receiver on 127.0.0.1:${port}`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const demoDir = join(root, '.vscode-test', 'demo');
  const workspace = join(demoDir, 'workspace');
  // A fresh workspace and profile each time: what the user changed last time does not leak into this one.
  rmSync(demoDir, { recursive: true, force: true });
  mkdirSync(demoDir, { recursive: true });
  cpSync(join(root, 'demo', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(workspace, 'traces'), { recursive: true });
  demoOtelRequests().forEach((r, i) => writeFileSync(join(workspace, 'traces', `sample-${i + 1}.otlp.json`), `${JSON.stringify(r, null, 2)}\n`));

  const sim = await startSimulator({ host: '127.0.0.1', quiet: true, now: currentHour() });
  say(`simulator on ${sim.baseUrl} (tenant ${sim.tenant})`);
  const env: Record<string, string> = {
    FRUXON_BASE_URL: sim.baseUrl,
    FRUXON_TENANT: sim.tenant,
    FRUXON_API_KEY: sim.apiKey,
    // The Zaia routes are served by the same simulator.
    ZAIA_BASE_URL: sim.baseUrl,
    ZAIA_API_KEY: sim.zaiaApiKey,
  };
  const receiverPort = await pickReceiverPort(args.receiverPort);
  const settings = { 'agentlens.receiver.autoStart': true, 'agentlens.receiver.port': receiverPort, ...(args.fakeChatModel ? FAKE_CHAT_SETTINGS : {}) };

  let cs: CodeServer | undefined;
  let desktop: ReturnType<typeof spawn> | undefined;
  const stopAll = async (code: number): Promise<never> => {
    if (stopping) process.exit(code);
    stopping = true;
    say('stopping…');
    if (desktop && desktop.exitCode === null) desktop.kill('SIGTERM');
    if (cs) await cs.stop();
    else await killGroup(startingPid);
    await sim.close();
    say('stopped; nothing left running.');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));
  void feedReceiver(receiverPort, () => stopping);

  if (args.desktop) {
    const code = onPath('code');
    if (!code) {
      say('--desktop: no `code` on PATH. Install VS Code (and its shell command), or run without --desktop.');
      return void (await stopAll(1));
    }
    const profile = join(demoDir, 'desktop');
    mkdirSync(join(profile, 'User'), { recursive: true });
    writeFileSync(join(profile, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    // --wait: the `code` command returns at once otherwise, and the demo would stop the simulator with it.
    desktop = spawn(code, ['--wait', '--new-window', '--user-data-dir', profile, '--extensions-dir', join(profile, 'ext'), `--extensionDevelopmentPath=${root}`, ...(args.fakeChatModel ? [`--extensionDevelopmentPath=${FAKE_CHAT_MODEL_DIR}`] : []), workspace], {
      env: { ...process.env, ...env },
      stdio: 'ignore',
    });
    say(`VS Code started with AgentLens from ${root}; close it or press Ctrl+C to stop the simulator.`);
    desktop.once('exit', () => void stopAll(0));
    return;
  }

  const tc = ensureToolchain(join(root, '.vscode-test'));
  // The extension host inherits code-server's environment: the connections come from there, so the URL
  // carries no key.
  Object.assign(process.env, env);
  if (args.fakeChatModel) installFakeChatModel(join(demoDir, 'cs'));
  cs = await startCodeServer(tc, join(demoDir, 'cs'), settings, args.port, (pid) => (startingPid = pid));
  const url = workbenchUrl(cs, { extensionPath: root, workspace, env: {} });
  if (args.stateFile) {
    writeFileSync(args.stateFile, JSON.stringify({ url, codeServerPid: cs.pid, codeServerPort: cs.port, simulatorUrl: sim.baseUrl, receiverPort, pid: process.pid }));
  }
  say(`ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`\n  Open AgentLens in your browser:\n\n    ${url}\n\n  Ctrl+C stops the simulator and code-server.\n`);
  if (args.open) openBrowser(url);
}

main().catch(async (e: unknown) => {
  if (stopping) return; // Ctrl+C while starting: stopAll is finishing the job.
  console.error(`[demo] ${e instanceof Error ? e.message : String(e)}`);
  await killGroup(startingPid);
  process.exit(1);
});
