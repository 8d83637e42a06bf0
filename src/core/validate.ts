// Validates payloads against the generated schemas with ajv's precompiled (standalone) validators, and
// places each error at its JSON path and line/column in the text.
import type { ErrorObject } from 'ajv';
import type { Validate } from './ajv-engine';
import type { Provider } from './provider';
import { t } from './l10n';
import { locateValues } from './json-scan';
import { parsePayloadDocument, providerOfDocument, type PayloadDocument, type ProblemFinder, type ValidationIssue } from './payload';

/** Problems reported per payload; the rest are counted (`total`), not located. */
export const MAX_REPORTED_ISSUES = 1000;

/** An ajv validator, precompiled or compiled at runtime: true when valid, else its `errors`. */
/** The validator of a schema file such as `chat2desk.schema.json`. */
export type ValidatorSource = (schemaPath: string) => Validate;

/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * The validators esbuild.mjs generated from the root schemas at build time (dist/validators-<provider>.js),
 * required on first use: nothing is compiled when the CLI or the extension starts, activation never loads
 * them, and a Chat2Desk payload never loads the IQChannels validator.
 */
const PRECOMPILED: Record<string, () => Validate> = {
  'chat2desk.schema.json': () => (require('./precompiled/chat2desk') as typeof import('./precompiled/chat2desk')).validate,
  'iqchannels.schema.json': () => (require('./precompiled/iqchannels') as typeof import('./precompiled/iqchannels')).validate,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const loaded = new Map<string, Validate>();

/** The precompiled validator of a root schema file (`chat2desk.schema.json`), loaded once. */
export function precompiledValidator(schemaPath: string): Validate {
  let validate = loaded.get(schemaPath);
  if (!validate) {
    if (!Object.hasOwn(PRECOMPILED, schemaPath)) throw new Error(`no precompiled validator for ${schemaPath}`);
    validate = PRECOMPILED[schemaPath]();
    loaded.set(schemaPath, validate);
  }
  return validate;
}

export class PayloadValidator implements ProblemFinder {
  /** `validators`: the precompiled root schemas; the tests pass ajv-engine's runtime-compiled ones to compare. */
  constructor(private readonly validators: ValidatorSource = precompiledValidator) {}

  /** The validator for a schema file such as `chat2desk.schema.json`. */
  validatorFor(schemaPath: string): Validate {
    return this.validators(schemaPath);
  }

  /** Validates payload text; the provider is detected from content unless given. `total` counts every problem. */
  validateText(text: string, provider?: Provider, source?: string): { provider: Provider | undefined; issues: ValidationIssue[]; total: number } {
    const document = parsePayloadDocument(text, source);
    const detected = provider ?? providerOfDocument(document);
    return { provider: detected, ...this.findProblems(document, detected) };
  }

  /** Schema problems of a parsed document, in document order, at most `limit` located. Linear in the text and the problems. */
  findProblems(document: PayloadDocument, provider: Provider | undefined, limit = MAX_REPORTED_ISSUES): { issues: ValidationIssue[]; total: number } {
    if (!provider) {
      return {
        issues: [
          {
            pointer: '',
            path: '$',
            message: t('Not a recognised webhook payload: it has neither "hook_type" (Chat2Desk) nor "ChatEvent" (IQChannels).'),
            line: 1,
            column: 1,
            offset: 0,
            length: 1,
          },
        ],
        total: 1,
      };
    }
    const validate = this.validatorFor(`${provider}.schema.json`);
    validate(document.value());
    const errors = simplifyErrors(validate.errors ?? []);
    return { issues: locateIssues(document, errors, limit), total: errors.length };
  }
}

/** Drops ajv's bookkeeping errors (`if` branches) and duplicates; phrases the rest for people. */
export function simplifyErrors(errors: ErrorObject[]): { pointer: string; message: string }[] {
  const seen = new Set<string>();
  const out: { pointer: string; message: string }[] = [];
  for (const error of errors) {
    if (error.keyword === 'if') continue;
    const message = phrase(error);
    const key = `${error.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: error.instancePath, message });
  }
  return out;
}

function phrase(error: ErrorObject): string {
  const field = error.instancePath.split('/').pop() || 'payload';
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'enum':
      return t('"{0}" must be one of: {1}.', field, (p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', '));
    case 'const':
      return t('"{0}" must be {1}.', field, JSON.stringify(p.allowedValue));
    case 'type':
      return t('"{0}" must be {1}.', field, String(p.type).replace(',', t(' or ')));
    case 'required':
      return t('Missing required property "{0}".', String(p.missingProperty));
    case 'format':
      return t('"{0}" must be a {1} string (e.g. 2023-01-25T09:32:10Z).', field, String(p.format));
    default:
      return error.message ? `"${field}" ${error.message}.` : t('"{0}" is invalid.', field);
  }
}

export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  return (
    '$' +
    pointer
      .split('/')
      .slice(1)
      .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
      .join('')
  );
}

/** Byte ranges from one pass over the text, line/column from one sweep; sorted by position, then capped. */
function locateIssues(document: PayloadDocument, errors: { pointer: string; message: string }[], limit: number): ValidationIssue[] {
  const segments = errors.map(({ pointer }) =>
    pointer === ''
      ? []
      : pointer
          .split('/')
          .slice(1)
          .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
  );
  const ranges = locateValues(document.bytes, segments);
  const placed = errors.map((error, index) => ({ error, range: ranges[index] ?? { start: 0, end: 1 } }));
  placed.sort((a, b) => a.range.start - b.range.start);
  const kept = placed.slice(0, limit);
  const positions = document.positions(kept.flatMap(({ range }) => [range.start, range.end]));
  return kept.map(({ error, range: _range }, index) => {
    const start = positions[2 * index];
    const end = positions[2 * index + 1];
    return {
      pointer: error.pointer,
      path: pointerToPath(error.pointer),
      message: error.message,
      line: start.line,
      column: start.column,
      offset: start.offset,
      length: Math.max(1, end.offset - start.offset),
    };
  });
}
