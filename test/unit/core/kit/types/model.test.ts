import * as assert from 'node:assert/strict';
import type { Provider } from '../../../../../src/core/provider';
import { buildPlatformModel, type PlatformSources } from '../../../../../src/core/kit/types/build-model';
import { emitGo, goName } from '../../../../../src/core/kit/types/emit-go';
import { checkGenerated, decideWrite } from '../../../../../src/core/kit/types/files';
import { generateTypes } from '../../../../../src/core/kit/types/generate';
import {
  contentHash,
  inspectExisting,
  optionArgs,
  TYPES_LANGUAGES,
  withHeader,
  type TypesLanguage,
  type TypesOptions,
} from '../../../../../src/core/kit/types/header';
import { objectByName, type PlatformModel, type TypeRef } from '../../../../../src/core/kit/types/model';
import { pascalCase, singular, wrapText } from '../../../../../src/core/kit/types/names';
import { optionsFromArgs, typesOptions } from '../../../../../src/core/kit/types/options';
import { readPlatformSources } from '../../../../../src/core/kit/types/sources';
import { SCHEMAS_DIR } from '../../../../support/paths';
import { documentedExamples } from '../../../../support/types-examples';

const sources: Record<Provider, PlatformSources> = {
  chat2desk: readPlatformSources(SCHEMAS_DIR, 'chat2desk'),
  iqchannels: readPlatformSources(SCHEMAS_DIR, 'iqchannels'),
};
const models: Record<Provider, PlatformModel> = { chat2desk: buildPlatformModel(sources.chat2desk), iqchannels: buildPlatformModel(sources.iqchannels) };
const options = (lang: TypesLanguage, platforms: Provider[] = ['chat2desk', 'iqchannels']): TypesOptions => ({
  lang,
  platforms,
  goPackage: 'webhooks',
  phpNamespace: 'Webhooks',
});
const output = Object.fromEntries(TYPES_LANGUAGES.map((lang) => [lang, generateTypes([sources.chat2desk, sources.iqchannels], options(lang))])) as Record<
  TypesLanguage,
  string
>;

/** The members of `value` the model does not declare, following the model's types (objects, arrays, unions). */
function undeclared(model: PlatformModel, value: unknown, type: TypeRef, path: string): string[] {
  if (type.kind === 'union') {
    const options = type.members.map((m) => undeclared(model, value, m, path));
    return options.find((o) => o.length === 0) ?? options[0];
  }
  if (type.kind === 'array' && Array.isArray(value)) return value.flatMap((item, i) => undeclared(model, item, type.items, `${path}[${i}]`));
  if (type.kind !== 'object' || value === null || typeof value !== 'object') return [];
  const object = objectByName(model, type.name);
  return Object.entries(value).flatMap(([key, member]) => {
    const field = object.fields.find((f) => f.name === key);
    return field ? undeclared(model, member, field.type, `${path}.${key}`) : [`${path}.${key}`];
  });
}

describe('typed payloads: the model and what each language makes of it', () => {
  it('declares every member of every documented example, nested ones included', () => {
    const examples = documentedExamples(SCHEMAS_DIR);
    for (const example of examples) {
      const model = models[example.provider];
      const event = model.events.find((e) => e.event === example.event)!;
      assert.deepEqual(undeclared(model, example.value, { kind: 'object', name: event.payload }, example.name), [], example.name);
    }
  });

  it('each event payload requires its discriminator, fixed to the event: hook_type, or ChatEvent.Type through a narrowed ChatEvent', () => {
    for (const event of models.chat2desk.events) {
      const field = objectByName(models.chat2desk, event.payload).fields.find((f) => f.name === 'hook_type')!;
      assert.equal(field.required, true);
      assert.deepEqual(field.type, { kind: 'literal', base: 'string', values: [{ value: event.event }] });
    }
    for (const event of models.iqchannels.events) {
      const chatEvent = objectByName(models.iqchannels, event.payload).fields.find((f) => f.name === 'ChatEvent')!;
      assert.equal(chatEvent.required, true);
      assert.equal(chatEvent.type.kind, 'object');
      const narrowed = objectByName(models.iqchannels, (chatEvent.type as { name: string }).name);
      assert.deepEqual(narrowed.base, { name: 'IQChannelsChatEvent', overrides: ['Type'] });
      assert.deepEqual(narrowed.fields.find((f) => f.name === 'Type')?.type, { kind: 'literal', base: 'string', values: [{ value: event.event }] });
      assert.equal(narrowed.fields.length, objectByName(models.iqchannels, 'IQChannelsChatEvent').fields.length, 'every other member is the base one');
    }
    assert.equal(models.chat2desk.events.length, 25);
    assert.equal(models.iqchannels.events.length, 9);
  });

  it('TypeScript: a union on each discriminator, event → payload maps, the subscription names, open interfaces', () => {
    const ts = output.ts;
    assert.match(ts, /export type Chat2DeskPayload =\n {2}\| Chat2DeskInboxPayload\n/);
    assert.match(ts, /export interface Chat2DeskPayloadMap \{\n {2}inbox: Chat2DeskInboxPayload;/);
    assert.match(ts, /export interface IQChannelsPayloadMap \{[^}]*\n {2}"delete-messages": IQChannelsDeleteMessagesPayload;/);
    assert.match(ts, /export interface Chat2DeskSubscriptionMap \{[^}]*\n {2}new_ticket: Chat2DeskTicketCreatedPayload;/);
    assert.match(ts, /Chat2Desk sends it with hook_type `"ticket_created"`; subscribe to it as\n \* `"new_ticket"`/);
    assert.match(ts, /export interface IQChannelsMessageCreatedChatEvent extends IQChannelsChatEvent \{\n(.*\n)? {2}Type: "message_created";\n\}/);
    const interfaces = ts.match(/^export interface \w+ \{$/gm)!.length;
    assert.equal(
      ts.match(/^ {2}\[member: string\]: unknown;$/gm)!.length,
      interfaces - 3,
      'every interface but the three maps is open (the narrowed ones extend an open one)',
    );
  });

  it('keeps null where the documents show it, any value where they show only null, and documented alternatives as unions', () => {
    assert.match(output.ts, /\n {2}client_phone\?: string \| null;\n/);
    assert.match(output.ts, /\n {2}phone\?: string;\n/);
    assert.match(output.ts, /\n {2}operator_id\?: unknown;\n/);
    assert.match(output.ts, /\n {2}event\?: "login" \| "logout";\n/);
    assert.match(output.ts, /\n {2}transport\?: Chat2DeskTransport;\n/);
    assert.match(output.python, /\n {4}client_phone: Optional\[str\]\n/);
    assert.match(output.python, /\n {4}operator_id: Any\n/);
    assert.match(output.python, /\n {4}event: Literal\["login", "logout"\]\n/);
    assert.match(output.php, /public readonly \?string \$client_phone = null,/);
    assert.match(output.php, /public readonly mixed \$operator_id = null,/);
    assert.match(output.php, /@var 'login'\|'logout'\|null/);
    assert.match(output.php, /@var Chat2DeskTransport::\*\|null/);
    assert.match(output.go, /\tClientPhone \*string +`json:"client_phone,omitempty"`/);
    assert.match(output.go, /\tOperatorID json\.RawMessage +`json:"operator_id,omitempty"`/);
    assert.match(output.go, /\tChat2DeskTransportWhatsapp +Chat2DeskTransport = "whatsapp"/);
  });

  it("documents with the vendors' texts: descriptions, sources, IQChannels' Russian titles, what each listed value means", () => {
    for (const generated of [output.ts, output.python, output.php, output.go]) {
      const text = generated.replace(/\n\s*(\/\/|\*|#)? */g, ' ');
      assert.ok(text.includes('A chat (support request) was created (Создано обращение)'), 'the Russian title beside the English');
      assert.ok(text.includes('Source: Chat2Desk API documentation, Webhooks: inbox.'));
      assert.ok(text.includes('An incoming message from a client came.'));
      assert.ok(text.includes('From the client: text, image, audio, video, pdf, location; to the client:'), 'a transport value');
    }
  });

  it('is deterministic: the same schemas give the same bytes, whatever order they are read in', () => {
    for (const lang of TYPES_LANGUAGES) {
      assert.equal(generateTypes([sources.iqchannels, sources.chat2desk], options(lang)), output[lang], lang);
      assert.equal(generateTypes([readPlatformSources(SCHEMAS_DIR, 'chat2desk'), readPlatformSources(SCHEMAS_DIR, 'iqchannels')], options(lang)), output[lang]);
    }
  });

  it('the header names the generator, the options and the schema version; its hash tells an edited file from ours', () => {
    for (const lang of TYPES_LANGUAGES) {
      const state = inspectExisting(output[lang]);
      assert.equal(state.state, 'generated', lang);
      assert.deepEqual(optionsFromArgs((state as { args: string[] }).args), options(lang));
      assert.equal((state as { schemaVersion: string }).schemaVersion, `${models.chat2desk.schemaVersion}, ${models.iqchannels.schemaVersion}`);
      assert.equal(inspectExisting(output[lang].replace('Chat2DeskInboxPayload', 'MyInbox')).state, 'edited');
      assert.equal(inspectExisting(`${output[lang]}\n`).state, 'edited');
    }
    assert.match(output.php, /^<\?php\n\n\/\/ Code generated by Webhook Studio/);
    assert.match(output.python, /^# Code generated by Webhook Studio \(webhook-studio types\); DO NOT EDIT\.\n/);
    assert.equal(inspectExisting('export type Mine = 1;\n').state, 'foreign');
    const body = '\nexport {};\n';
    assert.ok(withHeader(options('ts'), ['x'], body).includes(`// Content hash: ${contentHash(body)}\n`));
  });

  it('decides what to do with a file that exists: create, keep, replace ours, or ask', () => {
    const ts = output.ts;
    assert.deepEqual(decideWrite(undefined, ts), { action: 'create' });
    assert.deepEqual(decideWrite('  \n', ts), { action: 'create' });
    assert.deepEqual(decideWrite(ts, ts), { action: 'unchanged' });
    assert.deepEqual(decideWrite(ts.replace(/\n/g, '\r\n'), ts), { action: 'unchanged' });
    assert.deepEqual(decideWrite(generateTypes([sources.chat2desk], options('ts', ['chat2desk'])), ts), { action: 'replace' });
    assert.deepEqual(decideWrite(`${ts}// mine\n`, ts), { action: 'ask', reason: 'edited' });
    assert.deepEqual(decideWrite('// my handler\n', ts), { action: 'ask', reason: 'foreign' });
  });

  it('--check: up to date, stale (schemas or generator), edited, or not ours', () => {
    const regenerate = (o: TypesOptions) => generateTypes([sources.chat2desk, sources.iqchannels], o);
    assert.equal(checkGenerated(output.go, regenerate).state, 'up-to-date');
    const older = output.go.replace(models.chat2desk.schemaVersion, 'chat2desk sha256:0000000000000000');
    assert.deepEqual(checkGenerated(older, regenerate), {
      state: 'stale',
      options: options('go'),
      from: `chat2desk sha256:0000000000000000, ${models.iqchannels.schemaVersion}`,
      to: `${models.chat2desk.schemaVersion}, ${models.iqchannels.schemaVersion}`,
    });
    const generatorChanged = withHeader(options('go'), [`${models.chat2desk.schemaVersion}, ${models.iqchannels.schemaVersion}`], '\npackage webhooks\n');
    assert.equal(
      (checkGenerated(generatorChanged, regenerate) as { from: string; to: string }).from,
      (checkGenerated(generatorChanged, regenerate) as { to: string }).to,
    );
    assert.equal(checkGenerated(output.go.replace('\npackage webhooks\n', '\npackage mine\n'), regenerate).state, 'edited');
    assert.equal(checkGenerated('package mine\n', regenerate).state, 'foreign');
  });

  it('options: checked the same from the command line and from a header, in a fixed platform order', () => {
    assert.deepEqual(typesOptions({ lang: 'go', platform: 'iqchannels, chat2desk', package: 'hooks' }), {
      lang: 'go',
      platforms: ['chat2desk', 'iqchannels'],
      goPackage: 'hooks',
      phpNamespace: 'Webhooks',
    });
    assert.deepEqual(typesOptions({ lang: 'php', platform: 'all', namespace: 'App\\Webhooks' }).phpNamespace, 'App\\Webhooks');
    for (const lang of TYPES_LANGUAGES) assert.deepEqual(optionsFromArgs(optionArgs(options(lang, ['iqchannels']))), options(lang, ['iqchannels']));
    assert.throws(() => typesOptions({ lang: 'go', package: 'func' }), /--package must be a Go package name/);
    assert.throws(() => optionsFromArgs(['--lang', 'ts', '--out', 'x']), /unknown option --out/);
  });

  it('refuses a schema construct it does not know, naming where it is', () => {
    const broken = structuredClone(sources.iqchannels);
    const definitions = broken.schema.definitions as Record<string, { properties: Record<string, unknown> }>;
    definitions.ChatEvent.properties.Id = { type: 'decimal' };
    assert.throws(() => buildPlatformModel(broken), /iqchannels\.schema\.json #\/definitions\/ChatEvent\/properties\/Id: type "decimal" is not supported/);
    const recursive = structuredClone(sources.chat2desk);
    (recursive.schema.definitions as Record<string, { properties: Record<string, unknown> }>).ticket.properties.parent = { $ref: '#/definitions/ticket' };
    assert.throws(() => buildPlatformModel(recursive), /definition ticket refers to itself/);
  });

  it('names: identifiers from JSON names, Go initialisms, wrapped text that never breaks a code span', () => {
    assert.equal(pascalCase('delete-messages'), 'DeleteMessages');
    assert.equal(pascalCase('extra_data'), 'ExtraData');
    assert.deepEqual(['channels', 'Files', 'replies', 'status', 'address'].map(singular), ['channel', 'File', 'reply', 'status', 'address']);
    assert.deepEqual(['client_id', 'ChatId', 'ChannelIQChat', 'deleted by', 'ip_address', 'extra_comment_1'].map(goName), [
      'ClientID',
      'ChatID',
      'ChannelIQChat',
      'DeletedBy',
      'IPAddress',
      'ExtraComment1',
    ]);
    assert.deepEqual(wrapText('see `a b c` here', 8), ['see', '`a b c`', 'here']);
    assert.deepEqual(wrapText('- one two three', 9), ['- one two', '  three']);
    assert.ok(emitGo({ platforms: [models.iqchannels] }, { goPackage: 'x' }).includes('func ParseIQChannelsPayload('));
  });
});
