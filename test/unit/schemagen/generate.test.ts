import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadPayloadSnippets, wantsPayloadSnippet } from '../../../src/core/payload-snippets';
import { compileValidators } from '../../../src/core/ajv-engine';
import { PayloadValidator } from '../../../src/core/validate';
import { eventDefinition, exampleFileName, generateSchemas } from '../../../src/schemagen/generate';
import { DOCS_DIR, SCHEMAS_DIR } from '../../support/paths';

const generated = generateSchemas(DOCS_DIR);
/** What the extension and the CLI validate with: the self-contained root schemas. */
const validator = new PayloadValidator();
/** Every schema file of the repository (the per-event files and the shared definitions as well), compiled at runtime. */
const everySchemaFile = new PayloadValidator(
  compileValidators(
    new Map(
      [...generated.files]
        .filter(([path]) => path.endsWith('.schema.json'))
        .map(([path]): [string, object] => [path, JSON.parse(readFileSync(join(SCHEMAS_DIR, path), 'utf8'))]),
    ),
  ),
);
const catalogue = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'chat2desk.events.json'), 'utf8')) as {
  events: { subscription: string; hookType: string; inSubscriptionExample: boolean; examples: string[] }[];
};

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [relative(SCHEMAS_DIR, full).split('\\').join('/')];
  });
}

/** Every (pointer, value) of a JSON value, containers included, root excluded. */
function* members(value: unknown, pointer = ''): Generator<[string, unknown]> {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    const child = `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    yield [child, v];
    yield* members(v, child);
  }
}

function setAt(root: unknown, pointer: string, replacement: unknown): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let target: Record<string, unknown> = copy;
  for (const p of parts.slice(0, -1)) target = target[p] as Record<string, unknown>;
  target[parts[parts.length - 1]] = replacement;
  return copy;
}

describe('generated schemas', () => {
  it('regenerating from the documents changes no committed file', () => {
    const committed = listFiles(SCHEMAS_DIR).sort();
    assert.deepEqual(committed, [...generated.files.keys()].sort(), 'the same set of files (run npm run schemas)');
    for (const [path, content] of generated.files)
      assert.equal(readFileSync(join(SCHEMAS_DIR, path), 'utf8'), content, `${path} is stale: run npm run schemas`);
  });

  it('is deterministic', () => {
    const again = generateSchemas(DOCS_DIR);
    assert.deepEqual([...again.files.entries()], [...generated.files.entries()]);
  });

  it('covers the 25 documented Chat2Desk payload kinds and both ai_hints_requested forms', () => {
    const hookTypes = new Set(generated.examples.filter((e) => e.provider === 'chat2desk').map((e) => e.event));
    assert.equal(hookTypes.size, 25);
    for (const kind of [
      'inbox',
      'outbox',
      'imported_message',
      'outbox_status',
      'comment',
      'operator_status_updated',
      'operator_authentication_updated',
      'new_client',
      'new_tag',
      'new_request',
      'add_tag_to_client',
      'add_tag_to_request',
      'delete_tag_from_client',
      'delete_tag_from_request',
      'client_updated',
      'client_added_to_blacklist',
      'close_dialog',
      'close_request',
      'dialog_transferred',
      'device_update',
      'new_qr_code',
      'ticket_created',
      'ticket_updated',
      'ticket_deleted',
      'ai_hints_requested',
    ]) {
      assert.ok(hookTypes.has(kind), kind);
    }
    assert.deepEqual(
      generated.examples.filter((e) => e.event === 'ai_hints_requested').map((e) => e.variant),
      ['hints-requested', 'hint-chosen'],
    );
  });

  it('covers every documented IQChannels event and message_created variant', () => {
    const files = generated.examples
      .filter((e) => e.provider === 'iqchannels')
      .map(exampleFileName)
      .sort();
    assert.deepEqual(files, [
      'chat_closed.json',
      'chat_created.json',
      'delete-messages.json',
      'message_created.client.json',
      'message_created.operator-file.json',
      'message_created.operator-reply.json',
      'message_created.operator.json',
      'message_listened.json',
      'message_read.json',
      'message_received.json',
      'ticket_assigned.json',
      'typing.json',
    ]);
  });

  it('keeps the Cyrillic text of the later page version', () => {
    const closed = generated.examples.find((e) => e.event === 'chat_closed')!;
    assert.match(JSON.stringify(closed.value), /Альфред Хичкок/);
    assert.ok(closed.repairs.some((r) => r.rule === 'later-page-version'));
  });

  it('maps subscription names to the hook_type the payload carries, where they differ', () => {
    const bySubscription = new Map(catalogue.events.map((e) => [e.subscription, e.hookType]));
    assert.equal(bySubscription.get('operator_status_changed'), 'operator_status_updated');
    assert.equal(bySubscription.get('device_updated'), 'device_update');
    assert.equal(bySubscription.get('new_ticket'), 'ticket_created');
    assert.equal(bySubscription.get('inbox'), 'inbox');
    assert.equal(catalogue.events.length, 25, 'one entry per event bullet (ai_hints_requested once)');
    const notInPostExample = catalogue.events.filter((e) => !e.inSubscriptionExample).map((e) => e.subscription);
    assert.deepEqual(notInPostExample, ['imported_message'], 'POST /v1/webhooks lists the other 24 (imported_message came later, per the changelog)');
  });

  for (const example of generateSchemas(DOCS_DIR).examples) {
    const name = `${example.provider}/${exampleFileName(example)}`;
    it(`example ${name} validates against its event schema (its own file and inline in the root) and the union`, () => {
      for (const schema of [
        `${example.provider}/events/${example.event}.schema.json`,
        `${example.provider}.schema.json#/definitions/${eventDefinition(example.event)}`,
      ]) {
        const validate = everySchemaFile.validatorFor(schema);
        assert.equal(validate(example.value), true, `${schema}: ${JSON.stringify(validate.errors)}`);
      }
      const text = JSON.stringify(example.value);
      assert.deepEqual(validator.validateText(text).issues, []);
      assert.equal(readFileSync(join(SCHEMAS_DIR, 'examples', name), 'utf8'), `${JSON.stringify(example.value, null, 2)}\n`);
    });

    it(`example ${name}: a wrong type in any documented field is rejected at that field`, () => {
      let mutations = 0;
      for (const [pointer, value] of members(example.value)) {
        if (value === null) continue; // documented only as null somewhere: may have no type
        const wrong = typeof value === 'object' ? 'wrong type' : { wrong: 'type' };
        const issues = validator.validateText(JSON.stringify(setAt(example.value, pointer, wrong)), example.provider).issues;
        assert.ok(
          issues.some((i) => i.pointer === pointer),
          `${pointer}: ${JSON.stringify(wrong)} accepted in place of ${JSON.stringify(value)}`,
        );
        mutations++;
      }
      assert.ok(mutations > 3, 'the example has typed fields');
    });
  }

  it('rejects an unknown hook_type with a message listing the valid ones', () => {
    const [issue] = validator.validateText('{ "hook_type": "inbox_typo" }').issues;
    assert.equal(issue.path, '$.hook_type');
    assert.match(issue.message, /must be one of: "inbox", "outbox", .*"ai_hints_requested"/);
  });

  it('rejects an unknown IQChannels ChatEvent.Type with the valid ones', () => {
    const [issue] = validator.validateText('{ "ChatEvent": { "Type": "nope" }, "Rels": {} }').issues;
    assert.equal(issue.path, '$.ChatEvent.Type');
    assert.match(issue.message, /"chat_created".*"delete-messages"/);
  });

  it('allows properties the documents do not show', () => {
    assert.deepEqual(validator.validateText('{ "hook_type": "inbox", "brand_new_field": [1], "client": { "extra": true } }').issues, []);
  });

  it('applies documented enumerations', () => {
    const transport = validator.validateText('{ "hook_type": "inbox", "transport": "pigeon" }').issues;
    assert.match(transport[0].message, /"transport" must be one of: "whatsapp"/);
    const status = validator.validateText('{ "hook_type": "ticket_created", "ticket": { "status": 9 } }').issues;
    assert.equal(status[0].path, '$.ticket.status');
    const gateway = validator.validateText('{ "hook_type": "outbox_status", "data": { "gateway_status": "lost" } }').issues;
    assert.match(gateway[0].message, /"pending", "sent", "failed", "scheduled", "canceled", "delivered", "seen"/);
    const login = validator.validateText('{ "hook_type": "operator_authentication_updated", "event": "signin" }').issues;
    assert.match(login[0].message, /"login", "logout"/);
  });

  it('infers from evidence: date-time, nullability, null-only fields, millisecond times', () => {
    const inbox = JSON.parse(generated.files.get('chat2desk/events/inbox.schema.json')!);
    assert.equal(inbox.properties.event_time.format, 'date-time');
    assert.deepEqual(inbox.properties.operator_id.type, undefined, 'only null is documented');
    assert.match(inbox.properties.operator_id.description, /only as null/);
    const outbox = JSON.parse(generated.files.get('chat2desk/events/outbox.schema.json')!);
    assert.equal(outbox.properties.operator_id.type, 'integer');
    const defs = JSON.parse(generated.files.get('chat2desk/definitions.schema.json')!).definitions;
    assert.deepEqual(defs.client.properties.client_phone.type, ['string', 'null']);
    const iq = JSON.parse(generated.files.get('iqchannels/definitions.schema.json')!).definitions;
    assert.match(iq.ChatEvent.properties.CreatedAt.description, /milliseconds/);
    assert.equal(iq.ChatEvent.properties.CreatedAt.type, 'integer');
  });

  it('offers a snippet per documented example, each of which validates and is found by its event name', () => {
    for (const provider of ['chat2desk', 'iqchannels'] as const) {
      const snippets = loadPayloadSnippets(SCHEMAS_DIR, provider);
      const examples = generated.examples.filter((e) => e.provider === provider);
      assert.equal(snippets.length, examples.length);
      assert.equal(JSON.parse(generated.files.get(`${provider}.schema.json`)!).defaultSnippets, undefined, 'the JSON service would filter them on their body');
      for (const [index, snippet] of snippets.entries()) {
        assert.match(snippet.label, provider === 'chat2desk' ? /^Chat2Desk: \w+/ : /^IQChannels: [\w-]+/);
        assert.deepEqual(validator.validateText(snippet.text).issues, [], snippet.label);
        assert.deepEqual(JSON.parse(snippet.text), examples[index].value, snippet.label);
        assert.ok(snippet.filterText.startsWith(`${examples[index].event} `), `${snippet.label}: filter text "${snippet.filterText}" leads with the event`);
      }
    }
    const inbox = loadPayloadSnippets(SCHEMAS_DIR, 'chat2desk').find((s) => s.label === 'Chat2Desk: inbox (an incoming message from a client came)');
    assert.ok(inbox);
    // Subscription names that differ from the payload's hook_type find the snippet too.
    assert.match(
      loadPayloadSnippets(SCHEMAS_DIR, 'chat2desk').find((s) => s.label.startsWith('Chat2Desk: ticket_created'))!.filterText,
      /^ticket_created new_ticket /,
    );
  });

  it('offers snippets only in an empty file or while the first word is typed', () => {
    for (const text of ['', '\n', 'inbox', '  new_ticket\n']) assert.equal(wantsPayloadSnippet(text), true, JSON.stringify(text));
    for (const text of ['{}', '{"hook_type": "inbox"}', 'inbox {']) assert.equal(wantsPayloadSnippet(text), false, JSON.stringify(text));
  });

  it('the root schemas are self-contained, and hold the same event and shared schemas as their files', () => {
    const refsOf = (node: unknown): string[] =>
      node === null || typeof node !== 'object'
        ? []
        : Object.entries(node).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [value] : refsOf(value)));
    for (const provider of ['chat2desk', 'iqchannels'] as const) {
      const root = JSON.parse(generated.files.get(`${provider}.schema.json`)!);
      for (const ref of refsOf(root)) assert.ok(ref.startsWith('#/definitions/') && ref.slice(14) in root.definitions, `${provider}: ${ref}`);
      const shared = JSON.parse(generated.files.get(`${provider}/definitions.schema.json`)!).definitions;
      const events = [...generated.files.keys()].filter((path) => path.startsWith(`${provider}/events/`));
      assert.deepEqual(
        Object.keys(root.definitions).sort(),
        [...Object.keys(shared), ...events.map((path) => eventDefinition(path.split('/')[2].replace('.schema.json', '')))].sort(),
      );
      for (const name of Object.keys(shared)) assert.deepEqual(root.definitions[name], shared[name], name);
      for (const path of events) {
        const { $schema: _draft, ...eventSchema } = JSON.parse(generated.files.get(path)!.replaceAll('"../definitions.schema.json#/', '"#/'));
        assert.deepEqual(root.definitions[eventDefinition(path.split('/')[2].replace('.schema.json', ''))], eventSchema, path);
      }
    }
    // The Russian root differs only in its descriptions: its events are the English root's.
    const russian = JSON.parse(generated.files.get('iqchannels.schema.ru.json')!);
    assert.equal(russian.definitions, undefined);
    for (const ref of refsOf(russian)) assert.match(ref, /^iqchannels\.schema\.json#\/definitions\/event_[\w-]+$/);
  });

  it('declares draft-07 in every schema', () => {
    for (const [path, content] of generated.files)
      if (path.endsWith('.schema.json')) assert.equal(JSON.parse(content).$schema, 'http://json-schema.org/draft-07/schema#', path);
  });
});
