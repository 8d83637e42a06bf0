import * as assert from 'node:assert/strict';
import { EmptyPayloadError, InvalidJsonError, NotAnObjectError } from '../../../src/core/errors';
import { compactJson, detectProvider, parsePayload, positionAt, prepareBody } from '../../../src/core/json';
import { randomPayloadText, seededRandom } from '../../support/random-json';

describe('payload JSON', () => {
  describe('compactJson', () => {
    it('removes insignificant whitespace only', () => {
      assert.equal(compactJson('{\n  "a" : [ 1 , 2 ],\r\n\t"b": { "c" : null }\n}\n'), '{"a":[1,2],"b":{"c":null}}');
    });

    it('keeps every literal exactly as written', () => {
      const text = '{ "big": 12345678901234567890123, "one": 1.0, "exp": 1E3, "esc": "\\u00e9\\/\\"", "emoji": "🎉", "sp": " a  b " }';
      assert.equal(compactJson(text), '{"big":12345678901234567890123,"one":1.0,"exp":1E3,"esc":"\\u00e9\\/\\"","emoji":"🎉","sp":" a  b "}');
    });

    it('is what JSON.stringify(JSON.parse()) gives for plain payloads (as Chat2Desk sends them)', () => {
      const text = '{\n  "message_id": 115816153,\n  "client": { "name": "Ольга Шуст", "external_id": null },\n  "attachments": []\n}';
      assert.equal(compactJson(text), JSON.stringify(JSON.parse(text)));
    });

    it('preserves every token of 200 random payloads', () => {
      const random = seededRandom(7);
      for (let i = 0; i < 200; i++) {
        const text = randomPayloadText(random);
        const compact = compactJson(text);
        assert.doesNotThrow(() => parsePayload(compact));
        assert.equal(compactJson(compact), compact, 'idempotent');
        // An independent oracle: strip whitespace outside string literals with a regex.
        assert.equal(
          compact,
          text.replace(/"(?:[^"\\]|\\.)*"|\s+/g, (m) => (m.startsWith('"') ? m : '')),
        );
      }
    });

    it('drops a byte order mark', () => {
      assert.equal(compactJson('\uFEFF{ "a": 1 }'), '{"a":1}');
    });
  });

  describe('parsePayload', () => {
    it('names the position of the first syntax error', () => {
      try {
        parsePayload('{\n  "a": 1,\n  "b": }\n', 'inbox.json');
        assert.fail('should throw');
      } catch (error) {
        assert.ok(error instanceof InvalidJsonError);
        assert.deepEqual([error.position.line, error.position.column], [3, 8]);
        assert.equal(error.message, 'inbox.json: Invalid JSON at line 3, column 8: value expected.');
      }
    });

    it('refuses comments and trailing commas (Chat2Desk sends strict JSON)', () => {
      assert.throws(() => parsePayload('{ "a": 1, }'), /line 1, column 11/);
      assert.throws(() => parsePayload('{ // c\n "a": 1 }'), /comments are not allowed/);
    });

    it('refuses empty input and non-objects with their own errors', () => {
      assert.throws(() => parsePayload('  \n'), EmptyPayloadError);
      assert.throws(
        () => parsePayload('[1, 2]'),
        (e: unknown) => e instanceof NotAnObjectError && /an array/.test(e.message),
      );
      assert.throws(
        () => parsePayload('"text"'),
        (e: unknown) => e instanceof NotAnObjectError && /a string/.test(e.message),
      );
      assert.throws(
        () => parsePayload('null'),
        (e: unknown) => e instanceof NotAnObjectError && /null/.test(e.message),
      );
    });
  });

  it('prepareBody sends compact or as written', () => {
    const text = '{ "a": 1.0 }\n';
    assert.equal(prepareBody(text, 'compact').body, '{"a":1.0}');
    assert.equal(prepareBody(text, 'asWritten').body, text);
  });

  it('positionAt counts lines and columns from 1', () => {
    assert.deepEqual(positionAt('ab\ncd', 4), { line: 2, column: 2, offset: 4 });
    assert.deepEqual(positionAt('ab', 0), { line: 1, column: 1, offset: 0 });
  });

  it('detects the provider from content', () => {
    assert.equal(detectProvider({ hook_type: 'inbox' }), 'chat2desk');
    assert.equal(detectProvider({ ChatEvent: { Type: 'typing' }, Rels: {} }), 'iqchannels');
    assert.equal(detectProvider({ other: 1 }), undefined);
    assert.equal(detectProvider([]), undefined);
  });
});

describe('the "$schema" opt-in is never sent', () => {
  it('removes only the top-level "$schema" member, keeping literals', () => {
    const text = '{\n  "$schema": "webhook-studio:/chat2desk.schema.json",\n  "hook_type": "inbox",\n  "n": 1.0\n}\n';
    assert.equal(prepareBody(text, 'compact').body, '{"hook_type":"inbox","n":1.0}');
    const asWritten = prepareBody(text, 'asWritten').body;
    assert.ok(!asWritten.includes('$schema'));
    assert.deepEqual(JSON.parse(asWritten), { hook_type: 'inbox', n: 1 });
    assert.match(asWritten, /"n": 1\.0/);
  });

  it('leaves a nested "$schema" alone', () => {
    assert.equal(prepareBody('{ "a": { "$schema": "x" } }', 'compact').body, '{"a":{"$schema":"x"}}');
  });
});
