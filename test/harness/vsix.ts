// Packages the VSIX (npm run package) and installs it with a host's own CLI: what a user does.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FRAMEWORKS } from '../../src/core/kit/frameworks';
import { scaffoldFiles } from '../../src/core/kit/scaffold';
import { templatesInFolder } from '../../src/core/kit/templates';
import { isolatedEnv, type VsCodeHost, repoRoot } from './vscode-host';

export function packageVsix(): string {
  const { version, name } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  console.log('[vsix] packaging the VSIX (npm run package)');
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: repoRoot, stdio: 'inherit' });
  const vsix = join(repoRoot, `${name}-${version}.vsix`);
  if (!existsSync(vsix)) throw new Error(`npm run package did not produce ${vsix}`);
  return vsix;
}

/**
 * Installs the VSIX into `extensionsDir` with the host's code-server CLI, checks that it landed with
 * the files the product needs, and returns the installed extension's folder.
 */
export function installVsix(vsix: string, host: VsCodeHost, extensionsDir: string, scratch: string): string {
  const result = spawnSync(
    host.node,
    [host.codeServerCli, '--extensions-dir', extensionsDir, '--user-data-dir', join(scratch, 'vsix-data'), '--install-extension', vsix],
    { env: isolatedEnv(join(scratch, 'vsix-home')), encoding: 'utf8' },
  );
  const output = `${result.stdout}\n${result.stderr}`;
  const installed = existsSync(extensionsDir) ? readdirSync(extensionsDir).filter((d) => d.startsWith('webhook-studio.webhook-studio-')) : [];
  if (result.status !== 0 || /error/i.test(output) || installed.length !== 1) {
    throw new Error(`Installing ${vsix} into VS Code ${host.version} failed (exit ${result.status}):\n${output}`);
  }
  const folder = join(extensionsDir, installed[0]);
  // Every bundle the build wrote (a second bundle left out of the VSIX fails only when its command first runs).
  const bundles = readdirSync(join(repoRoot, 'dist'))
    .filter((file) => !file.endsWith('.map'))
    .map((file) => `dist/${file}`);
  for (const shipped of [...bundles, 'package.json', 'package.nls.ru.json', 'l10n/bundle.l10n.ru.json']) {
    if (!existsSync(join(folder, shipped))) throw new Error(`The installed VSIX lacks ${shipped}`);
  }
  checkShippedCli(host, folder);
  console.log(`[vsix] installs into VS Code ${host.version}: ${installed[0]} (${output.trim().split('\n').pop()})`);
  return folder;
}

/**
 * The VSIX ships only the root schemas and the snippet files: its own CLI must validate and sign every
 * documented example with nothing but what was installed (the repository's examples are the input).
 */
function checkShippedCli(host: VsCodeHost, folder: string): void {
  const examples = ['chat2desk', 'iqchannels'].flatMap((provider) =>
    readdirSync(join(repoRoot, 'schemas', 'examples', provider)).map((file) => join(repoRoot, 'schemas', 'examples', provider, file)),
  );
  const cli = join(folder, 'dist', 'cli.js');
  const result = spawnSync(host.node, [cli, 'validate', ...examples], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  if (result.status !== 0)
    throw new Error(`The installed VSIX's CLI does not validate the documented examples (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  // The typed payloads come from the shipped root schemas and event catalogues alone.
  const types = spawnSync(host.node, [cli, 'types', '--lang', 'go'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  if (types.status !== 0 || !types.stdout.includes('func ParseIQChannelsPayload('))
    throw new Error(`The installed VSIX's CLI does not generate types (exit ${types.status}):\n${types.stderr}`);
  // And its precompiled validators reject what the schema rejects, at the right path.
  const wrong = join(mkdtempSync(join(tmpdir(), 'webhook-studio-vsix-')), 'wrong.chat2desk.json');
  writeFileSync(wrong, '{ "hook_type": "inbox", "message_id": "not a number" }');
  const rejected = spawnSync(host.node, [cli, 'validate', wrong], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  rmSync(dirname(wrong), { recursive: true, force: true });
  if (rejected.status !== 1 || !rejected.stdout.includes('$.message_id: "message_id" must be integer.'))
    throw new Error(`The installed VSIX's CLI does not reject a wrong type (exit ${rejected.status}):\n${rejected.stdout}${rejected.stderr}`);
  checkShippedScaffolds(host, cli);
}

/** The VSIX ships the templates packed (dist/scaffolds.json.br): its CLI must write every scaffold exactly as the repository's files make it. */
function checkShippedScaffolds(host: VsCodeHost, cli: string): void {
  const out = mkdtempSync(join(tmpdir(), 'webhook-studio-vsix-scaffolds-'));
  try {
    for (const framework of FRAMEWORKS) {
      const dir = join(out, framework.id);
      const result = spawnSync(host.node, [cli, 'scaffold', '--framework', framework.id, '--out', dir], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '' },
      });
      if (result.status !== 0)
        throw new Error(`The installed VSIX's CLI cannot write the ${framework.id} scaffold (exit ${result.status}):\n${result.stdout}${result.stderr}`);
      for (const [path, text] of scaffoldFiles(framework, templatesInFolder(join(repoRoot, 'templates', 'scaffolds'))))
        if (readFileSync(join(dir, path), 'utf8') !== text)
          throw new Error(`The installed VSIX writes a different ${framework.id} ${path} than the repository's template`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
