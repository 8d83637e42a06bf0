import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { junitXml } from '../../../src/core/suites/junit';
import { runCliCapturing, scratchFiles } from '../../support/cli';
import { REPO_ROOT } from '../../support/paths';
import { startReceiver } from '../../support/receiver';
import { startTestHandler, type HandlerKind, type TestHandler } from '../../support/suite-handlers';
import { descendants, parseXml } from '../../support/xml';

const TOKEN = 'cli-test-suite-token-abcdef012345';

describe('webhook-studio test', function () {
  this.timeout(30_000);
  const files = scratchFiles('cli-test-');
  const handlers: TestHandler[] = [];
  after(() => files.remove());
  afterEach(async () => {
    await Promise.all(handlers.splice(0).map((h) => h.close()));
  });

  async function suiteFor(kind: HandlerKind, extra: object = {}): Promise<string> {
    const h = await startTestHandler(kind, TOKEN);
    handlers.push(h);
    files.file('inbox.chat2desk.json', '{"hook_type":"inbox","message_id":"{{uuid}}","text":"hi <&> \\u00e9"}');
    return files.file(
      `${kind}.webhooks.json`,
      JSON.stringify(
        {
          name: `${kind} handler`,
          target: { url: h.url },
          probe: { http: { url: h.statsUrl, path: '$.count' } },
          scenarios: [{ name: 'inbox', idempotent: true, steps: [{ fixture: 'inbox.chat2desk.json' }, { fixture: 'inbox.chat2desk.json' }] }],
          checks: true,
          ...extra,
        },
        null,
        2,
      ),
    );
  }

  it('exits 0 when every test passed, and prints each', async () => {
    const run = await runCliCapturing(['test', await suiteFor('correct')], TOKEN);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /✓ inbox › inbox\.chat2desk\.json \[0\/0\]/);
    assert.match(run.stdout, /✓ reserialised-body/);
    assert.match(run.stdout, /11 passed, 0 failed, 0 errored, 0 skipped/);
  });

  it('exits 1 when a test failed, and writes valid JUnit XML: one testcase per step and check, unique names, file and line, no secret', async () => {
    const suite = await suiteFor('ignores-signatures');
    const junit = `${files.dir}/junit.xml`;
    const run = await runCliCapturing(['test', suite, '--junit', junit], TOKEN);
    assert.equal(run.code, 1);
    assert.match(
      run.stdout,
      new RegExp(`✗ missing-signature[^\\n]*\\n\\s+${suite.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: Sent the payload without X-Signature`),
    );
    const xml = readFileSync(junit, 'utf8');
    assert.ok(!xml.includes(TOKEN));
    const root = parseXml(xml);
    const cases = descendants(root, 'testcase');
    assert.equal(cases.length, 2 + 1 + 8);
    assert.equal(new Set(cases.map((c) => c.attributes.name)).size, cases.length, 'unique names');
    for (const c of cases) {
      assert.equal(c.attributes.file, suite);
      assert.match(c.attributes.line, /^\d+$/);
      const props = descendants(c, 'property').map((p) => p.attributes.name);
      assert.deepEqual(props, ['id', 'file', 'line']);
    }
    const failed = cases.filter((c) => descendants(c, 'failure').length > 0).map((c) => c.attributes.name);
    assert.deepEqual(failed, ['missing-signature', 'wrong-signature', 'raw-token-key', 'altered-body']);
    assert.equal(root.children[0].attributes.failures, '4');
  });

  it('--json prints valid JSON with every test; --grep runs only matching tests; --bail stops at the first failure', async () => {
    const suite = await suiteFor('ignores-signatures');
    const json = await runCliCapturing(['test', suite, '--json', '--grep', 'SIGNATURE'], TOKEN);
    assert.equal(json.code, 1);
    const parsed = JSON.parse(json.stdout) as { suites: { tests: { id: string; status: string }[] }[]; summary: Record<string, number> };
    const statuses = Object.fromEntries(parsed.suites[0].tests.map((t) => [t.id, t.status]));
    assert.equal(statuses['check:missing-signature'], 'failed');
    assert.equal(statuses['check:answers-in-time'], undefined, 'tests --grep leaves out are not reported');
    assert.deepEqual(parsed.summary, { passed: 0, failed: 2, errored: 0, skipped: 0 });
    const bail = await runCliCapturing(['test', suite, '--json', '--bail'], TOKEN);
    const after = (JSON.parse(bail.stdout) as typeof parsed).suites[0].tests;
    const first = after.findIndex((t) => t.status === 'failed');
    assert.ok(first > 0 && after.slice(first + 1).every((t) => t.status === 'skipped'), JSON.stringify(after));
  });

  it("exits 2 on usage and input errors, with the suite file's line and column; --json errors are JSON", async () => {
    assert.equal((await runCliCapturing(['test'], TOKEN)).code, 2);
    const unknown = await runCliCapturing(['test', '--nope', '--json'], TOKEN);
    assert.equal(unknown.code, 2);
    assert.equal((JSON.parse(unknown.stdout) as { error: { code: string } }).error.code, 'usage');
    const bad = files.file(
      'bad.webhooks.json',
      '{\n  "target": { "url": "http://127.0.0.1:1/" },\n  "scenarios": [{ "steps": [{ "fixture": "nope.json" }] }]\n}',
    );
    const run = await runCliCapturing(['test', bad], TOKEN);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /bad\.webhooks\.json:3:31: Fixture "nope\.json" not found/);
    const missing = await runCliCapturing(['test', `${files.dir}/missing.webhooks.json`, '--json'], TOKEN);
    assert.equal(missing.code, 2);
    assert.match((JSON.parse(missing.stdout) as { error: { message: string } }).error.message, /no such file/);
  });
});

describe('JUnit text and the XML check the CLI tests rely on', () => {
  it('the check rejects what is not well-formed, and JUnit text survives it whatever a handler answered', async () => {
    for (const bad of ['<a><b></a>', '<a x="1" x="2"/>', '<a>&</a>', '<a/><b/>', '<a>\u0001</a>', '<a x=1/>']) assert.throws(() => parseXml(bad), Error, bad);
    const nasty = 'answer: <html> & "quotes" \u0000\u001b ]]> \ud800 end';
    const xml = junitXml([
      {
        path: 'a&b.webhooks.json',
        name: 'n<1>',
        output: nasty,
        summary: { passed: 0, failed: 1, errored: 0, skipped: 0, durationMs: 1 },
        tests: [{ id: '0/0', kind: 'step', name: nasty, status: 'failed', durationMs: 1, line: 2, failures: [{ message: nasty }] }],
      },
    ]);
    const root = parseXml(xml);
    const failure = descendants(root, 'failure')[0];
    assert.match(failure.attributes.message, /^answer: <html> & "quotes" \uFFFD\uFFFD \]\]> \uFFFD end$/);
  });
});

describe('the sample suites npm start shows (test/workspace/suites/)', function () {
  this.timeout(30_000);
  it('one passes against the demo receiver, the other fails on exactly what it says', async () => {
    const receiver = await startReceiver(TOKEN);
    try {
      const dir = join(REPO_ROOT, 'test', 'workspace', 'suites');
      const run = await runCliCapturing(['test', join(dir, 'demo-receiver.webhooks.json'), join(dir, 'demo-receiver-strict.webhooks.json'), '--json'], TOKEN, {
        env: { CHAT2DESK_API_TOKEN: TOKEN, DEMO_RECEIVER_URL: receiver.url },
      });
      assert.equal(run.code, 1);
      const [good, strict] = (JSON.parse(run.stdout) as { suites: { tests: { id: string; status: string }[] }[] }).suites;
      assert.deepEqual(
        good.tests.filter((t) => t.status !== 'passed'),
        [],
      );
      assert.deepEqual(
        strict.tests.filter((t) => t.status !== 'passed').map((t) => t.id),
        ['0/0', 'check:stale-timestamp', 'check:future-timestamp'],
      );
    } finally {
      await receiver.close();
    }
  });
});
