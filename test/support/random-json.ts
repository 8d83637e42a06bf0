// Builders of random JSON *text* (not values): literals are written in forms that parse-and-stringify
// would change (big integers, 1.0, 1e3, \u escapes, emoji), with irregular whitespace around them.

// One seeded PRNG in the project: the delivery engine's (shuffled order), reused here.
export { seededRandom } from '../../src/core/delivery/arrange';

const STRINGS = [
  'Hello!',
  'Ольга Шуст',
  'emoji 🎉👍🏽',
  'quote \\" and backslash \\\\',
  'tab\\tnew\\nline',
  '\\u00e9\\u0416\\ud83d\\ude00',
  'slash \\/ ok',
  '',
  '日本語テキスト',
  '    spaced    ',
];
const NUMBERS = ['0', '-1', '42', '1.0', '1.50', '1e3', '-2.5E-7', '12345678901234567890123', '9007199254740993', '0.1'];

export function randomJsonText(random: () => number, depth = 0): string {
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const ws = () => pick(['', ' ', '\n  ', '\t', '\r\n', '   ']);
  const roll = random();
  if (depth < 4 && roll < 0.35) {
    const n = Math.floor(random() * 5);
    const members = Array.from({ length: n }, (_, i) => `${ws()}"${pick(STRINGS)}${i}"${ws()}:${ws()}${randomJsonText(random, depth + 1)}${ws()}`);
    return `{${members.join(',')}${ws()}}`;
  }
  if (depth < 4 && roll < 0.55) {
    const n = Math.floor(random() * 4);
    return `[${Array.from({ length: n }, () => `${ws()}${randomJsonText(random, depth + 1)}${ws()}`).join(',')}]`;
  }
  if (roll < 0.75) return `"${pick(STRINGS)}"`;
  if (roll < 0.92) return pick(NUMBERS);
  return pick(['true', 'false', 'null']);
}

/** A random payload: always a top-level object, Chat2Desk-like. */
export function randomPayloadText(random: () => number): string {
  return `{\n  "hook_type": "inbox",\n  "data": ${randomJsonText(random)},\n  "list": [${randomJsonText(random)}, ${randomJsonText(random)}]\n}\n`;
}
