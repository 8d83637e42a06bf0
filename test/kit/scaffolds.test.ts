// Every scaffold, proven on a real runtime installed as a user would: written by the product into a
// scratch folder, its dependencies installed from the npm registry (Debian's python3-flask, python3-fastapi,
// uvicorn, php-cli and golang-go for the others), compiled or linted, then proven by the suite it ships
// (chat2desk.webhooks.json) run by the CLI's `webhook-studio test`, as a user runs it: the suite starts the
// handler itself (target.start) on PORT. Slow (Next.js builds): npm run test:kit.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRAMEWORKS, type FrameworkId, type ScaffoldFramework } from '../../src/core/kit/frameworks';
import { SUITE_FILE, writeScaffold } from '../../src/core/kit/scaffold';
import { signatureCheckParts } from '../../src/core/kit/signature-check';
import { REDACTED } from '../../src/core/redact';
import { computeSignature, signingKeyFromToken } from '../../src/core/signature';
import type { SuiteResult } from '../../src/core/suites/results';
import { runCliCapturing } from '../support/cli';
import { TEMPLATES } from '../support/paths';
import { freePort } from '../support/ports';
import { runBounded } from './processes';

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

/**
 * What every scaffold must show, as test ids of its suite: a correctly signed event 2xx (the scenario's
 * step); missing, wrong, raw-token-keyed, altered-body and stale 4xx; a re-serialising body and an
 * unknown hook_type 2xx; an event delivered twice at once and resent processed once, every copy 2xx.
 */
const PROVEN = [
  '0/0',
  'check:missing-signature',
  'check:wrong-signature',
  'check:raw-token-key',
  'check:altered-body',
  'check:stale-timestamp',
  'check:reserialised-body',
  'check:unknown-hook-type',
  '0/idempotent',
];

/** The tests that did not pass, each with why, then the end of the handler's output. */
function notPassed(result: SuiteResult): string {
  const lines = result.tests
    .filter((test) => test.status !== 'passed')
    .flatMap((test) => [
      `  ${test.status} ${test.name}`,
      ...test.failures.map((f) => `      ${f.message}`),
      ...(test.error ? [`      ${test.error.code}: ${test.error.message}`] : []),
      ...(test.reason ? [`      ${test.reason}`] : []),
    ]);
  const output = result.output.trimEnd().split('\n').slice(-40);
  return [...lines, '  handler output (last 40 lines):', ...output.map((line) => `    ${line}`)].join('\n');
}

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

    it(`passes the suite it ships (${SUITE_FILE}), run by "webhook-studio test"`, async () => {
      const started = Date.now();
      // A free port, not 3000: the suite's URLs and the handler both follow PORT.
      const env = { ...userEnv(), PORT: String(await freePort()), CHAT2DESK_API_TOKEN: TOKEN };
      const run = await runCliCapturing(['test', join(dir, SUITE_FILE), '--json'], TOKEN, { env });
      row.suiteMs = Date.now() - started;
      assert.notEqual(run.code, 2, `the suite did not load:\n${run.stdout}${run.stderr}`);
      const [result] = (JSON.parse(run.stdout) as { suites: SuiteResult[] }).suites;
      assert.deepEqual(
        PROVEN.filter((id) => !result.tests.some((test) => test.id === id)),
        [],
        'the suite holds every check the kit requires',
      );
      assert.equal(run.code, 0, `${framework.label}: not every test of its suite passed:\n${notPassed(result)}`);
      assert.ok(!result.output.includes(REDACTED), `the handler printed the token (redacted here):\n${result.output}`);
    });
  });
}

describe('handler kit: scaffolds on real runtimes', () => {
  for (const framework of FRAMEWORKS) proveFramework(framework);
});

/** Insert Signature Check's verify function, cut from the templates, run on its runtime: a program per language. */
const VERIFY_PROGRAMS: Partial<Record<FrameworkId, { file: string; run: string; program: (verify: string) => string }>> = {
  flask: {
    file: 'check.py',
    run: `${PYTHON} check.py`,
    program: (verify) =>
      `${verify}\n\nimport json, sys\ncases = json.loads(sys.argv[1])\nprint(json.dumps([check_chat2desk_signature(c["body"].encode(), c["sig"], c["ts"], c["token"], c["tol"]) for c in cases]))\n`,
  },
  php: {
    file: 'check.php',
    run: 'php check.php',
    program: (verify) =>
      `<?php\n${verify}\n$cases = json_decode($argv[1], true);\necho json_encode(array_map(fn($c) => check_chat2desk_signature($c['body'], $c['sig'], $c['ts'], $c['token'], $c['tol']), $cases));\n`,
  },
  go: {
    file: 'check.go',
    run: 'go run check.go',
    program: (verify) =>
      `package main\n\nimport (\n${['crypto/hmac', 'crypto/md5', 'crypto/sha256', 'encoding/hex', 'encoding/json', 'fmt', 'math', 'os', 'regexp', 'strconv', 'time'].map((p) => `\t"${p}"\n`).join('')})\n\n${verify}\n\nfunc main() {\n\tvar cases []struct{ Body, Sig, Ts, Token string; Tol int64 }\n\tjson.Unmarshal([]byte(os.Args[1]), &cases)\n\tout := []any{}\n\tfor _, c := range cases {\n\t\tif r := checkChat2DeskSignature([]byte(c.Body), c.Sig, c.Ts, c.Token, c.Tol); r != "" {\n\t\t\tout = append(out, r)\n\t\t} else {\n\t\t\tout = append(out, nil)\n\t\t}\n\t}\n\tb, _ := json.Marshal(out)\n\tfmt.Println(string(b))\n}\n`,
  },
};

describe('handler kit: the inserted signature check runs', function () {
  this.timeout(5 * 60_000);
  const body = '{"hook_type":"inbox","text":"café \\u00e9"}';
  const now = String(Math.floor(Date.now() / 1000));
  const sign = (timestamp: string, key = signingKeyFromToken(TOKEN)) => computeSignature(body, timestamp, key);
  const cases = [
    { sig: sign(now), ts: now, tol: 0, expected: null },
    { sig: sign(now).toUpperCase(), ts: now, tol: 0, expected: null },
    { sig: sign(now, TOKEN), ts: now, tol: 0, expected: 'signature mismatch' },
    { sig: '', ts: now, tol: 0, expected: 'missing X-Signature or X-Timestamp' },
    { sig: 'not-hex', ts: now, tol: 0, expected: 'malformed X-Signature' },
    { sig: sign('1000'), ts: '1000', tol: 300, expected: 'X-Timestamp outside the allowed window' },
  ];
  for (const [id, { file, run, program }] of Object.entries(VERIFY_PROGRAMS)) {
    const framework = FRAMEWORKS.find((f) => f.id === id)!;
    it(`${framework.languages[0]} (${framework.label}) answers as the scaffolds do`, async () => {
      const dir = join(scratch, `verify-${id}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, file), program(signatureCheckParts(framework, TEMPLATES, { language: framework.languages[0] }).verify));
      const input = JSON.stringify(cases.map(({ sig, ts, tol }) => ({ body, sig, ts, tol, token: TOKEN })));
      const result = await runBounded(`${run} '${input}'`, dir, userEnv(), 4 * 60_000);
      assert.equal(result.code, 0, result.output);
      assert.deepEqual(
        JSON.parse(result.output.trim().split('\n').pop()!),
        cases.map((c) => c.expected),
        result.output,
      );
    });
  }
});
