import * as assert from 'node:assert/strict';
import {
  AccountsSetting,
  codeLensEnabledSchema,
  fixturesFolderSchema,
  listenSettingsSchema,
  payloadSettingsSchema,
  timeoutSecondsSchema,
  type SettingsProblem,
} from '../../../src/core/settings';

describe('accounts setting', () => {
  it('a bad entry is reported once, not on every read or refresh; again only when it changes', () => {
    let raw: unknown = [
      { name: 'Good', apiBaseUrl: 'https://api.chat2desk.com' },
      { name: '', apiBaseUrl: 'not a url' },
    ];
    const reported: SettingsProblem[] = [];
    const setting = new AccountsSetting(
      () => raw,
      (p) => reported.push(p),
    );
    for (let i = 0; i < 5; i++)
      assert.deepEqual(
        setting.list().map((a) => a.name),
        ['Good'],
      );
    setting.invalidate(); // an unrelated edit of the same setting
    setting.list();
    assert.equal(reported.length, 1, reported.map((p) => p.message).join('\n'));
    assert.match(reported[0].message, /webhookStudio\.accounts\[1\]/);
    raw = [
      { name: 'Good', apiBaseUrl: 'https://api.chat2desk.com' },
      { name: 'x', apiBaseUrl: 'nope' },
    ];
    setting.invalidate();
    setting.list();
    assert.equal(reported.length, 2, 'a new problem is reported');
    raw = [];
    setting.invalidate();
    assert.deepEqual(
      setting.list().map((a) => a.name),
      ['Chat2Desk'],
      'the default account when none is configured',
    );
  });
});

describe('settings schemas: a valid value is kept, a wrong one reads as the default', () => {
  it('payload settings, field by field', () => {
    assert.deepEqual(payloadSettingsSchema.parse({ bodyFormat: 'escaped', validateBeforeSend: false, signIQChannelsPayloads: true }), {
      bodyFormat: 'escaped',
      validateBeforeSend: false,
      signIQChannelsPayloads: true,
    });
    assert.deepEqual(payloadSettingsSchema.parse({ bodyFormat: 'pretty', validateBeforeSend: 'no', signIQChannelsPayloads: 1 }), {
      bodyFormat: 'compact',
      validateBeforeSend: true,
      signIQChannelsPayloads: false,
    });
    assert.deepEqual(payloadSettingsSchema.parse({}), { bodyFormat: 'compact', validateBeforeSend: true, signIQChannelsPayloads: false }, 'unset');
  });

  it('timeout seconds within 1 to 300', () => {
    assert.equal(timeoutSecondsSchema.parse(30), 30);
    for (const wrong of [0, 301, '30', undefined]) assert.equal(timeoutSecondsSchema.parse(wrong), 10, String(wrong));
  });

  it('code lens switch', () => {
    assert.equal(codeLensEnabledSchema.parse(false), false);
    assert.equal(codeLensEnabledSchema.parse('false'), true);
    assert.equal(codeLensEnabledSchema.parse(undefined), true);
  });

  it("listen settings within package.json's ranges; one wrong value does not reset the others", () => {
    const valid = {
      port: 0,
      account: 'Sandbox',
      toleranceSeconds: 0,
      replyStatus: 503,
      replyBody: 'busy',
      forwardTo: 'http://127.0.0.1:3000/hook',
      historySize: 10000,
      maxStoredBodyKB: 1,
    };
    assert.deepEqual(listenSettingsSchema.parse(valid), valid);
    assert.deepEqual(
      listenSettingsSchema.parse({ ...valid, port: 65536, toleranceSeconds: -1, replyStatus: 99, historySize: 0, maxStoredBodyKB: 1.5, account: 7 }),
      { ...valid, port: 4848, toleranceSeconds: 300, replyStatus: 200, historySize: 200, maxStoredBodyKB: 256, account: '' },
    );
    assert.deepEqual(listenSettingsSchema.parse({}), {
      port: 4848,
      account: '',
      toleranceSeconds: 300,
      replyStatus: 200,
      replyBody: '{"ok":true}',
      forwardTo: '',
      historySize: 200,
      maxStoredBodyKB: 256,
    });
  });

  it('fixtures folder', () => {
    assert.equal(fixturesFolderSchema.parse('test/fixtures'), 'test/fixtures');
    assert.equal(fixturesFolderSchema.parse(['fixtures']), '');
  });
});
