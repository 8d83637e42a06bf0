// The hand-written scanner replaces a recursive parser (which overflowed on deep nesting): it is held to
// JSON.parse, the reference for strict JSON, on random texts and on every single-byte mutation of them.
import * as assert from 'node:assert/strict';
import { compactJsonBytes, locateValues, parseJsonBytes, scanJson } from '../../../src/core/json-scan';
import { randomJsonText, seededRandom } from '../../support/random-json';

const accepts = (text: string) => scanJson(Buffer.from(text)).error === undefined && !scanJson(Buffer.from(text)).empty;
const jsonAccepts = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('JSON scanner agrees with JSON.parse', () => {
  it('accepts what JSON.parse accepts: 300 random texts', () => {
    const random = seededRandom(11);
    for (let i = 0; i < 300; i++) {
      const text = randomJsonText(random);
      assert.equal(accepts(text), true, text);
    }
  });

  it('rejects exactly what JSON.parse rejects: single-byte mutations of random texts', () => {
    const random = seededRandom(23);
    const alphabet = ['{', '}', '[', ']', ',', ':', '"', '\\', '-', '+', '.', 'e', '0', '1', 'x', 't', 'n', ' ', '\n', '\u0001', '/', '*', ''];
    let checked = 0;
    for (let i = 0; i < 200; i++) {
      const text = randomJsonText(random);
      for (let k = 0; k < 10; k++) {
        const at = Math.floor(random() * (text.length + 1));
        const mutated = text.slice(0, at) + alphabet[Math.floor(random() * alphabet.length)] + text.slice(at + (random() < 0.5 ? 1 : 0));
        if (mutated.trim() === '') continue;
        assert.equal(accepts(mutated), jsonAccepts(mutated), JSON.stringify(mutated));
        checked++;
      }
    }
    assert.ok(checked > 1500);
  });

  it('finds top-level members with their exact byte ranges, duplicates included', () => {
    const text = '{ "a" : 1 , "b":{"a":2}, "a": [ "é" ] }';
    const { members } = scanJson(Buffer.from(text));
    assert.deepEqual(
      members.map((m) => [m.key, Buffer.from(text).toString('utf8', m.valueStart, m.valueEnd)]),
      [
        ['a', '1'],
        ['b', '{"a":2}'],
        ['a', '[ "é" ]'],
      ],
    );
  });

  it('locates values by path in one pass', () => {
    const text = '{"a":[10,{"b":"x"}],"c~/d":true}';
    const ranges = locateValues(Buffer.from(text), [['a', '1', 'b'], ['a', '0'], ['c~/d'], ['missing'], []]);
    assert.deepEqual(
      ranges.map((r) => r && text.slice(r.start, r.end)),
      ['"x"', '10', 'true', undefined, text],
    );
  });

  it('parses bytes in parts exactly as JSON.parse parses the whole text (any part size)', () => {
    const random = seededRandom(12);
    for (let i = 0; i < 300; i++) {
      const text = randomJsonText(random);
      for (const chunk of [0, 8, 1 << 20]) assert.deepEqual(parseJsonBytes(Buffer.from(text), chunk), JSON.parse(text), `${chunk}: ${text}`);
    }
    // Duplicates: the last value wins, in the first one's place; "__proto__" stays an own property.
    const tricky = ' {"a":1,"b":[1,{"x":"\\u0416"}],"a":2,"__proto__":{"p":1}, "c" : [ ] , "d":{}} ';
    const parsed = parseJsonBytes(Buffer.from(tricky), 0) as Record<string, unknown>;
    assert.deepEqual(Object.keys(parsed), Object.keys(JSON.parse(tricky)));
    assert.deepEqual(parsed, JSON.parse(tricky));
    assert.equal(Object.getPrototypeOf(parsed), Object.prototype);
  });

  it('compacts in place as it compacts into a new buffer', () => {
    const random = seededRandom(13);
    for (let i = 0; i < 100; i++) {
      const text = randomJsonText(random);
      const expected = compactJsonBytes(Buffer.from(text)).toString();
      const own = Buffer.from(text);
      assert.equal(compactJsonBytes(own, own).toString(), expected, text);
    }
  });
});
