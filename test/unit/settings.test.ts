import * as assert from 'node:assert/strict';
import { AccountsSetting, type SettingsProblem } from '../../src/core/settings';

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
