import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EncodingError, InvalidJsonError } from '../../../src/core/errors';
import { needsToken, planAll, schemaQuestion, tokenRefusal } from '../../../src/core/send-plan';
import { PayloadValidator } from '../../../src/core/validate';
import { parseInterval, parsePolicy, parseTimeScale } from '../../../src/core/delivery/policy';
import { argsOf } from '../../../src/features/deliver/run-settings';
import { REPO_ROOT } from '../../support/paths';

const validator = new PayloadValidator();
const inbox = readFileSync(join(REPO_ROOT, 'test', 'workspace', 'fixtures', 'inbox.chat2desk.json'), 'utf8');
/** The inbox fixture with a wrong type: one schema problem. */
const badInbox = inbox.replace('"message_id": 115816153', '"message_id": "oops"');
const typing = readFileSync(join(REPO_ROOT, 'test', 'workspace', 'fixtures', 'typing.iqchannels.json'), 'utf8');

describe('prepare, then send: the pure steps (core/send-plan.ts)', () => {
  it('plans every payload, or names the first that cannot be sent, with its position', () => {
    const planned = planAll(
      [
        { source: 'a.json', text: inbox },
        { source: 'b.json', text: typing },
      ],
      { bodyFormat: 'compact', validator },
    );
    assert.equal(planned.kind, 'planned');
    assert.deepEqual(planned.kind === 'planned' && planned.plans.map((p) => [p.source, p.provider, p.signs]), [
      ['a.json', 'chat2desk', true],
      ['b.json', 'iqchannels', false],
    ]);
    const refused = planAll(
      [
        { source: 'a.json', text: inbox },
        { source: 'broken.json', text: '{\n  "hook_type": "inbox",\n  "text": \n}' },
        { source: 'never.json', bytes: Buffer.from([0xcf, 0xf0]) },
      ],
      { bodyFormat: 'compact' },
    );
    assert.equal(refused.kind, 'refused');
    assert.equal(refused.kind === 'refused' && refused.index, 1, 'the first bad payload; nothing after it is planned');
    assert.ok(refused.kind === 'refused' && refused.error instanceof InvalidJsonError);
    assert.equal(refused.kind === 'refused' && (refused.error as InvalidJsonError).position.line, 4);
    const encoding = planAll([{ source: 'cp1251.json', bytes: Buffer.from('{"text":"\xcf"}', 'latin1') }], { bodyFormat: 'compact' });
    assert.ok(encoding.kind === 'refused' && encoding.error instanceof EncodingError);
  });

  it('signing follows the payloads: IQChannels unsigned unless asked, or forced per payload', () => {
    const plans = (inputs: Parameters<typeof planAll>[0], signIqChannels = false) => {
      const outcome = planAll(inputs, { bodyFormat: 'compact', signIqChannels });
      assert.equal(outcome.kind, 'planned');
      return outcome.kind === 'planned' ? outcome.plans : [];
    };
    assert.equal(needsToken(plans([{ source: 't', text: typing }])), false);
    assert.equal(needsToken(plans([{ source: 't', text: typing }], true)), true);
    assert.equal(needsToken(plans([{ source: 't', text: typing, sign: true }])), true);
    assert.equal(needsToken(plans([{ source: 'i', text: inbox, sign: false }])), false);
    assert.equal(
      needsToken(
        plans([
          { source: 't', text: typing },
          { source: 'i', text: inbox },
        ]),
      ),
      true,
    );
  });

  it('one schema question for a whole batch, naming the first problem; none when every payload matches', () => {
    const plan = (inputs: Parameters<typeof planAll>[0]) => {
      const outcome = planAll(inputs, { bodyFormat: 'compact', validator });
      return outcome.kind === 'planned' ? outcome.plans : [];
    };
    assert.equal(schemaQuestion(plan([{ source: 'ok.json', text: inbox }])), undefined);
    const one = schemaQuestion(plan([{ source: 'bad.json', text: badInbox }]));
    assert.deepEqual(one?.invalid, [0]);
    assert.equal(one?.message, 'bad.json does not match the Chat2Desk schema (1 problem).');
    assert.match(one?.detail ?? '', /^First, at \$\.message_id \(line 2, column \d+\): /);
    const batch = schemaQuestion(
      plan([
        { source: 'ok.json', text: inbox },
        { source: 'bad-1.json', text: badInbox },
        { source: 'bad-2.json', text: badInbox },
      ]),
    );
    assert.deepEqual(batch?.invalid, [1, 2]);
    assert.equal(batch?.message, '2 payloads do not match the Chat2Desk schema.');
    assert.match(batch?.detail ?? '', /^First, in bad-1\.json at \$\.message_id \(line 2\): /);
    // A payload of no known platform has no schema to match: nothing to ask about it.
    assert.equal(schemaQuestion(plan([{ source: 'x.json', text: '{"anything":1}' }])), undefined);
  });

  it('a token that is missing or cannot go in a header is refused, naming the account', () => {
    assert.equal(tokenRefusal('Main', 'abc123'), undefined);
    assert.equal(tokenRefusal('Main', undefined), 'No Chat2Desk API token is set for "Main": it is needed to sign the webhook.');
    assert.match(tokenRefusal('Main', 'abc\u2019') ?? '', /^The API token for "Main" cannot be right: /);
  });
});

describe('a delivery resumed after Set API Token (features/deliver/run-settings.ts)', () => {
  it('carries the payloads, the endpoint with the account that signs, and every setting asked, so nothing is asked again', () => {
    const payloads = [{ source: 'fixtures/a.chat2desk.json', text: '{"hook_type":"inbox"}', file: 'fixtures/a.chat2desk.json' }];
    const endpoint = { url: 'http://127.0.0.1:9/hook', name: 'Local', headers: { 'X-Env': 'dev' }, account: 'Main' };
    const args = argsOf(
      { policy: parsePolicy('custom:1,2'), timeScale: Infinity, retryTimestamp: 'original', duplicate: 'sequential', order: 'reverse', intervalMs: 500 },
      payloads,
      endpoint,
    );
    assert.deepEqual(args, {
      payloads,
      endpoint,
      policy: 'custom:1,2',
      timeScale: 'inf',
      retryTimestamp: 'original',
      duplicate: 'sequential',
      order: 'reverse',
      seed: undefined,
      slowFirst: undefined,
      interval: '0.5',
    });
    // The arguments parse back to the same settings.
    assert.deepEqual(parsePolicy(args.policy!).retryDelaysMs, [1000, 2000]);
    assert.equal(parseTimeScale(args.timeScale!), Infinity);
    assert.equal(parseInterval(args.interval!), 500);
  });
});
