// Every scaffold, proven on a real runtime installed as a user would: written by the product into a
// scratch folder, its dependencies installed from the npm registry (Debian's python3-flask, python3-fastapi,
// uvicorn, php-cli and golang-go for the others), compiled or linted, started with its suite's own
// target.start, and checked over HTTP (test/support/prove-scaffold.ts). Slow (Next.js builds): npm run test:kit.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRAMEWORKS, type FrameworkId, type ScaffoldFramework } from '../../src/core/kit/frameworks';
import { SUITE_FILE, WEBHOOK_PATH, writeScaffold } from '../../src/core/kit/scaffold';
import { TEMPLATES } from '../support/paths';
import { freePort } from '../support/ports';
import { proveScaffold } from '../support/prove-scaffold';
import { runBounded, startService } from './processes';

const TOKEN = 'kit-token-3f9c2a7e51d04b8c';
/** Debian's: `python3` on PATH may be another Python without Flask/FastAPI. The suites' start commands read PYTHON. */
const PYTHON = process.env.WEBHOOK_STUDIO_KIT_PYTHON ?? '/usr/bin/python3';
const INSTALL_MS = 10 * 60_000;

/** Type-check / lint, per runtime, in the scaffold's folder. */
const CHECK: Record<FrameworkId, string> = {
  express: 'npx --no-install tsc --noEmit -p .',
  fastify: 'npx --no-install tsc --noEmit -p .',
  nextjs: 'npx --no-install tsc --noEmit -p .',
  nestjs: 'npx --no-install tsc --noEmit -p .',
  'node-http': 'npx --no-install tsc --noEmit -p .',
  flask: `${PYTHON} -m py_compile app.py chat2desk_webhook.py`,
  fastapi: `${PYTHON} -m py_compile app.py chat2desk_webhook.py`,
  php: 'php -l index.php',
  go: 'go vet . && test -z "$(gofmt -l .)"',
};

const scratch = mkdtempSync(join(tmpdir(), 'webhook-studio-kit-'));

/** The user's environment, not npm test's: no npm_config_* from the npm running us, no token of the developer's. */
function userEnv(): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD' && name !== 'CHAT2DESK_API_TOKEN'),
  );
  return {
    ...inherited,
    NO_UPDATE_NOTIFIER: '1',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    NEXT_TELEMETRY_DISABLED: '1',
    PYTHON,
    // Only the standard library: nothing to fetch, and the build cache stays in the scratch folder.
    GOPROXY: 'off',
    GOFLAGS: '-mod=mod',
    GOCACHE: join(scratch, 'go-cache'),
    GOPATH: join(scratch, 'go-path'),
    GOTOOLCHAIN: 'local',
  };
}

const timings: Record<string, number | string>[] = [];

after(() => {
  if (timings.length > 0) console.log(`\n  handler kit timings (ms):\n${timings.map((row) => `    ${JSON.stringify(row)}`).join('\n')}`);
  rmSync(scratch, { recursive: true, force: true });
});

function proveFramework(framework: ScaffoldFramework): void {
  describe(`${framework.label} scaffold`, function () {
    this.timeout(INSTALL_MS + framework.readySeconds * 1000 + 60_000);
    const dir = join(scratch, framework.id);
    const row: Record<string, number | string> = { framework: framework.id };
    before(() => {
      timings.push(row);
      writeScaffold(framework, dir, { templates: TEMPLATES });
    });

    if (framework.install)
      it(`installs with "${framework.install}"`, async () => {
        const run = await runBounded(framework.install!, dir, userEnv(), INSTALL_MS);
        row.installMs = run.ms;
        assert.equal(run.code, 0, run.output);
      });

    it('type-checks / lints', async () => {
      const run = await runBounded(CHECK[framework.id], dir, userEnv(), 5 * 60_000);
      row.checkMs = run.ms;
      assert.equal(run.code, 0, run.output);
    });

    it("starts from its suite's target.start and answers as Chat2Desk's handler must", async () => {
      const suite = JSON.parse(readFileSync(join(dir, SUITE_FILE), 'utf8'));
      const port = await freePort();
      const onPort = (url: string) => url.replace(':3000/', `:${port}/`);
      const { command, cwd, env } = suite.target.start;
      const service = await startService(
        command,
        join(dir, cwd),
        { ...userEnv(), ...env, PORT: String(port), CHAT2DESK_API_TOKEN: TOKEN },
        onPort(suite.target.ready.url),
        suite.target.ready.timeoutSeconds * 1000,
      );
      row.startMs = service.readyMs;
      try {
        const started = Date.now();
        const results = await proveScaffold(onPort(suite.target.url), TOKEN);
        row.proofMs = Date.now() - started;
        const failed = results.filter((r) => !r.ok);
        assert.deepEqual(failed, [], `${framework.label} at ${WEBHOOK_PATH}:\n${service.output()}`);
        assert.equal(results.length, 9, 'every check ran');
      } finally {
        await service.stop();
      }
      assert.ok(!service.output().includes(TOKEN), 'the handler never prints the token');
    });
  });
}

describe('handler kit: scaffolds on real runtimes', () => {
  for (const framework of FRAMEWORKS) proveFramework(framework);
});
