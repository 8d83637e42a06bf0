// The CLI as CI installs it: `npm run pack:cli` -> a tarball -> a plain `npm install` of that file in an
// empty folder (no VS Code, no dev dependencies) -> `npx webhook-studio test` against a 127.0.0.1 handler.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { scratchFiles } from '../../support/cli';
import { REPO_ROOT } from '../../support/paths';
import { startTestHandler } from '../../support/suite-handlers';

const run = promisify(execFile);
const TOKEN = 'cli-package-token-0123456789abcdef';
/** Nested npm runs must not inherit the outer run's settings (npm_config_*: prefix, dry-run, …). */
const cleanEnv = (extra: NodeJS.ProcessEnv = {}) => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k))),
  ...extra,
});

describe('the CLI package (npm run pack:cli)', function () {
  this.timeout(180_000);
  it('installs from its tarball alone and runs `test` on a suite (exit code, JUnit), `types` and `scaffold`', async () => {
    await run(process.execPath, [join(REPO_ROOT, 'cli', 'build.mjs')], { cwd: REPO_ROOT, env: cleanEnv() });
    const tarball = readdirSync(join(REPO_ROOT, 'cli')).find((f) => /^webhook-studio-cli-.*\.tgz$/.test(f));
    assert.ok(tarball, 'npm pack wrote the tarball');
    const files = scratchFiles('cli-package-');
    const handler = await startTestHandler('correct', TOKEN);
    try {
      await run('npm', ['init', '-y'], { cwd: files.dir, env: cleanEnv() });
      await run('npm', ['install', '--no-audit', '--no-fund', join(REPO_ROOT, 'cli', tarball)], { cwd: files.dir, env: cleanEnv() });
      const installed = JSON.parse(readFileSync(join(files.dir, 'node_modules', 'webhook-studio-cli', 'package.json'), 'utf8')) as Record<string, unknown>;
      assert.equal(installed.dependencies, undefined, 'nothing to install beside it');
      files.file('inbox.chat2desk.json', '{"hook_type":"inbox","message_id":"{{uuid}}"}');
      const suite = files.file(
        'ci.webhooks.json',
        JSON.stringify({ target: { url: handler.url }, scenarios: [{ steps: [{ fixture: 'inbox.chat2desk.json' }] }], checks: true }),
      );
      const result = await run('npx', ['--no-install', 'webhook-studio', 'test', suite, '--junit', join(files.dir, 'junit.xml')], {
        cwd: files.dir,
        env: cleanEnv({ CHAT2DESK_API_TOKEN: TOKEN }),
      });
      assert.match(result.stdout, /9 passed, 0 failed, 0 errored, 0 skipped/);
      assert.match(readFileSync(join(files.dir, 'junit.xml'), 'utf8'), /<testsuites name="webhook-studio" tests="9" failures="0"/);
      const failing = await run('npx', ['--no-install', 'webhook-studio', 'test', suite], {
        cwd: files.dir,
        env: cleanEnv({ CHAT2DESK_API_TOKEN: 'another-token-entirely-000' }),
      }).then(
        () => 0,
        (error: { code?: number }) => error.code,
      );
      assert.equal(failing, 1, 'signed with the wrong token, the handler refuses: exit 1');
      // What the CLI loads on demand ships with it: the types generator, the handler kit and its templates.
      await run('npx', ['--no-install', 'webhook-studio', 'types', '--lang', 'ts', '--out', join(files.dir, 'types.ts')], { cwd: files.dir, env: cleanEnv() });
      assert.match(readFileSync(join(files.dir, 'types.ts'), 'utf8'), /hook_type/);
      await run('npx', ['--no-install', 'webhook-studio', 'scaffold', '--framework', 'express', '--out', join(files.dir, 'handler')], {
        cwd: files.dir,
        env: cleanEnv(),
      });
      assert.match(readFileSync(join(files.dir, 'handler', 'package.json'), 'utf8'), /express/);
    } finally {
      await handler.close();
      files.remove();
    }
  });
});
