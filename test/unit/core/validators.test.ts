// The precompiled validators (ajv standalone code, generated at build time into dist/validators-<provider>.js;
// from source, the same generator run by core/precompiled/from-source.ts) report exactly what ajv compiling the
// root schemas at runtime reports: every documented example and a set of mutations of each.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileValidators, readSchemaFiles, standaloneValidatorSource } from '../../../src/core/ajv-engine';
import type { Provider } from '../../../src/core/provider';
import { MAX_REPORTED_ISSUES, PayloadValidator, precompiledValidator } from '../../../src/core/validate';
import { SCHEMAS_DIR } from '../../support/paths';

const precompiled = new PayloadValidator();
const runtime = new PayloadValidator(compileValidators(readSchemaFiles(SCHEMAS_DIR)));
/** The Russian IQChannels root (descriptions in Russian), which refers to the English root's events. */
const russianRoot = compileValidators(readSchemaFiles(SCHEMAS_DIR, ['iqchannels.schema.json', 'iqchannels.schema.ru.json']));
const russian = new PayloadValidator((path) => russianRoot(path === 'iqchannels.schema.json' ? 'iqchannels.schema.ru.json' : path));

const examples = (['chat2desk', 'iqchannels'] as const).flatMap((provider) =>
  readdirSync(join(SCHEMAS_DIR, 'examples', provider)).map((name) => ({
    provider,
    name: `${provider}/${name}`,
    value: JSON.parse(readFileSync(join(SCHEMAS_DIR, 'examples', provider, name), 'utf8')) as Record<string, unknown>,
  })),
);

/** Every (path, value) of a JSON value below the root. */
function* members(value: unknown, path: (string | number)[] = []): Generator<[(string | number)[], unknown]> {
  if (value === null || typeof value !== 'object') return;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, Array.isArray(value) ? Number(key) : key];
    yield [childPath, child];
    yield* members(child, childPath);
  }
}

const DELETE = Symbol('delete');
/** A copy with the value at `path` replaced, or removed. */
function mutate(root: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (replacement === DELETE) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

/** Wrong types, values outside every documented list, format or range, nulls, missing members. */
function replacementsFor(value: unknown): unknown[] {
  if (typeof value === 'string') return [DELETE, null, 42, 'not-a-documented-value'];
  if (typeof value === 'number') return [DELETE, String(value), 1.5, -1];
  if (typeof value === 'boolean') return [DELETE, String(value), 0];
  if (Array.isArray(value)) return [DELETE, {}, [42]];
  if (value !== null && typeof value === 'object') return [DELETE, [], 'wrong type'];
  return [42, { wrong: 'type' }];
}

/** The example itself, every member mutated every way, and whole-payload mutations (events, roots). */
function* mutationsOf(example: (typeof examples)[number]): Generator<unknown> {
  yield example.value;
  for (const [path, value] of members(example.value)) for (const replacement of replacementsFor(value)) yield mutate(example.value, path, replacement);
  if (example.provider === 'chat2desk') {
    for (const hookType of ['not_an_event', 'INBOX', '', 42, null, 'outbox', 'ticket_created', 'new_client']) yield { ...example.value, hook_type: hookType };
  } else {
    for (const type of ['not_an_event', '', 7, 'chat_closed', 'message_created']) yield mutate(example.value, ['ChatEvent', 'Type'], type);
  }
  yield {};
}

/** The validator's verdict and ajv's errors in ajv's order, all but where in the schema they arose. */
function errorsOf(validator: PayloadValidator, value: unknown, provider: Provider) {
  const validate = validator.validatorFor(`${provider}.schema.json`);
  return { valid: validate(value), errors: (validate.errors ?? []).map(({ schemaPath: _schemaPath, ...error }) => error) };
}

/** What the CLI and the extension report: located problems (paths, messages, positions) and the total. */
function resultOf(validator: PayloadValidator, value: unknown, provider: Provider) {
  return { ...errorsOf(validator, value, provider), ...validator.validateText(JSON.stringify(value, null, 2), provider) };
}

describe('precompiled validators', () => {
  for (const example of examples) {
    it(`${example.name} and its mutations: the same problems as the schema compiled at runtime`, () => {
      let rejected = 0;
      let total = 0;
      for (const value of mutationsOf(example)) {
        const expected = resultOf(runtime, value, example.provider);
        assert.deepEqual(resultOf(precompiled, value, example.provider), expected, JSON.stringify(value));
        total++;
        if (!expected.valid) rejected++;
      }
      assert.ok(rejected > 10 && rejected < total, `${rejected} of ${total} mutations rejected: the set tells valid from invalid`);
    });
  }

  it('every problem of a payload with thousands counts, the first 1000 located, as at runtime', () => {
    const channels = Array.from({ length: 3000 }, (_, i) => `"x${i}"`).join(', ');
    const text = `{ "hook_type": "add_tag_to_client", "all_client_channels": [${channels}], "event_time": "yesterday" }`;
    const expected = runtime.validateText(text);
    assert.equal(expected.issues.length, MAX_REPORTED_ISSUES);
    assert.ok(expected.total > 3000, String(expected.total));
    assert.deepEqual(precompiled.validateText(text), expected);
  });

  it('a root that is not an object: the same errors', () => {
    for (const provider of ['chat2desk', 'iqchannels'] as const)
      for (const value of [[], 'text', 42, null, true]) {
        const expected = errorsOf(runtime, value, provider);
        assert.equal(expected.valid, false);
        assert.deepEqual(errorsOf(precompiled, value, provider), expected, JSON.stringify(value));
      }
  });

  it('keeps data named like annotations: a ticket\'s "description" and "title" are still checked', () => {
    const text = '{ "hook_type": "ticket_created", "ticket": { "description": 42 } }';
    const [issue] = precompiled.validateText(text).issues;
    assert.equal(issue.path, '$.ticket.description');
    assert.deepEqual(precompiled.validateText(text), runtime.validateText(text));
  });

  it('the Russian IQChannels root (which refers to the English root) validates as the precompiled English root does', () => {
    for (const example of examples.filter((e) => e.provider === 'iqchannels')) {
      let rejected = 0;
      for (const value of mutationsOf(example)) {
        const expected = errorsOf(russian, value, 'iqchannels');
        assert.deepEqual(errorsOf(precompiled, value, 'iqchannels'), expected, JSON.stringify(value));
        if (!expected.valid) rejected++;
      }
      assert.ok(rejected > 10, example.name);
    }
  });

  it('precompiles the two root schemas only, each loaded once', () => {
    assert.equal(precompiledValidator('chat2desk.schema.json'), precompiledValidator('chat2desk.schema.json'));
    assert.notEqual(precompiledValidator('chat2desk.schema.json'), precompiledValidator('iqchannels.schema.json'));
    for (const other of ['iqchannels.schema.ru.json', 'chat2desk.schema.json#/definitions/client', 'toString'])
      assert.throws(() => precompiledValidator(other), new RegExp(`no precompiled validator for ${other.replace(/[.#/]/g, '\\$&')}`));
  });

  it('the generated code needs nothing at runtime but the format checks (no ajv compiler in the bundles)', () => {
    for (const provider of ['chat2desk', 'iqchannels'] as const) {
      const source = standaloneValidatorSource(readSchemaFiles(SCHEMAS_DIR), provider);
      const required = new Set([...source.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
      assert.deepEqual([...required], provider === 'chat2desk' ? ['ajv-formats/dist/formats'] : [], `${provider}: date-time is Chat2Desk's only format`);
      assert.doesNotMatch(source, /enumDescriptions|markdownDescription|"examples"/, 'annotations are left out');
      assert.doesNotMatch(source, provider === 'chat2desk' ? /ChatEvent/ : /hook_type/, 'one platform per module');
    }
  });
});
