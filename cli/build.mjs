// npm run pack:cli: the CLI as its own npm package (cli/), for CI machines without VS Code:
//   npm run pack:cli  ->  cli/webhook-studio-cli-<version>.tgz
//   npx ./webhook-studio-cli-0.1.0.tgz test suites/*.webhooks.json --junit junit.xml
// The package holds the production CLI bundle and its on-demand bundles (everything bundled: no
// dependencies), the root schemas the CLI reads (and the simulator's API examples), and the translations.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = dirname(fileURLToPath(import.meta.url));
const root = join(cli, '..');
execFileSync(process.execPath, [join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
for (const dir of ['dist', 'schemas', 'l10n']) rmSync(join(cli, dir), { recursive: true, force: true });
mkdirSync(join(cli, 'dist'));
// dist/cli.js and what it requires on demand, found in the bundles themselves (a list written by hand
// went stale once: never the extension's own bundles, never a file the CLI no longer needs).
const bundles = ['cli.js'];
for (const file of bundles) {
  cpSync(join(root, 'dist', file), join(cli, 'dist', file));
  for (const [, required] of readFileSync(join(root, 'dist', file), 'utf8').matchAll(/require\("\.\/([\w.-]+\.js)"\)/g))
    if (!bundles.includes(required)) bundles.push(required);
}
// The scaffold templates, packed (core/kit/templates.ts reads them from dist/ beside the bundles).
cpSync(join(root, 'dist', 'scaffolds.json.br'), join(cli, 'dist', 'scaffolds.json.br'));
mkdirSync(join(cli, 'schemas'));
for (const file of readdirSync(join(root, 'schemas')).filter((f) => f.endsWith('.json'))) cpSync(join(root, 'schemas', file), join(cli, 'schemas', file));
cpSync(join(root, 'l10n'), join(cli, 'l10n'), { recursive: true });
// One version for the extension and the CLI.
const manifest = JSON.parse(readFileSync(join(cli, 'package.json'), 'utf8'));
manifest.version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;
writeFileSync(join(cli, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
if (!process.argv.includes('--no-pack')) {
  // A nested npm must not inherit the outer npm run's settings (npm_config_*: dry-run, prefix, …).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
  execFileSync('npm', ['pack', '--silent'], { cwd: cli, stdio: 'inherit', env });
}
