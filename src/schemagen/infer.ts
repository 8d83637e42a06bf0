// Infers JSON Schema (draft-07) from documented examples, claiming only what the examples show:
// integer vs number, nullable only where null is shown, no type where only null is shown,
// date-time only for RFC 3339 strings, millisecond/second Unix times by magnitude.
import type { RepairedExample } from './model';
import type { ValueList } from './extract-chat2desk';

export type JsonSchema = Record<string, unknown>;

/** A documented list of values that applies to the fields whose path matches. */
export interface EnumRule {
  /** Matches a field path such as `ticket.status` or `channels[].transports[]`. */
  path: RegExp;
  list: ValueList;
  /** Apply only when every documented value of the field is in the list (e.g. message `type`). */
  onlyIfAllValuesListed?: boolean;
}

export interface InferenceContext {
  examples: RepairedExample[];
  enumRules: EnumRule[];
  /** Object paths that become shared definitions, with their definition names. */
  definitions: Map<string, string>;
  /** What the documents say about the field at a path elsewhere than in the examples, with where. */
  fieldDoc?: (path: string[]) => string | undefined;
}

const RFC3339 = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/;
const TIME_NAME = /(^|_)(created|updated|time|timestamp)$|At$|_at$/;

type Occurrence = { value: unknown; event: string };

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const code = (value: unknown) => `\`${JSON.stringify(value).slice(0, 80)}\``;

/** Every value found at `path` (`a.b[].c`) in the given occurrences. */
export function valuesAt(occurrences: Occurrence[], path: string[]): Occurrence[] {
  let current = occurrences;
  for (const step of path) {
    const next: Occurrence[] = [];
    for (const { value, event } of current) {
      if (step === '[]') {
        if (Array.isArray(value)) for (const item of value) next.push({ value: item, event });
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && step in value) {
        next.push({ value: (value as Record<string, unknown>)[step], event });
      }
    }
    current = next;
  }
  return current;
}

export const pathKey = (path: string[]) => path.join('.').replace(/\.\[\]/g, '[]');

/**
 * Schema for the values at `path`. `scope` are the occurrences to infer from: one event's examples
 * for an event schema, all examples for a shared definition.
 */
export function inferSchema(context: InferenceContext, scope: Occurrence[], path: string[], insideDefinition = false): JsonSchema {
  const key = pathKey(path);
  const definition = context.definitions.get(key);
  if (definition && path.length > 0 && !insideDefinition) return { $ref: `#/definitions/${definition}` };
  const values = valuesAt(scope, path);
  const events = [...new Set(values.map((o) => o.event))].sort();
  const types = new Set(values.map((o) => typeOf(o.value)));
  if (types.has('integer') && types.has('number')) types.delete('integer');
  const nullable = types.delete('null');
  const name = path.filter((p) => p !== '[]').pop() ?? '';
  const seenIn = events.length > 0 ? ` Documented in: ${events.join(', ')}.` : '';

  if (types.size === 0) {
    return { description: [context.fieldDoc?.(path), `Documented only as null, so its type is not known.${seenIn}`].filter(Boolean).join(' ') };
  }
  const variants = [...types].sort().map((type) =>
    inferTyped(
      context,
      scope,
      path,
      type,
      values.filter((o) => typeOf(o.value) === type || (type === 'number' && typeOf(o.value) === 'integer')),
    ),
  );
  let schema: JsonSchema;
  if (variants.length === 1) {
    schema = variants[0];
    if (nullable) schema.type = [schema.type as string, 'null'];
  } else {
    schema = { anyOf: nullable ? [...variants, { type: 'null' }] : variants };
  }
  const descriptions = [context.fieldDoc?.(path), variants.map((v) => v.description).find(Boolean), seenIn.trim()].filter(Boolean);
  for (const v of variants) delete v.description;
  schema.description = descriptions.join(' ');
  if (name && !schema.title) schema.title = name;
  return schema;
}

function inferTyped(context: InferenceContext, scope: Occurrence[], path: string[], type: string, values: Occurrence[]): JsonSchema {
  const key = pathKey(path);
  const name = path.filter((p) => p !== '[]').pop() ?? '';
  const raw = values.map((o) => o.value);
  switch (type) {
    case 'object': {
      const keys = [...new Set(raw.flatMap((v) => Object.keys(v as object)))];
      const properties: Record<string, JsonSchema> = {};
      for (const k of keys) properties[k] = inferSchema(context, scope, [...path, k]);
      const schema: JsonSchema = { type: 'object', properties };
      if (keys.length === 0) schema.description = 'Documented only as an empty object; any members are allowed.';
      return schema;
    }
    case 'array': {
      const items = valuesAt(values, ['[]']);
      if (items.length === 0) return { type: 'array', description: 'Documented only as an empty array, so the type of its items is not known.' };
      return { type: 'array', items: inferSchema(context, scope, [...path, '[]']) };
    }
    case 'string': {
      const schema: JsonSchema = { type: 'string' };
      applyEnum(context, key, raw, schema);
      if (!schema.enum) {
        if (raw.every((v) => RFC3339.test(v as string))) {
          schema.format = 'date-time';
          schema.description = 'ISO 8601 / RFC 3339 timestamp.';
        } else if (raw.every((v) => /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d/.test(v as string))) {
          schema.description = `A timestamp in the document's own format (e.g. ${code(raw[0])}), not RFC 3339.`;
        }
        const distinct = [...new Set(raw as string[])].filter((v) => !v.includes('…')).slice(0, 3);
        if (distinct.length > 0) schema.examples = distinct;
      }
      return schema;
    }
    case 'integer':
    case 'number': {
      const schema: JsonSchema = { type };
      applyEnum(context, key, raw, schema);
      if (!schema.enum && TIME_NAME.test(name)) {
        const magnitudes = raw.map((v) => Math.abs(v as number)).filter((v) => v > 0);
        if (magnitudes.length > 0 && magnitudes.every((v) => v >= 1e11)) schema.description = 'Unix time in milliseconds.';
        else if (magnitudes.length > 0 && magnitudes.every((v) => v >= 1e8 && v < 1e11)) schema.description = 'Unix time in seconds.';
      }
      if (!schema.enum) schema.examples = [...new Set(raw)].slice(0, 3);
      return schema;
    }
    case 'boolean':
      return { type: 'boolean' };
    default:
      throw new Error(`unexpected type ${type} at ${key}`);
  }
}

function applyEnum(context: InferenceContext, key: string, raw: unknown[], schema: JsonSchema): void {
  // Alternatives written into the example itself ("login"/"logout") enumerate values when they are
  // words; a list with an id in it ("12321"/"Public API") only gives examples.
  const alternatives = context.examples.flatMap((e) => e.alternatives[key] ?? []);
  if (alternatives.length > 0 && alternatives.every((v) => typeof v === 'string' && /^[a-z_]+$/i.test(v))) {
    const values = [...new Set(alternatives as string[])];
    schema.enum = values;
    schema.enumDescriptions = values.map(() => 'Documented as an alternative in the example');
    return;
  }
  if (alternatives.length > 0) schema.examples = [...new Set(alternatives)];
  for (const rule of context.enumRules) {
    if (!rule.path.test(key)) continue;
    if (rule.onlyIfAllValuesListed && !raw.every((v) => rule.list.values.includes(v as string | number))) continue;
    const values = [...rule.list.values];
    const descriptions = [...rule.list.descriptions];
    // The examples are documentation too: a documented value missing from the list is kept.
    for (const v of raw)
      if (!values.includes(v as string | number)) {
        values.push(v as string | number);
        descriptions.push('Seen in an example, not in the list');
      }
    schema.enum = values;
    schema.enumDescriptions = descriptions;
    schema.description = `One of the values listed in ${rule.list.source}.`;
    return;
  }
}

/** Object paths (outside the root) that recur in two or more events become shared definitions. */
export function findSharedObjects(examples: RepairedExample[], name: (path: string[]) => string): Map<string, string> {
  const eventsByPath = new Map<string, { path: string[]; events: Set<string> }>();
  const walk = (value: unknown, path: string[], event: string) => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item, [...path, '[]'], event);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    if (path.length > 0) {
      const key = pathKey(path);
      const entry = eventsByPath.get(key) ?? { path, events: new Set<string>() };
      entry.events.add(event);
      eventsByPath.set(key, entry);
    }
    for (const [k, v] of Object.entries(value)) walk(v, [...path, k], event);
  };
  for (const example of examples) walk(example.value, [], example.event);
  const definitions = new Map<string, string>();
  for (const [key, { path, events }] of [...eventsByPath].sort(([a], [b]) => a.localeCompare(b))) {
    if (events.size >= 2) definitions.set(key, name(path));
  }
  const names = [...definitions.values()];
  const clash = names.find((n, i) => names.indexOf(n) !== i);
  if (clash) throw new Error(`two shared objects would both be named "${clash}"`);
  return definitions;
}
