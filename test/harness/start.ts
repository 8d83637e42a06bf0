// npm start: runs the extension in a real VS Code on a scratch copy of test/workspace, with the
// Chat2Desk API simulator as the demo account and a local receiver that verifies signatures.
// Desktop `code` is used when installed; otherwise the provisioned VS Code server is served on
// 127.0.0.1 and its URL printed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEventCatalogue } from '../../src/core/chat2desk/events';
import { Chat2DeskSimulator } from '../../src/simulator/server';
import { startReceiver } from '../support/receiver';
import { ensureVsCodeHost, isolatedEnv, startVsCodeServer, repoRoot } from './vscode-host';

const DEMO_TOKEN = 'demo-simulator-token';

async function main(): Promise<void> {
  const simulator = new Chat2DeskSimulator({ token: DEMO_TOKEN, knownEvents: loadEventCatalogue(join(repoRoot, 'schemas')).events.map((e) => e.subscription) });
  const apiUrl = await simulator.start();
  const receiver = await startReceiver(DEMO_TOKEN);
  const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-start-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(repoRoot, 'test', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(join(workspace, '.vscode', 'settings.json'), `${JSON.stringify({
    'webhookStudio.accounts': [{ name: 'Demo (simulator)', apiBaseUrl: apiUrl }],
    'webhookStudio.endpoints': [{ name: 'Demo receiver (verifies signatures)', url: receiver.url, account: 'Demo (simulator)' }],
  }, null, 2)}\n`);
  console.log(`[start] Chat2Desk API simulator: ${apiUrl} (token ${DEMO_TOKEN}, demo data only)`);
  console.log(`[start] Signature-checking receiver: ${receiver.url}`);

  const stops: (() => void)[] = [() => void simulator.stop(), () => void receiver.close(), () => rmSync(scratch, { recursive: true, force: true })];
  const stop = () => { for (const s of stops.reverse()) s(); process.exit(0); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The demo account's token reaches the extension through the documented environment fallback.
  if (spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log('[start] opening desktop VS Code');
    const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${repoRoot}`, workspace], { stdio: 'inherit', env: { ...process.env, CHAT2DESK_API_TOKEN: DEMO_TOKEN } });
    child.on('exit', () => console.log('[start] VS Code launched; Ctrl+C stops the simulator and receiver.'));
    return;
  }
  const host = ensureVsCodeHost();
  const server = await startVsCodeServer(host, join(scratch, 'data'), join(scratch, 'extensions'), { ...isolatedEnv(join(scratch, 'home')), CHAT2DESK_API_TOKEN: DEMO_TOKEN });
  stops.push(server.stop);
  const authority = `127.0.0.1:${server.port}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${authority}${repoRoot}`]]);
  const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  console.log('\n[start] VS Code (the provisioned 1.139 server) is running. Open this URL in a browser on this machine:\n');
  console.log(`  ${url}\n`);
  console.log('[start] Ctrl+C stops VS Code, the simulator and the receiver.');
}

main().catch((error) => { console.error(`[start] ${error instanceof Error ? error.message : error}`); process.exit(1); });
