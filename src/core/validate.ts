// Validates payloads against the generated schemas with ajv (strict mode), and places each error at
// its JSON path and line/column in the text.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { detectProvider, parsePayload, positionAt, type Provider } from './json';

/** Keywords VS Code's JSON language service understands that are not JSON Schema validation. */
const EDITOR_KEYWORDS = ['enumDescriptions', 'markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets', 'doNotSuggest', 'errorMessage'];
/** ajv needs absolute ids to resolve the schemas' relative $refs; the files themselves carry none. */
const BASE = 'https://webhook-studio.invalid/schemas/';

export interface ValidationIssue {
  /** JSON Pointer of the offending value ('' for the root). */
  pointer: string;
  /** The same as a readable path: `$.client.name`. */
  path: string;
  message: string;
  line: number;
  column: number;
  offset: number;
  length: number;
}

export type SchemaFiles = Map<string, object>;

/** Every *.json under the schemas folder, by path relative to it (forward slashes). */
export function readSchemaFiles(dir: string): SchemaFiles {
  const files: SchemaFiles = new Map();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) { if (entry.name !== 'examples') walk(full); } else if (entry.name.endsWith('.schema.json')) {
        files.set(relative(dir, full).split('\\').join('/'), JSON.parse(readFileSync(full, 'utf8')));
      }
    }
  };
  walk(dir);
  return files;
}

export class PayloadValidator {
  private readonly ajv: Ajv;

  constructor(files: SchemaFiles) {
    this.ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addVocabulary(EDITOR_KEYWORDS);
    for (const [path, schema] of files) this.ajv.addSchema({ ...schema, $id: BASE + path });
  }

  /** The compiled validator for a schema file such as `chat2desk.schema.json` (ajv compiles once and caches). */
  validatorFor(schemaPath: string): ValidateFunction {
    const validate = this.ajv.getSchema(BASE + schemaPath);
    if (!validate) throw new Error(`no schema ${schemaPath}`);
    return validate;
  }

  /** Validates payload text; the provider is detected from content unless given. */
  validateText(text: string, provider?: Provider, source?: string): { provider: Provider | undefined; issues: ValidationIssue[] } {
    const payload = parsePayload(text, source);
    const detected = provider ?? detectProvider(payload);
    if (!detected) {
      return { provider: undefined, issues: [{ pointer: '', path: '$', message: 'Not a recognised webhook payload: it has neither "hook_type" (Chat2Desk) nor "ChatEvent" (IQChannels).', line: 1, column: 1, offset: 0, length: 1 }] };
    }
    const validate = this.validatorFor(`${detected}.schema.json`);
    validate(payload);
    return { provider: detected, issues: locateIssues(text, simplifyErrors(validate.errors ?? [])) };
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
    case 'enum': return `"${field}" must be one of: ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'const': return `"${field}" must be ${JSON.stringify(p.allowedValue)}.`;
    case 'type': return `"${field}" must be ${String(p.type).replace(',', ' or ')}.`;
    case 'required': return `Missing required property "${String(p.missingProperty)}".`;
    case 'format': return `"${field}" must be a ${String(p.format)} string (e.g. 2023-01-25T09:32:10Z).`;
    default: return `"${field}" ${error.message ?? 'is invalid'}.`;
  }
}

export function pointerToPath(pointer: string): string {
  if (pointer === '') return '$';
  return '$' + pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? `[${s}]` : /^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('');
}

function locateIssues(text: string, errors: { pointer: string; message: string }[]): ValidationIssue[] {
  const tree = parseTree(text);
  return errors.map(({ pointer, message }) => {
    const segments = pointer === '' ? [] : pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    const node = tree ? findNodeAtLocation(tree, segments) : undefined;
    const offset = node?.offset ?? tree?.offset ?? 0;
    const length = node?.length ?? 1;
    const { line, column } = positionAt(text, offset);
    return { pointer, path: pointerToPath(pointer), message, line, column, offset, length };
  });
}
