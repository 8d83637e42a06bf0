// npm start: runs the extension in a real VS Code on a scratch copy of test/workspace, with the
// Chat2Desk API simulator as the demo account and a local receiver that verifies signatures. The
// simulator also has a webhook pointing at the extension's listener: Start Listening in the Received
// Webhooks view, then type an event name here (e.g. inbox) to have it delivered, signed.
// Desktop `code` is used when installed; otherwise the provisioned VS Code server is served on
// 127.0.0.1 and its URL printed.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEventCatalogue } from '../../src/core/chat2desk/events';
import { createInterface } from 'node:readline';
import { Chat2DeskSimulator, listenerWebhook } from '../../src/simulator/server';
import { runCli } from '../../src/cli';
import { startReceiver } from '../support/receiver';
import { freePort } from '../support/ports';
import { ensureVsCodeHost, isolatedEnv, repoRoot, startVsCodeServer } from './vscode-host';

const DEMO_TOKEN = 'demo-simulator-token';

async function main(): Promise<void> {
  const schemasDir = join(repoRoot, 'schemas');
  const events = loadEventCatalogue(schemasDir).events.map((e) => e.subscription);
  const listenPort = await freePort();
  const listenerUrl = `http://127.0.0.1:${listenPort}/chat2desk`;
  const simulator = new Chat2DeskSimulator({ token: DEMO_TOKEN, knownEvents: events, schemasDir, extraWebhooks: [listenerWebhook(listenerUrl, events)] });
  const apiUrl = await simulator.start();
  const receiver = await startReceiver(DEMO_TOKEN);
  const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-start-'));
  const workspace = join(scratch, 'workspace');
  cpSync(join(repoRoot, 'test', 'workspace'), workspace, { recursive: true });
  mkdirSync(join(workspace, '.vscode'), { recursive: true });
  writeFileSync(
    join(workspace, '.vscode', 'settings.json'),
    `${JSON.stringify(
      {
        'webhookStudio.accounts': [{ name: 'Demo (simulator)', apiBaseUrl: apiUrl }],
        'webhookStudio.endpoints': [{ name: 'Demo receiver (verifies signatures)', url: receiver.url, account: 'Demo (simulator)' }],
        'webhookStudio.listen.port': listenPort,
        'webhookStudio.listen.account': 'Demo (simulator)',
      },
      null,
      2,
    )}\n`,
  );
  console.log(`[start] Chat2Desk API simulator: ${apiUrl} (token ${DEMO_TOKEN}, demo data only)`);
  console.log(`[start] Signature-checking receiver: ${receiver.url}`);
  await showSuites(schemasDir, receiver.url);
  console.log(`[start] The simulator delivers to the listener at ${listenerUrl}: click Start Listening in the Received Webhooks view,`);
  console.log('[start] then type an event name here and Enter (e.g. inbox, new_ticket, close_dialog) to deliver it, signed.');
  createInterface({ input: process.stdin }).on('line', (line) => {
    const event = line.trim();
    if (!event) return;
    simulator.deliver(event).then(
      (results) => {
        for (const r of results)
          console.log(
            `[simulator] ${r.subscription} -> ${r.url}: ${r.skipped ? `not delivered (${r.skipped})` : (r.error ?? `${r.status} in ${r.latencyMs} ms`)}`,
          );
      },
      (error) => console.log(`[simulator] ${error instanceof Error ? error.message : error}`),
    );
  });

  const stops: (() => void)[] = [() => void simulator.stop(), () => void receiver.close(), () => rmSync(scratch, { recursive: true, force: true })];
  const stop = () => {
    for (const s of stops.reverse()) s();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The demo account's token reaches the extension through the documented environment fallback.
  if (spawnSync('code', ['--version'], { stdio: 'ignore' }).status === 0) {
    console.log('[start] opening desktop VS Code');
    const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${repoRoot}`, workspace], {
      stdio: 'inherit',
      env: { ...process.env, CHAT2DESK_API_TOKEN: DEMO_TOKEN, DEMO_RECEIVER_URL: receiver.url },
    });
    child.on('exit', () => console.log('[start] VS Code launched; Ctrl+C stops the simulator and receiver.'));
    return;
  }
  const host = ensureVsCodeHost();
  const server = await startVsCodeServer(host, join(scratch, 'data'), join(scratch, 'extensions'), {
    ...isolatedEnv(join(scratch, 'home')),
    CHAT2DESK_API_TOKEN: DEMO_TOKEN,
    DEMO_RECEIVER_URL: receiver.url,
  });
  stops.push(server.stop);
  const authority = `127.0.0.1:${server.port}`;
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${authority}${repoRoot}`]]);
  const url = `http://${authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`;
  console.log('\n[start] VS Code (the provisioned 1.139 server) is running. Open this URL in a browser on this machine:\n');
  console.log(`  ${url}\n`);
  console.log('[start] Ctrl+C stops VS Code, the simulator and the receiver.');
}

/**
 * The sample suites (test/workspace/suites/) against the demo receiver, through the real CLI: one passes,
 * one fails on the recommended timestamp checks, so a suite is seen working without an account.
 */
async function showSuites(schemasDir: string, receiverUrl: string): Promise<void> {
  const suites = join(repoRoot, 'test', 'workspace', 'suites');
  console.log('[start] Sample suites against the demo receiver (webhook-studio test test/workspace/suites/*.webhooks.json):\n');
  const code = await runCli(['test', join(suites, 'demo-receiver.webhooks.json'), join(suites, 'demo-receiver-strict.webhooks.json')], {
    stdout: (text) => process.stdout.write(text.replace(/^/gm, '  ')),
    stderr: (text) => process.stderr.write(text),
    env: { ...process.env, CHAT2DESK_API_TOKEN: DEMO_TOKEN, DEMO_RECEIVER_URL: receiverUrl },
    readStdin: async () => '',
    schemasDir,
  });
  console.log(`\n[start] webhook-studio test exited ${code} (the second suite fails on purpose: the demo receiver accepts stale timestamps).\n`);
}

main().catch((error) => {
  console.error(`[start] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
