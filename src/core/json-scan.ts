// One iterative pass over a payload's UTF-8 bytes: strict JSON syntax (with the byte offset of the first
// error), a nesting limit, and the top-level members with their byte ranges. Iterative on purpose: a
// recursive parser overflows the stack on hostile nesting; nothing here recurses.
import { t } from './l10n';

/** Deeper than any webhook payload (they are a few levels deep); far below what recursive code survives. */
export const MAX_NESTING_DEPTH = 512;

export interface TopLevelMember {
  /** The member name as JSON means it (escapes decoded). */
  key: string;
  /** Byte offsets: the key's opening quote, the value's first byte, one past the value's last byte. */
  keyStart: number;
  valueStart: number;
  valueEnd: number;
}

export type RootKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

export interface ScanResult {
  /** Nothing but whitespace. */
  empty: boolean;
  root?: RootKind;
  /** Complete top-level members of a root object, in order (duplicates included). */
  members: TopLevelMember[];
  error?: { offset: number; problem: string; tooDeep?: boolean };
}

const OBJECT = 1;
const ARRAY = 2;
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const AFTER_VALUE = 2;
const KEY_OR_CLOSE = 3;
const KEY = 4;
const COLON = 5;

const isDigit = (c: number | undefined) => c !== undefined && c >= 0x30 && c <= 0x39;
const isHex = (c: number | undefined) => c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
const LITERALS: [number, string, RootKind][] = [
  [0x74, 'true', 'boolean'],
  [0x66, 'false', 'boolean'],
  [0x6e, 'null', 'null'],
];

let stringProblem = '';

function matches(b: Uint8Array, at: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word.charCodeAt(k)) return false;
  return true;
}

/** One past the closing quote of the string starting at `i`, or -1 - (offset of the problem). */
function scanString(b: Uint8Array, i: number): number {
  const n = b.length;
  i++;
  for (;;) {
    if (i >= n) {
      stringProblem = 'unterminated string';
      return -1 - n;
    }
    const c = b[i];
    if (c === 0x22) return i + 1;
    if (c === 0x5c) {
      const e = b[i + 1];
      if (e === 0x75) {
        if (!(isHex(b[i + 2]) && isHex(b[i + 3]) && isHex(b[i + 4]) && isHex(b[i + 5]))) {
          stringProblem = 'invalid \\u escape';
          return -1 - i;
        }
        i += 6;
      } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
      } else {
        stringProblem = e === undefined ? t('unterminated string') : t('invalid escape character');
        return -1 - (e === undefined ? n : i);
      }
    } else if (c < 0x20) {
      stringProblem = 'invalid character in string (control characters must be escaped)';
      return -1 - i;
    } else i++;
  }
}

/** One past the number starting at `i`, or -1 when it is malformed. */
function scanNumber(b: Uint8Array, i: number): number {
  let j = i;
  if (b[j] === 0x2d) j++;
  if (b[j] === 0x30) j++;
  else if (isDigit(b[j])) while (isDigit(b[j])) j++;
  else return -1;
  if (b[j] === 0x2e) {
    j++;
    if (!isDigit(b[j])) return -1;
    while (isDigit(b[j])) j++;
  }
  if (b[j] === 0x65 || b[j] === 0x45) {
    j++;
    if (b[j] === 0x2b || b[j] === 0x2d) j++;
    if (!isDigit(b[j])) return -1;
    while (isDigit(b[j])) j++;
  }
  return isDigit(b[j]) ? -1 : j;
}

/** The string value of the JSON string literal at b[start, end). */
export function decodeJsonString(b: Uint8Array, start: number, end: number): string {
  const slice = Buffer.from(b.buffer, b.byteOffset + start, end - start);
  return slice.includes(0x5c) ? (JSON.parse(slice.toString('utf8')) as string) : slice.toString('utf8', 1, slice.length - 1);
}

export function scanJson(b: Uint8Array, maxDepth = MAX_NESTING_DEPTH): ScanResult {
  const n = b.length;
  const stack = new Uint8Array(maxDepth + 2);
  const members: TopLevelMember[] = [];
  let member: TopLevelMember | undefined;
  let root: RootKind | undefined;
  let depth = 0;
  let state = VALUE;
  let i = 0;
  const fail = (offset: number, problem: string, tooDeep = false): ScanResult => ({
    empty: false,
    root,
    members,
    error: { offset, problem, ...(tooDeep ? { tooDeep } : {}) },
  });
  /** A value ended at i: it may complete a top-level member. */
  const valueDone = () => {
    state = AFTER_VALUE;
    if (depth === 1 && member && stack[1] === OBJECT) {
      member.valueEnd = i;
      members.push(member);
      member = undefined;
    }
  };

  for (;;) {
    let c = 0;
    while (i < n) {
      c = b[i];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    if (i >= n) {
      if (root === undefined) return { empty: true, members };
      if (state === AFTER_VALUE && depth === 0) return { empty: false, root, members };
      const problem =
        state === VALUE || state === VALUE_OR_CLOSE
          ? t('value expected')
          : state === KEY
            ? t('property name expected (in double quotes)')
            : state === COLON
              ? t('colon expected')
              : stack[depth] === OBJECT
                ? t('closing } expected')
                : t('closing ] expected');
      return fail(n, problem);
    }
    if (c === 0x2f && (b[i + 1] === 0x2f || b[i + 1] === 0x2a)) return fail(i, 'comments are not allowed in JSON');

    if (state === VALUE_OR_CLOSE && c === 0x5d) {
      depth--;
      i++;
      valueDone();
      continue;
    }
    if (state === KEY_OR_CLOSE && c === 0x7d) {
      depth--;
      i++;
      valueDone();
      continue;
    }
    if (state === VALUE || state === VALUE_OR_CLOSE) {
      if (depth === 1 && member) member.valueStart = i;
      if (c === 0x7b || c === 0x5b) {
        if (depth === maxDepth) return fail(i, 'nested too deeply', true);
        if (depth === 0) root = c === 0x7b ? 'object' : 'array';
        depth++;
        stack[depth] = c === 0x7b ? OBJECT : ARRAY;
        state = c === 0x7b ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
        i++;
        continue;
      }
      let kind: RootKind | undefined;
      if (c === 0x22) {
        const end = scanString(b, i);
        if (end < 0) return fail(-1 - end, stringProblem);
        i = end;
        kind = 'string';
      } else if (c === 0x2d || isDigit(c)) {
        const end = scanNumber(b, i);
        if (end < 0) return fail(i, 'malformed number');
        i = end;
        kind = 'number';
      } else {
        const literal = LITERALS.find(([first, word]) => first === c && matches(b, i, word));
        if (!literal) return fail(i, c === 0x7d || c === 0x5d || c === 0x2c || c === 0x3a ? t('value expected') : t('unexpected character'));
        i += literal[1].length;
        kind = literal[2];
      }
      if (depth === 0) root = kind;
      valueDone();
      continue;
    }
    if (state === AFTER_VALUE) {
      if (depth === 0) return fail(i, t('unexpected text after the JSON value'));
      const container = stack[depth];
      if (c === 0x2c) {
        i++;
        state = container === OBJECT ? KEY : VALUE;
        continue;
      }
      if ((c === 0x7d && container === OBJECT) || (c === 0x5d && container === ARRAY)) {
        depth--;
        i++;
        valueDone();
        continue;
      }
      return fail(i, t('comma expected'));
    }
    if (state === KEY || state === KEY_OR_CLOSE) {
      if (c !== 0x22) return fail(i, t('property name expected (in double quotes)'));
      const end = scanString(b, i);
      if (end < 0) return fail(-1 - end, stringProblem);
      if (depth === 1) member = { key: decodeJsonString(b, i, end), keyStart: i, valueStart: -1, valueEnd: -1 };
      i = end;
      state = COLON;
      continue;
    }
    // state === COLON
    if (c !== 0x3a) return fail(i, t('colon expected'));
    i++;
    state = VALUE;
  }
}

/**
 * Byte ranges of the values at the given paths (ajv instance paths split into segments), found in
 * one pass over already-valid JSON. Unfound paths stay undefined.
 */
export function locateValues(b: Uint8Array, paths: readonly (readonly string[])[]): ({ start: number; end: number } | undefined)[] {
  interface Node {
    children: Map<string, Node>;
    targets: number[];
  }
  const node = (): Node => ({ children: new Map(), targets: [] });
  const trie = node();
  paths.forEach((path, index) => {
    let at = trie;
    for (const segment of path) {
      let next = at.children.get(segment);
      if (!next) {
        next = node();
        at.children.set(segment, next);
      }
      at = next;
    }
    at.targets.push(index);
  });
  const found: ({ start: number; end: number } | undefined)[] = new Array(paths.length).fill(undefined);
  interface Frame {
    node: Node | undefined;
    isArray: boolean;
    index: number;
    key: string;
    start: number;
  }
  const frames: Frame[] = [];
  const record = (at: Node | undefined, start: number, end: number) => {
    if (at) for (const t of at.targets) found[t] = { start, end };
  };
  const childOf = (): Node | undefined => {
    const top = frames[frames.length - 1];
    if (!top) return trie;
    return top.node?.children.get(top.isArray ? String(top.index) : top.key);
  };
  const n = b.length;
  let expectKey = false;
  for (let i = 0; i < n;) {
    const c = b[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x3a) {
      i++;
      continue;
    }
    if (c === 0x2c) {
      const top = frames[frames.length - 1];
      if (top) {
        if (top.isArray) top.index++;
        else expectKey = true;
      }
      i++;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      const frame = frames.pop()!;
      record(frame.node, frame.start, i + 1);
      expectKey = false;
      i++;
      continue;
    }
    if (expectKey) {
      const end = scanString(b, i);
      const top = frames[frames.length - 1];
      if (top.node && top.node.children.size > 0) top.key = decodeJsonString(b, i, end);
      expectKey = false;
      i = end;
      continue;
    }
    const at = childOf();
    if (c === 0x7b || c === 0x5b) {
      frames.push({ node: at, isArray: c === 0x5b, index: 0, key: '', start: i });
      expectKey = c === 0x7b;
      i++;
      continue;
    }
    let end: number;
    if (c === 0x22) end = scanString(b, i);
    else if (c === 0x2d || isDigit(c)) end = scanNumber(b, i);
    else end = i + (c === 0x66 ? 5 : 4);
    if (end < 0) break;
    record(at, i, end);
    i = end;
  }
  return found;
}

/** Line (1-based), column (1-based, UTF-16 units as editors count) and character offset of byte offsets, in one sweep. */
export function positionsOfBytes(b: Uint8Array, byteOffsets: readonly number[]): { line: number; column: number; offset: number }[] {
  const order = byteOffsets.map((_, index) => index).sort((x, y) => byteOffsets[x] - byteOffsets[y]);
  const out: { line: number; column: number; offset: number }[] = new Array(byteOffsets.length);
  let line = 1;
  let chars = 0;
  let lineStart = 0;
  let i = 0;
  for (const index of order) {
    const target = Math.min(byteOffsets[index], b.length);
    for (; i < target; i++) {
      const c = b[i];
      if (c === 0x0a) {
        line++;
        chars++;
        lineStart = chars;
      } else if ((c & 0xc0) !== 0x80) chars += c >= 0xf0 ? 2 : 1;
    }
    out[index] = { line, column: chars - lineStart + 1, offset: chars };
  }
  return out;
}

/**
 * Removes insignificant whitespace and nothing else, byte by byte: every token is copied exactly as
 * written. The input must be valid JSON (scanned first), so whitespace outside strings is all to drop.
 */
export function compactJsonBytes(src: Uint8Array, into?: Buffer): Buffer {
  // `into` may be `src` itself: every byte is read before its place (at or before it) is written.
  const out = into ?? Buffer.allocUnsafe(src.length);
  const n = src.length;
  let o = 0;
  let inString = false;
  for (let i = 0; i < n; i++) {
    const c = src[i];
    if (inString) {
      if (c === 0x5c) {
        out[o++] = c;
        out[o++] = src[++i];
        continue;
      }
      if (c === 0x22) inString = false;
      out[o++] = c;
    } else if (c === 0x22) {
      inString = true;
      out[o++] = c;
    } else if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) out[o++] = c;
  }
  return out.subarray(0, o);
}

const HEX = '0123456789abcdef';

/**
 * The body as a JSON encoder that escapes everything writes it (PHP's json_encode defaults): whitespace
 * removed as in compactJsonBytes, and inside strings (keys too) every non-ASCII character as `\u00e9`
 * (a surrogate pair above U+FFFF) and every `/` as `\/`. Escapes already written are kept; numbers and
 * other literals are copied as written. Same JSON value, different bytes: a handler that verifies the
 * signature over re-serialised JSON instead of the raw body fails on it. Input: valid JSON, valid UTF-8.
 */
export function escapedJsonBytes(src: Uint8Array): Buffer {
  // Two passes over the bytes: the size first, so a large body is written into one buffer.
  let size = 0;
  forEachEscaped(src, (_c, count) => (size += count));
  const out = Buffer.allocUnsafe(size);
  let o = 0;
  const put = (unit: number) => {
    out[o++] = 0x5c;
    out[o++] = 0x75;
    for (const shift of [12, 8, 4, 0]) out[o++] = HEX.charCodeAt((unit >> shift) & 0xf);
  };
  forEachEscaped(src, (c, count, second) => {
    if (count === 1) out[o++] = c;
    else if (count === 2) {
      out[o++] = c;
      out[o++] = second!;
    } else {
      put(c);
      if (count === 12) put(second!);
    }
  });
  return out;
}

/**
 * Walks `src` as escapedJsonBytes writes it. Each step is one byte (count 1), two bytes (count 2: c
 * then second), or `\uXXXX` of the UTF-16 unit c (count 6; count 12: c then the low surrogate second).
 */
function forEachEscaped(src: Uint8Array, step: (c: number, count: 1 | 2 | 6 | 12, second?: number) => void): void {
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (!inString) {
      if (c === 0x22) inString = true;
      if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) step(c, 1);
    } else if (c === 0x5c) {
      step(c, 2, src[++i]);
    } else if (c === 0x2f) {
      step(0x5c, 2, 0x2f);
    } else if (c < 0x80) {
      if (c === 0x22) inString = false;
      step(c, 1);
    } else {
      const extra = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
      let point = c & (0x3f >> extra);
      for (let k = 1; k <= extra; k++) point = (point << 6) | (src[i + k] & 0x3f);
      i += extra;
      if (point > 0xffff) step(0xd800 + ((point - 0x10000) >> 10), 12, 0xdc00 + ((point - 0x10000) & 0x3ff));
      else step(point, 6);
    }
  }
}

/** One past the value starting at `i` in already-valid JSON (strings skipped whole, brackets counted). */
function skipValue(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c === 0x22) return scanString(b, i);
  if (c !== 0x7b && c !== 0x5b) return c === 0x2d || isDigit(c) ? scanNumber(b, i) : i + (c === 0x66 ? 5 : 4);
  let depth = 0;
  for (let j = i; j < b.length; j++) {
    const d = b[j];
    if (d === 0x22) j = scanString(b, j) - 1;
    else if (d === 0x7b || d === 0x5b) depth++;
    else if ((d === 0x7d || d === 0x5d) && --depth === 0) return j + 1;
  }
  return b.length;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/**
 * JSON.parse of already-valid JSON bytes, without ever holding the whole text as one string: a value
 * larger than `chunkBytes` is taken apart member by member (element by element), each part parsed
 * from its own small slice. The result equals JSON.parse's (duplicate keys: the last wins, in the
 * first one's place; "__proto__" stays an own property). A 50 MB payload of Cyrillic text would
 * otherwise need a 100 MB UTF-16 string beside its bytes and its value.
 */
export function parseJsonBytes(b: Uint8Array, chunkBytes = 32 * 1024): unknown {
  const parse = (start: number, end: number): unknown => {
    if (end - start <= chunkBytes || (b[start] !== 0x7b && b[start] !== 0x5b)) {
      return JSON.parse(Buffer.from(b.buffer, b.byteOffset + start, end - start).toString('utf8'));
    }
    const isObject = b[start] === 0x7b;
    const out: Record<string, unknown> | unknown[] = isObject ? {} : [];
    let i = start + 1;
    for (;;) {
      while (isSpace(b[i]) || b[i] === 0x2c) i++;
      if (i >= end - 1) return out;
      let key = '';
      if (isObject) {
        const keyEnd = scanString(b, i);
        key = decodeJsonString(b, i, keyEnd);
        i = keyEnd;
        while (isSpace(b[i]) || b[i] === 0x3a) i++;
      }
      const valueEnd = skipValue(b, i);
      const value = parse(i, valueEnd);
      if (isObject) Object.defineProperty(out, key, { value, writable: true, enumerable: true, configurable: true });
      else (out as unknown[]).push(value);
      i = valueEnd;
    }
  };
  let start = 0;
  let end = b.length;
  while (start < end && isSpace(b[start])) start++;
  while (end > start && isSpace(b[end - 1])) end--;
  return parse(start, end);
}
