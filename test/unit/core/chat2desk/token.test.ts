import * as assert from 'node:assert/strict';
import { hideToken, normalizeApiToken } from '../../../../src/core/chat2desk/token';
import { checkToken } from '../../../../src/core/wire-checks';

const apiTokenProblem = (value: string) => checkToken(normalizeApiToken(value));

describe('API token text', () => {
  it('accepts a plain token (surrounding whitespace from a paste is trimmed)', () => {
    assert.equal(apiTokenProblem('0a1b2c3d4e5f6a7b8c9d'), undefined);
    assert.equal(apiTokenProblem('  0a1b2c3d-4e5f_6a7b.8c9d \n'), undefined);
  });

  it('refuses invisible, control, look-alike and non-ASCII characters, naming them and where they are', () => {
    const cases: [string, RegExp][] = [
      ['', /cannot be empty/],
      ['abc\u200Bdef', /invisible character \(U\+200B\) at position 4/],
      ['\uFEFFabcdef', /invisible character \(U\+FEFF\) at position 1/],
      ['abc\u2060def', /invisible character \(U\+2060\)/],
      ['abc\u00ADdef', /invisible character \(U\+00AD\)/],
      ['abc\u0007def', /control character \(U\+0007\) at position 4/],
      ['abc\u0085def', /control character \(U\+0085\)/],
      ['abc\r\ndef', /control character \(U\+000D\)/],
      ['abc def', /a space at position 4/],
      ['abc\u00A0def', /space at position 4/],
      ['tоken', /"о" \(U\+043E\) at position 2, which is not plain ASCII: it may be a look-alike/],
      ['tokén', /not plain ASCII/],
      ['token😀', /U\+1F600/],
    ];
    for (const [value, expected] of cases) assert.match(apiTokenProblem(value) ?? 'accepted', expected, JSON.stringify(value));
  });

  it('hides a token echoed by a server, as is and URL-encoded', () => {
    assert.equal(hideToken('bad token abc+/= and abc%2B%2F%3D', 'abc+/='), 'bad token [token hidden] and [token hidden]');
    assert.equal(hideToken('nothing here', undefined), 'nothing here');
  });
});
