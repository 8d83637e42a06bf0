// `npm run test:integration`: proves the packaged VSIX installs into the real VS Code host, then runs
// the mocha suite in test/integration inside that host's extension host via @vscode/test-electron.
// With --bench (npm run bench) it runs test/integration/host-bench.ts instead, and prints figures.
import { runTests } from '@vscode/test-electron';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureVsCodeHost, isolatedEnv } from './vscode-host';

const repoRoot = resolve(__dirname, '..', '..', '..');

function packageVsix(): string {
  const { version, name } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  console.log('[integration] packaging the VSIX (npm run package)');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  const vsix = join(repoRoot, `${name}-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return vsix;
}

/** Installs the VSIX with the host's own CLI into a scratch extensions folder and checks it landed. */
function installVsix(vsix: string, host: ReturnType<typeof ensureVsCodeHost>): void {
  const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-vsix-'));
  try {
    const extensionsDir = join(scratch, 'extensions');
    const result = spawnSync(host.node24, [host.codeServerCli, '--extensions-dir', extensionsDir,
      '--user-data-dir', join(scratch, 'data'), '--install-extension', vsix], { env: isolatedEnv(join(scratch, 'home')), encoding: 'utf8' });
    const output = `${result.stdout}\n${result.stderr}`;
    const installed = existsSync(extensionsDir) ? readdirSync(extensionsDir).filter((d) => d.startsWith('webhook-studio.webhook-studio-')) : [];
    if (result.status !== 0 || /error/i.test(output) || installed.length !== 1) {
      throw new Error(`Installing ${vsix} into VS Code failed (exit ${result.status}):\n${output}`);
    }
    for (const shipped of ['dist/extension.js', 'dist/cli.js', 'package.json']) {
      if (!existsSync(join(extensionsDir, installed[0], shipped))) throw new Error(`The installed VSIX lacks ${shipped}`);
    }
    console.log(`[integration] VSIX installs into VS Code: ${installed[0]} (${output.trim().split('\n').pop()})`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

const bench = process.argv.includes('--bench');

async function main(): Promise<void> {
  const host = ensureVsCodeHost();
  if (!bench) installVsix(packageVsix(), host);
  // The tests edit and create files: give them a scratch copy of the sample workspace.
  const workspace = mkdtempSync(join(tmpdir(), 'webhook-studio-ws-'));
  cpSync(join(repoRoot, 'test', 'workspace'), workspace, { recursive: true });
  try {
    const code = await runTests({
      vscodeExecutablePath: join(repoRoot, 'out', 'test', 'harness', 'code-shim.js'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: [workspace],
      // Reaches the extension host through the stand-in executable and the server it starts.
      extensionTestsEnv: bench ? { WEBHOOK_STUDIO_BENCH: '1' } : {},
    });
    if (code !== 0) throw new Error(`integration tests failed (exit ${code})`);
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`[integration] FAILED: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
