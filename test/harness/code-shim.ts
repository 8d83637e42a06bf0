#!/usr/bin/env node
// A stand-in for the VS Code executable, given to @vscode/test-electron's runTests() as
// vscodeExecutablePath. It takes the desktop-style arguments runTests passes, starts the real VS Code
// server with its Node extension host, and opens the workbench in headless chromium with the
// extension-test payload. The workbench reports test output and the exit code through the
// smoke-test driver hooks (codeAutomationLog / codeAutomationExit).
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format, inspect } from 'node:util';
import { ensureVsCodeHost, isolatedEnv, launchWorkbenchBrowser, startVsCodeServer, workbenchContext } from './vscode-host';

const options: Record<string, string> = {};
const positional: string[] = [];
for (const arg of process.argv.slice(2)) {
  const match = /^--([^=]+)(?:=(.*))?$/.exec(arg);
  if (match) options[match[1]] = match[2] ?? 'true';
  else positional.push(arg);
}

async function main(): Promise<number> {
  if (!options.extensionTestsPath || !options.extensionDevelopmentPath) {
    console.error('code-shim: only extension test runs (--extensionDevelopmentPath, --extensionTestsPath) are supported');
    return 2;
  }
  const host = ensureVsCodeHost();
  const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-host-'));
  // The host's logs (the server writes them under its user data): npm run bench reads from the
  // extension host's log when it began activating the extension, and for which event.
  const env = { ...isolatedEnv(join(scratch, 'home')), WEBHOOK_STUDIO_HOST_LOGS: join(scratch, 'data', 'logs') };
  if (options.locale) registerLanguagePack(join(scratch, 'data'), options.locale);
  const server = await startVsCodeServer(host, join(scratch, 'data'), join(scratch, 'extensions'), env);
  const browser = await launchWorkbenchBrowser(host, env);
  try {
    const authority = `127.0.0.1:${server.port}`;
    const remote = (path: string) => `vscode-remote://${authority}${resolve(path)}`;
    const payload = [
      ['extensionDevelopmentPath', remote(options.extensionDevelopmentPath)],
      ['extensionTestsPath', remote(options.extensionTestsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const folder = positional[0] ? `folder=${encodeURIComponent(resolve(positional[0]))}` : 'ew=true';
    const page = await (await workbenchContext(browser, `http://${authority}`, options.locale ? { locale: options.locale } : {})).newPage();
    let finish!: (code: number) => void;
    const exited = new Promise<number>((r) => (finish = r));
    // Everything the workbench and extension host log goes to the host log (kept only if the run
    // fails); the test output goes to stdout.
    const hostLog = join(scratch, 'host.log');
    writeFileSync(hostLog, '');
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown[]) => {
      const line = format(...(args ?? []).map((a) => (typeof a === 'string' ? a : inspect(a))));
      appendFileSync(hostLog, `[${type}] ${line}\n`);
      if (type === 'error' && !process.env.SHOW_WORKBENCH_ERRORS) return;
      // The workbench logs its own chatter through the same channel; keep the test output.
      if (/^(info|log)$/.test(type) && /^\[|^Creating a socket|^Resolving|^ChatModel|^AgentHost|^AccountPolicy|^%s%s\s*$/.test(line)) return;
      console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    await page.goto(`http://${authority}/?${folder}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeoutMs = Number(process.env.TEST_TIMEOUT_MS ?? 600_000);
    const code = await Promise.race([exited, new Promise<number>((r) => setTimeout(() => r(-1), timeoutMs))]);
    if (code === -1) console.error(`code-shim: the extension tests did not finish within ${timeoutMs / 1000}s`);
    if (code !== 0) {
      const kept = process.env.WEBHOOK_STUDIO_HOST_LOG ?? join(tmpdir(), 'webhook-studio-host.log');
      copyFileSync(hostLog, kept);
      console.error(`code-shim: the full workbench and extension host log is in ${kept}`);
    }
    return code === 0 ? 0 : 1;
  } finally {
    await browser.close().catch(() => undefined);
    server.stop();
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
}

/**
 * The display language, set as a user does ("Configure Display Language" writes argv.json). VS Code
 * switches only to a language with an installed language pack (as a user installs "Russian Language
 * Pack"): this registers an empty one in the server's user data, where installed packs are recorded
 * (languagepacks.json). The workbench then runs in that language with its own texts in English (the pack
 * translates none), and extensions get their package.nls.<language>.json and l10n bundles.
 */
function registerLanguagePack(userDataDir: string, locale: string): void {
  const translations = join(userDataDir, 'language-pack', 'main.i18n.json');
  mkdirSync(join(userDataDir, 'language-pack'), { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'argv.json'), JSON.stringify({ locale }));
  writeFileSync(translations, JSON.stringify({ contents: {} }));
  writeFileSync(
    join(userDataDir, 'languagepacks.json'),
    JSON.stringify({
      [locale]: {
        hash: `test-${locale}`,
        label: locale,
        extensions: [{ extensionIdentifier: { id: `test.language-pack-${locale}` }, version: '0.0.1' }],
        translations: { vscode: translations },
      },
    }),
  );
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error('code-shim:', error instanceof Error ? error.message : error);
    process.exit(3);
  },
);
