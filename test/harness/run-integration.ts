// `npm run test:integration`: proves the packaged VSIX installs into the real VS Code host, then runs
// the mocha suite in test/integration inside that host's extension host via @vscode/test-electron.
// Which VS Code: WEBHOOK_STUDIO_VSCODE_VERSIONS (comma separated, e.g. "1.90,1.139"); by default the
// newest only, and under CI (CI=true) every supported version, the engines floor included.
// With --bench (npm run bench) it runs test/integration/host-bench.ts instead, and prints figures.
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureVsCodeHost, parseVsCodeVersion, VSCODE_VERSIONS, type VsCodeVersion, repoRoot } from './vscode-host';
import { installVsix, packageVsix } from './vsix';

const bench = process.argv.includes('--bench');

function versionsToTest(): VsCodeVersion[] {
  const listed = process.env.WEBHOOK_STUDIO_VSCODE_VERSIONS;
  if (listed) return listed.split(',').filter(Boolean).map(parseVsCodeVersion);
  return process.env.CI === 'true' && !bench ? [...VSCODE_VERSIONS] : [VSCODE_VERSIONS[0]];
}

/** `locale`: the display language the host starts with (a second, short run checks the Russian UI). */
async function runSuite(version: VsCodeVersion, vsix: string | undefined, locale?: string): Promise<void> {
  const started = Date.now();
  const host = ensureVsCodeHost(version);
  console.log(`[integration] VS Code ${version} (${host.root})`);
  const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-it-'));
  // The tests edit and create files: give them a scratch copy of the sample workspace.
  const workspace = join(scratch, 'workspace');
  cpSync(join(repoRoot, 'test', 'workspace'), workspace, { recursive: true });
  try {
    if (vsix) installVsix(vsix, host, join(scratch, 'extensions'), scratch);
    // The stand-in executable reads the version from its environment (runTests passes ours on).
    process.env.WEBHOOK_STUDIO_VSCODE = version;
    const code = await runTests({
      vscodeExecutablePath: join(repoRoot, 'out', 'test', 'harness', 'code-shim.js'),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'out', 'test', 'integration', 'index.js'),
      launchArgs: locale ? [workspace, `--locale=${locale}`] : [workspace],
      extensionTestsEnv: {
        WEBHOOK_STUDIO_VSCODE: version,
        ...(bench ? { WEBHOOK_STUDIO_BENCH: '1' } : {}),
        ...(locale ? { WEBHOOK_STUDIO_LOCALE: locale } : {}),
        ...(process.env.WEBHOOK_STUDIO_GREP ? { WEBHOOK_STUDIO_GREP: process.env.WEBHOOK_STUDIO_GREP } : {}),
      },
    });
    if (code !== 0) throw new Error(`integration tests failed on VS Code ${version}${locale ? ` (display language ${locale})` : ''} (exit ${code})`);
    console.log(`[integration] VS Code ${version}${locale ? ` (display language ${locale})` : ''}: passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const versions = versionsToTest();
  const vsix = bench ? undefined : packageVsix();
  for (const version of versions) await runSuite(version, vsix);
  if (!bench) await runSuite(versions[0], undefined, 'ru');
}

main().catch((error) => {
  console.error(`[integration] FAILED: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
