// Payload text handling that never rewrites a literal: the bytes signed are the bytes sent.
import { applyEdits, modify, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { EmptyPayloadError, InvalidJsonError, NotAnObjectError, type TextPosition } from './errors';

export type Provider = 'chat2desk' | 'iqchannels';

/** How the platforms are named to people. */
export const PROVIDER_NAMES: Record<Provider, string> = { chat2desk: 'Chat2Desk', iqchannels: 'IQChannels' };
export type BodyFormat = 'compact' | 'asWritten';

export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}

const BOM = '\uFEFF';
/** A byte order mark is editor metadata, never part of the payload. */
const withoutBom = (text: string) => (text.startsWith(BOM) ? text.slice(1) : text);

/**
 * Parses a payload strictly (no comments, no trailing commas) and requires a top-level object.
 * `source` names the file in messages.
 */
export function parsePayload(text: string, source?: string): Record<string, unknown> {
  const body = withoutBom(text);
  if (body.trim() === '') throw new EmptyPayloadError(source);
  const errors: ParseError[] = [];
  const value: unknown = parse(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const first = errors[0];
    throw new InvalidJsonError(describeParseError(first.error), positionAt(body, first.offset), source);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new NotAnObjectError(Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`, source);
  }
  return value as Record<string, unknown>;
}

function describeParseError(code: number): string {
  const name = printParseErrorCode(code);
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'property name expected (in double quotes)',
    ValueExpected: 'value expected',
    ColonExpected: 'colon expected',
    CommaExpected: 'comma expected',
    CloseBraceExpected: 'closing } expected',
    CloseBracketExpected: 'closing ] expected',
    EndOfFileExpected: 'unexpected text after the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid \\u escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string (control characters must be escaped)',
  };
  return words[name] ?? name;
}

/**
 * Removes insignificant whitespace and nothing else: every token is copied exactly as written, so
 * big integers, `1.0`, `1e3` and `\u00e9` escapes survive. The input must be valid JSON (callers
 * parse it first), so whitespace outside strings is the only thing to drop. Runs between whitespace
 * are copied as slices: one pass, no per-token strings.
 */
export function compactJson(text: string): string {
  const source = withoutBom(text);
  const parts: string[] = [];
  let runStart = 0;
  let inString = false;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (i > runStart) parts.push(source.slice(runStart, i));
      runStart = i + 1;
    }
  }
  if (runStart < source.length) parts.push(source.slice(runStart));
  return parts.join('');
}

/**
 * The exact body text to send for a payload, checked first (errors point into the text as written).
 * A top-level "$schema" member is the editor opt-in, which Chat2Desk never sends: it is removed by
 * editing only that member's text, so every other literal stays as written.
 */
export function prepareBody(text: string, format: BodyFormat, source?: string): { body: string; payload: Record<string, unknown> } {
  const clean = withoutBom(text);
  const parsed = parsePayload(clean, source);
  const hasSchema = '$schema' in parsed;
  const { $schema: _optIn, ...payload } = parsed;
  const stripped = hasSchema ? applyEdits(clean, modify(clean, ['$schema'], undefined, {})) : clean;
  return { body: format === 'compact' ? compactJson(stripped) : stripped, payload };
}

/** Which platform a payload belongs to, from its content alone. */
export function detectProvider(payload: unknown): Provider | undefined {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return undefined;
  const record = payload as Record<string, unknown>;
  if (typeof record.hook_type === 'string') return 'chat2desk';
  if (record.ChatEvent !== null && typeof record.ChatEvent === 'object') return 'iqchannels';
  return undefined;
}
