// ajv and its formats, at build time and in tests only: the product validates with the standalone code
// generated here (esbuild.mjs bundles it as dist/validators-<provider>.js), so neither the CLI nor the extension
// loads ajv or compiles a schema when it starts. The tests compile the same schemas at runtime with
// compileValidators, the reference the generated code is checked against (test/unit/core/validators.test.ts).
import Ajv, { type ErrorObject, type Options } from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A compiled (standalone) validator: true when the data matches; its errors otherwise. */
export type Validate = ((data: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Keywords VS Code's JSON language service understands that are not JSON Schema validation. */
export const EDITOR_KEYWORDS = ['enumDescriptions', 'markdownDescription', 'markdownEnumDescriptions', 'defaultSnippets', 'doNotSuggest', 'errorMessage'];
/** ajv needs absolute ids to resolve the schemas' relative $refs; the files themselves carry none. */
const BASE = 'https://webhook-studio.invalid/schemas/';

/** The root schema of each platform, by file name: each is self-contained (its events and shared definitions inline). */
export const ROOT_SCHEMAS = { chat2desk: 'chat2desk.schema.json', iqchannels: 'iqchannels.schema.json' } as const;

export type SchemaFiles = Map<string, object>;

/** The two root schemas (`chat2desk.schema.json`, `iqchannels.schema.json`), by file name: all a validator needs. */
export function readSchemaFiles(dir: string, names: readonly string[] = Object.values(ROOT_SCHEMAS)): SchemaFiles {
  return new Map(names.map((name) => [name, JSON.parse(readFileSync(join(dir, name), 'utf8')) as object]));
}

/** Strict ajv with every error reported, the formats the schemas use, and the editor-only keywords allowed. */
export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true, ...options });
  addFormats(ajv);
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  return ajv;
}

/** Compiles at runtime (what the product did before #17): `validatorFor('chat2desk.schema.json#/definitions/…')`. */
export function compileValidators(files: SchemaFiles): (schemaPath: string) => Validate {
  const ajv = createAjv();
  for (const [path, schema] of files) ajv.addSchema({ ...schema, $id: BASE + path });
  return (schemaPath) => {
    const validate = ajv.getSchema(BASE + schemaPath);
    if (!validate) throw new Error(`no schema ${schemaPath}`);
    return validate;
  };
}

/**
 * The CommonJS source of a platform's precompiled validator, `exports.validate`: it reports the errors the
 * runtime-compiled root schema reports (same instance paths, keywords, params, messages). One module per
 * platform, so a Chat2Desk validation never parses IQChannels code. Two things keep it compact, neither
 * changing a result: the annotations (titles, descriptions, examples, the editor keywords) are dropped,
 * since ajv would otherwise embed every schema object an error refers to whole; and each $ref is its own
 * function (inlineRefs: false) instead of a copy at every use. It requires only ajv-formats' format checks.
 */
export function standaloneValidatorSource(files: SchemaFiles, provider: keyof typeof ROOT_SCHEMAS): string {
  const ajv = createAjv({ code: { source: true }, inlineRefs: false });
  const path = ROOT_SCHEMAS[provider];
  const schema = files.get(path);
  if (!schema) throw new Error(`no schema ${path}`);
  ajv.addSchema({ ...(withoutAnnotations(schema) as object), $id: BASE + path });
  return standaloneCode(ajv, { validate: BASE + path });
}

const ANNOTATIONS = new Set(['title', 'description', 'examples', 'default', '$comment', ...EDITOR_KEYWORDS]);
/** Keywords whose value maps names to subschemas (the names are data: a property may be called "title"). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependencies']);
/** Keywords whose value is a subschema or a list of them. */
const SUBSCHEMAS = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'contains',
  'propertyNames',
  'not',
  'if',
  'then',
  'else',
  'allOf',
  'anyOf',
  'oneOf',
]);

/** A schema without its annotation keywords; `enum`, `const` and the other values are kept as they are. */
export function withoutAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(withoutAnnotations);
  if (schema === null || typeof schema !== 'object') return schema;
  const kept: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(keyword)) continue;
    kept[keyword] = SCHEMA_MAPS.has(keyword)
      ? Object.fromEntries(Object.entries(value as object).map(([name, sub]) => [name, withoutAnnotations(sub)]))
      : SUBSCHEMAS.has(keyword)
        ? withoutAnnotations(value)
        : value;
  }
  return kept;
}
