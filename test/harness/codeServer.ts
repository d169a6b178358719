// Starts code-server (a real VS Code workbench + Node extension host) on loopback, isolated from the
// user's own VS Code: its own user-data, extensions, config and XDG folders under `dir`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Toolchain } from './provision';

export interface CodeServer {
  readonly url: string;
  readonly port: number;
  /** code-server's pid, which is also its process group (every extension host it starts is in it). */
  readonly pid: number;
  readonly dir: string;
  readonly logFile: string;
  stop(): Promise<void>;
}

const quietSettings = {
  'workbench.startupEditor': 'none',
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': 'off',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * `onSpawn` gets code-server's pid (its process group) as soon as it exists, before it is healthy, so a caller
 * interrupted meanwhile (Ctrl+C in the demo) can still stop it.
 */
export async function startCodeServer(tc: Toolchain, dir: string, extraSettings: Record<string, unknown> = {}, fixedPort?: number, onSpawn?: (pid: number) => void): Promise<CodeServer> {
  const userDir = join(dir, 'ud', 'User');
  mkdirSync(userDir, { recursive: true });
  mkdirSync(join(dir, 'ext'), { recursive: true });
  writeFileSync(join(userDir, 'settings.json'), JSON.stringify({ ...quietSettings, ...extraSettings }, null, 2));
  writeFileSync(join(dir, 'cs.yaml'), 'auth: none\n');
  const port = fixedPort ?? (await freePort());
  const logFile = join(dir, 'code-server.log');
  const out = createWriteStream(logFile);
  const child: ChildProcess = spawn(
    tc.node24,
    [
      tc.codeServer,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--reconnection-grace-time', '10',
      '--config', join(dir, 'cs.yaml'),
      '--user-data-dir', join(dir, 'ud'),
      '--extensions-dir', join(dir, 'ext'),
      '--vscode-option', 'enable-smoke-test-driver',
    ],
    {
      // Its own process group, so stop() ends code-server and every extension host it started.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PATH: `${join(tc.node24Dir, 'bin')}:${process.env.PATH ?? ''}`,
        XDG_CONFIG_HOME: join(dir, 'xdg-config'),
        XDG_DATA_HOME: join(dir, 'xdg-data'),
      },
    },
  );
  if (child.pid !== undefined) onSpawn?.(child.pid);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return;
    }
    const timedOut = await Promise.race([exited.then(() => false), delay(5000).then(() => true)]);
    if (timedOut) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    // Its extension hosts and pty host leave after it: wait for the whole group, then make sure.
    const groupAlive = (): boolean => {
      try {
        process.kill(-child.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    for (const until = Date.now() + 5000; groupAlive() && Date.now() < until; ) await delay(100);
    if (groupAlive()) {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // gone meanwhile
      }
      for (const until = Date.now() + 2000; groupAlive() && Date.now() < until; ) await delay(50);
    }
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not become healthy within 60 s; see ${logFile}`);
    }
    await delay(200);
  }
  return { url, port, pid: child.pid!, dir, logFile, stop };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
