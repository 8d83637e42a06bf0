import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { loadSuite, selectedTests, SuiteError, type SuiteRunEvent, type SuiteRunMode } from '../../../../src/core/suites';
import { substituteEnv } from '../../../../src/core/suites/render';
// The runner as the CLI and the Test Explorer load it: with the simulator as the API stand-in.
import { runSuite } from '../../../../src/runner-bundle';
import { scratchFiles } from '../../../support/cli';
import { SCHEMAS_DIR } from '../../../support/paths';
import { freePort } from '../../../support/ports';
import { startTestHandler, type HandlerKind, type TestHandler } from '../../../support/suite-handlers';

const TOKEN = 'suite-runner-test-token-0123456789';
const FIXTURE = '{"hook_type":"inbox","message_id":"{{uuid}}","client_id":"{{client_id}}","text":"hello"}';

function suiteText(handler: TestHandler, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      target: { url: handler.url },
      vars: { client_id: 123 },
      probe: { http: { url: handler.statsUrl, path: '$.count' } },
      scenarios: [
        {
          name: 'a client writes twice',
          idempotent: true,
          steps: [
            { fixture: 'inbox.chat2desk.json', name: 'first', expect: { status: 200, body: [{ path: '$.ok', equals: true }] } },
            { fixture: 'inbox.chat2desk.json', name: 'second', patch: { '$.text': 'again {{seq}}' } },
          ],
        },
      ],
      checks: { recommended: true },
      ...extra,
    },
    null,
    2,
  );
}

async function run(text: string, options: { mode?: SuiteRunMode; token?: string; only?: string[] } = {}) {
  const files = scratchFiles('suites-runner-');
  try {
    files.file('inbox.chat2desk.json', FIXTURE);
    const path = files.file('orders.webhooks.json', text);
    const suite = loadSuite(path, text, { schemasDir: SCHEMAS_DIR });
    const events: SuiteRunEvent[] = [];
    const summary = await runSuite(suite, {
      mode: options.mode ?? 'run',
      only: options.only && new Set(options.only),
      tokenFor: async () => options.token ?? TOKEN,
      env: process.env,
      schemasDir: SCHEMAS_DIR,
      onEvent: (e) => events.push(e),
    });
    const status = (id: string) => events.filter((e) => 'id' in e && e.id === id && e.type !== 'started').map((e) => e.type)[0];
    return { suite, events, summary, status };
  } finally {
    files.remove();
  }
}

const CHECK_IDS = [
  'missing-signature',
  'wrong-signature',
  'raw-token-key',
  'altered-body',
  'reserialised-body',
  'unknown-hook-type',
  'unknown-fields',
  'answers-in-time',
  'stale-timestamp',
  'future-timestamp',
];

describe('suite runner against real handlers', function () {
  this.timeout(30_000);
  const handlers: TestHandler[] = [];
  const handler = async (kind: HandlerKind) => {
    const h = await startTestHandler(kind, TOKEN);
    handlers.push(h);
    return h;
  };
  afterEach(async () => {
    await Promise.all(handlers.splice(0).map((h) => h.close()));
  });

  const failedChecks = (r: Awaited<ReturnType<typeof run>>) => CHECK_IDS.filter((id) => r.status(`check:${id}`) !== 'passed');

  it('the correct verifier passes every step, the idempotency rehearsal and every check', async () => {
    const h = await handler('correct');
    const r = await run(suiteText(h));
    assert.deepEqual(r.summary.failed + r.summary.errored, 0, JSON.stringify(r.events.filter((e) => e.type === 'failed' || e.type === 'errored')));
    assert.equal(r.summary.passed, 3 + CHECK_IDS.length);
    assert.equal(r.status('0/idempotent'), 'passed');
  });

  it('the idempotent handler passes the rehearsal; the double-counter fails the probe under duplicates', async () => {
    const good = await run(suiteText(await handler('idempotent')), { only: ['0'] });
    assert.equal(good.status('0/idempotent'), 'passed');
    const bad = await run(suiteText(await handler('double-counter')), { only: ['0'] });
    assert.equal(bad.status('0/0'), 'passed', 'a clean run looks fine');
    assert.equal(bad.status('0/idempotent'), 'failed');
    const failure = bad.events.find((e) => e.type === 'failed' && e.id === '0/idempotent');
    assert.ok(failure?.type === 'failed');
    assert.match(failure.failures[0].message, /Not idempotent: a clean run changed the probe by 2; .* it changed by 8/);
    const scenarioLine =
      suiteText(await handler('correct'))
        .split('\n')
        .findIndex((l) => l.includes('"a client writes twice"')) - 1;
    assert.equal(failure.failures[0].range?.startLine, scenarioLine, 'points at the scenario');
    assert.ok(failure.artifacts?.timeline, 'with the delivery timeline');
  });

  it('the rehearsal also fails when a duplicate is answered non-2xx, and when the clean run leaves the probe unchanged', async () => {
    const refuses = await run(suiteText(await handler('refuses-duplicates')), { only: ['0'] });
    assert.equal(refuses.status('0/0'), 'passed');
    const refused = refuses.events.find((e) => e.type === 'failed' && e.id === '0/idempotent');
    assert.ok(refused?.type === 'failed', JSON.stringify(refuses.events));
    assert.ok(refused.failures.length > 0);
    for (const f of refused.failures) assert.match(f.message, /^Not accepted under duplicates and resends: .+: not delivered/);
    const h = await handler('idempotent');
    const still = await run(suiteText(h, { probe: { command: 'echo 5' } }), { only: ['0'] });
    const unchanged = still.events.find((e) => e.type === 'failed' && e.id === '0/idempotent');
    assert.ok(unchanged?.type === 'failed', JSON.stringify(still.events));
    assert.deepEqual(
      unchanged.failures.map((f) => f.message.split(',')[0]),
      ['A clean run of the scenario did not change the probe'],
    );
  });
  it('the re-serialising verifier fails exactly the re-serialisation check', async () => {
    const r = await run(suiteText(await handler('reserialising')));
    assert.deepEqual(failedChecks(r), ['reserialised-body']);
    const failure = r.events.find((e) => e.type === 'failed' && e.id === 'check:reserialised-body');
    assert.ok(failure?.type === 'failed');
    assert.match(failure.failures[0].message, /JSON\.stringify\(JSON\.parse\(body\)\)/, 'says why it matters');
    assert.equal(failure.artifacts?.response?.status, 401);
  });

  it('the handler that ignores signatures fails the signature and timestamp checks, and only those', async () => {
    const r = await run(suiteText(await handler('ignores-signatures')));
    assert.deepEqual(failedChecks(r), ['missing-signature', 'wrong-signature', 'raw-token-key', 'altered-body', 'stale-timestamp', 'future-timestamp']);
    const stale = r.events.find((e) => e.type === 'failed' && e.id === 'check:stale-timestamp');
    assert.ok(stale?.type === 'failed' && stale.failures[0].message.startsWith('(recommended)'));
  });

  it('Run as Chat2Desk delivers the steps through the Deliver engine', async () => {
    const h = await handler('double-counter');
    const r = await run(suiteText(h, { checks: false }), { mode: 'chat2desk' });
    assert.equal(r.status('0/0'), 'passed');
    assert.equal(r.status('0/1'), 'passed');
    assert.equal(r.status('0/idempotent'), 'skipped');
    const skipped = r.events.find((e) => e.type === 'skipped' && e.id === '0/idempotent');
    assert.match(skipped?.type === 'skipped' ? (skipped.reason ?? '') : '', /runs in Run mode/);
    assert.equal(h.count(), 8, "each step twice at once, each copy resent (the idempotent scenario's defaults)");
  });

  it('a failed expectation says what was expected, with the range, and the secrets never appear', async () => {
    const h = await handler('correct');
    const text = suiteText(h, {
      checks: false,
      scenarios: [
        { steps: [{ fixture: 'inbox.chat2desk.json', expect: { status: 202, headers: { 'x-id': '1' }, body: [{ path: '$.id', matches: '^zz' }] } }] },
      ],
    });
    const r = await run(text);
    const failure = r.events.find((e) => e.type === 'failed');
    assert.ok(failure?.type === 'failed');
    assert.deepEqual(
      failure.failures.map((f) => f.message.split(',')[0]),
      ['Status 200', 'Response header x-id is absent', failure.failures[2].message.split(',')[0]],
    );
    assert.match(failure.failures[2].message, /\$\.id is ".*", expected it to match \/\^zz\//);
    assert.ok(failure.artifacts?.request?.headers['X-Signature']);
    assert.ok(!JSON.stringify(r.events).includes(TOKEN));
  });

  it('stops nothing it did not start and reports a refused connection as an error of the step', async () => {
    const h = await handler('correct');
    await h.close();
    const r = await run(suiteText(h, { checks: false, probe: undefined, scenarios: [{ steps: [{ fixture: 'inbox.chat2desk.json' }] }] }));
    assert.equal(r.status('0/0'), 'errored');
  });
});

describe('suite runner: bad input and the handler process', function () {
  this.timeout(30_000);
  const load = (text: string) => {
    const files = scratchFiles('suites-load-');
    try {
      files.file('inbox.chat2desk.json', FIXTURE);
      return loadSuite(files.file('s.webhooks.json', text), text, { schemasDir: SCHEMAS_DIR });
    } finally {
      files.remove();
    }
  };
  const loadError = (text: string): SuiteError => {
    try {
      load(text);
    } catch (error) {
      assert.ok(error instanceof SuiteError, String(error));
      return error;
    }
    assert.fail('expected a SuiteError');
  };

  it('names the line and column of an unknown fixture, a bad JSON path, an unknown check and an unknown event', () => {
    const base = (step: string, checks = 'true') =>
      `{\n  "target": { "url": "http://127.0.0.1:1/" },\n  "scenarios": [ { "steps": [\n    ${step}\n  ] } ],\n  "checks": ${checks}\n}`;
    let e = loadError(base('{ "fixture": "missing.json" }'));
    assert.equal(e.code, 'suite-unknown-fixture');
    assert.deepEqual([e.range?.startLine, e.range?.startColumn], [3, 6]);
    e = loadError(base('{ "fixture": "inbox.chat2desk.json", "patch": { "message.text": 1 } }'));
    assert.equal(e.code, 'suite-json-path');
    assert.match(e.message, /starts with "\$"/);
    assert.equal(e.range?.startLine, 3);
    e = loadError(base('{ "event": "inbox" }', '{ "only": ["wrong-signature", "sings"] }'));
    assert.equal(e.code, 'suite-unknown-check');
    assert.match(e.hint ?? '', /missing-signature/);
    assert.deepEqual([e.range?.startLine, e.range?.startColumn], [5, 42]);
    e = loadError(base('{ "event": "inboxx" }'));
    assert.equal(e.code, 'suite-unknown-event');
    e = loadError(base('{ "fixture": "inbox.chat2desk.json", "expct": {} }'));
    assert.match(e.message, /Unknown member "expct"/);
  });

  it('gives every test a stable id and a range', () => {
    const suite = load(
      '{ "target": { "url": "http://x/" }, "probe": { "command": "echo 1" }, "scenarios": [ { "idempotent": true, "steps": [ { "event": "inbox" }, { "wait": 5 } ] } ], "checks": { "only": ["altered-body"] } }',
    );
    const ids = (item: typeof suite.tests): string[] => [item.id, ...item.children.flatMap(ids)];
    assert.deepEqual(ids(suite.tests), ['suite', '0', '0/0', '0/1', '0/idempotent', 'check:altered-body']);
  });

  const withHandler = async (start: object, ready?: object) => {
    const files = scratchFiles('suites-start-');
    try {
      files.file('inbox.chat2desk.json', FIXTURE);
      const text = JSON.stringify({ target: { url: 'http://127.0.0.1:9/hook', start, ready }, scenarios: [{ steps: [{ fixture: 'inbox.chat2desk.json' }] }] });
      const suite = loadSuite(files.file('s.webhooks.json', text), text);
      const events: SuiteRunEvent[] = [];
      const started = performance.now();
      await runSuite(suite, { mode: 'run', tokenFor: async () => TOKEN, env: process.env, schemasDir: SCHEMAS_DIR, onEvent: (e) => events.push(e) });
      return { events, ms: performance.now() - started };
    } finally {
      files.remove();
    }
  };

  it('a start command that exits is an error with its output, at the start member', async () => {
    const { events } = await withHandler({ command: 'echo listening-failed >&2; exit 3' });
    const error = events.find((e) => e.type === 'errored');
    assert.ok(error?.type === 'errored');
    assert.equal(error.error.code, 'suite-start-exited');
    assert.match(error.error.message, /exited \(code 3\).*listening-failed/s);
    assert.equal(error.range?.startLine, 0);
  });

  it('a ready check that never answers fails within its bound, and the handler process group is stopped', async () => {
    const files = scratchFiles('suites-pid-');
    const pidFile = `${files.dir}/pid`;
    const { events, ms } = await withHandler(
      { command: `sh -c 'echo $$ > ${pidFile}; exec sleep 30' & wait` },
      { url: 'http://127.0.0.1:9/health', timeoutSeconds: 0.5 },
    );
    const error = events.find((e) => e.type === 'errored');
    assert.ok(error?.type === 'errored' && error.error.code === 'suite-not-ready', JSON.stringify(error));
    assert.ok(ms < 5000, `bounded (${ms} ms)`);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    files.remove();
    // Gone, or a zombie waiting for init to reap it: either way no longer running.
    const running = () => existsSync(`/proc/${pid}`) && !/^\d+ \(.*\) [ZX]/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    for (let i = 0; i < 20 && running(); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(!running(), 'the grandchild is stopped');
  });

  it("a probe that fails errors the idempotency test with the probe's range", async () => {
    const h = await startTestHandler('idempotent', TOKEN);
    try {
      const text = suiteText(h, { checks: false, probe: { command: 'exit 4' } });
      const r = await run(text);
      const error = r.events.find((e) => e.type === 'errored' && e.id === '0/idempotent');
      assert.ok(error?.type === 'errored');
      assert.equal(error.error.code, 'suite-probe-failed');
      assert.equal(r.status('0/0'), 'passed');
    } finally {
      await h.close();
    }
  });
});

describe('suite runner: the simulator stands in as the account', function () {
  this.timeout(30_000);
  // A handler started by the suite: it replies to each inbox through the REST API it is given
  // (CHAT2DESK_API_URL / CHAT2DESK_API_TOKEN). With 1 it replies once per message id (idempotent); with 2 it
  // replies twice to every delivery (the bugs a suite should catch).
  const HANDLER = `
const http = require('http');
const replies = Number(process.argv[2]);
const seen = new Set();
http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    if (req.method === 'GET') return res.end('ok');
    const event = JSON.parse(Buffer.concat(chunks));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
    if (replies === 1 && seen.has(event.message_id)) return;
    seen.add(event.message_id);
    for (let i = 0; i < replies; i++)
      await fetch(process.env.CHAT2DESK_API_URL + '/v1/messages', { method: 'POST', headers: { Authorization: process.env.CHAT2DESK_API_TOKEN, 'Content-Type': 'application/json' }, body: JSON.stringify({ client_id: event.client_id, text: 'thanks' }) });
  });
}).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('handler listening'));
`;
  const runWith = async (replies: number) => {
    const port = await freePort();
    const files = scratchFiles('suites-sim-');
    try {
      files.file('handler.js', HANDLER);
      files.file('inbox.chat2desk.json', FIXTURE);
      const text = JSON.stringify({
        target: {
          url: 'http://127.0.0.1:${env:PORT}/hook',
          start: { command: `node handler.js ${replies}`, env: { PORT: String(port) } },
          ready: { url: `http://127.0.0.1:${port}/health` },
        },
        api: 'simulator',
        vars: { client_id: 7 },
        probe: { apiCalls: 'POST /v1/messages' },
        scenarios: [{ idempotent: true, steps: [{ fixture: 'inbox.chat2desk.json', expect: { apiCalls: [{ call: 'POST /v1/messages', count: 1 }] } }] }],
      });
      const suite = loadSuite(files.file('s.webhooks.json', text), text);
      const events: SuiteRunEvent[] = [];
      await runSuite(suite, { mode: 'run', tokenFor: async () => undefined, env: process.env, schemasDir: SCHEMAS_DIR, onEvent: (e) => events.push(e) });
      return events;
    } finally {
      files.remove();
    }
  };

  it('a handler that replies once passes "the handler replied once"; one that replies twice fails it, naming the calls', async () => {
    const once = await runWith(1);
    assert.deepEqual(
      once.filter((e) => e.type === 'passed').map((e) => 'id' in e && e.id),
      ['0/0', '0/idempotent'],
      JSON.stringify(once.filter((e) => e.type !== 'passed')),
    );
    assert.ok(
      once.some((e) => e.type === 'output' && e.text.includes('handler listening')),
      "the handler's output is passed on",
    );
    const twice = await runWith(2);
    const failure = twice.find((e) => e.type === 'failed' && e.id === '0/0');
    assert.ok(failure?.type === 'failed');
    assert.match(failure.failures[0].message, /made 2 POST \/v1\/messages call\(s\), expected 1/);
  });
});

describe('suite runner: ${env:NAME:-default}', function () {
  this.timeout(30_000);
  // A handler that listens on PORT, or on its second argument when PORT is unset (as a scaffold does on 3000).
  const HANDLER = `require('http').createServer((req, res) => res.end('{"ok":true}'))
  .listen(Number(process.env.PORT || process.argv[2]), '127.0.0.1', function () { console.log('listening on ' + this.address().port); });`;
  const runOn = async (env: NodeJS.ProcessEnv, usualPort: number) => {
    const files = scratchFiles('suites-env-');
    try {
      files.file('handler.js', HANDLER);
      const base = `http://127.0.0.1:\${env:PORT:-${usualPort}}`;
      const text = JSON.stringify({
        target: { url: `${base}/hook`, start: { command: `node handler.js ${usualPort}` }, ready: { url: `${base}/health` } },
        scenarios: [{ steps: [{ payload: { hook_type: 'inbox', message_id: 1 } }] }],
      });
      const suite = loadSuite(files.file('s.webhooks.json', text), text);
      const events: SuiteRunEvent[] = [];
      await runSuite(suite, { mode: 'run', tokenFor: async () => TOKEN, env, schemasDir: SCHEMAS_DIR, onEvent: (e) => events.push(e) });
      const output = events.map((e) => (e.type === 'output' ? e.text : '')).join('');
      return { passed: events.filter((e) => e.type === 'passed').map((e) => 'id' in e && e.id), output, events };
    } finally {
      files.remove();
    }
  };

  it('takes the port from the environment when it is set, else the default: the handler and the suite agree', async () => {
    const [usual, other] = [await freePort(), await freePort()];
    const withoutPort = Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'PORT'));
    const overridden = await runOn({ ...withoutPort, PORT: String(other) }, usual);
    assert.deepEqual(overridden.passed, ['0/0'], JSON.stringify(overridden.events));
    assert.match(overridden.output, new RegExp(`listening on ${other}\\b`));
    const usualRun = await runOn(withoutPort, usual);
    assert.deepEqual(usualRun.passed, ['0/0'], JSON.stringify(usualRun.events));
    assert.match(usualRun.output, new RegExp(`listening on ${usual}\\b`));
  });

  it('an empty variable takes the default too; without a default an unset one is an error naming it', () => {
    assert.equal(substituteEnv('${env:PORT:-3000}/${env:HOST:-x}', { PORT: '' }), '3000/x');
    assert.equal(substituteEnv('${env:PORT:-3000}', { PORT: '4000' }), '4000');
    assert.throws(() => substituteEnv('${env:WEBHOOK_STUDIO_UNSET}', {}), /WEBHOOK_STUDIO_UNSET is not set/);
  });
});

describe('suite runner: selection', () => {
  it('selecting the idempotency test alone also runs the clean steps it compares against', async () => {
    const files = scratchFiles('suites-select-');
    try {
      const text = JSON.stringify({
        target: { url: 'http://127.0.0.1:1/' },
        probe: { command: 'echo 1' },
        scenarios: [{ idempotent: true, steps: [{ event: 'inbox' }, { wait: 1 }] }, { steps: [{ event: 'inbox' }] }],
        checks: { only: ['altered-body'] },
      });
      const suite = loadSuite(files.file('s.webhooks.json', text), text, { schemasDir: SCHEMAS_DIR });
      assert.deepEqual([...selectedTests(suite, new Set(['0/idempotent']))].sort(), ['0/0', '0/1', '0/idempotent']);
      assert.deepEqual([...selectedTests(suite, new Set(['1', 'check:altered-body']))].sort(), ['1/0', 'check:altered-body']);
      assert.equal(selectedTests(suite, undefined).size, 5);
    } finally {
      files.remove();
    }
  });
});
