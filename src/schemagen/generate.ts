// Assembles every generated file from the vendor documents, in memory, deterministically.
// `npm run schemas` writes them; a unit test regenerates and compares with the committed files.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDER_NAMES, type Provider } from '../core/provider';
import { russianTitleOf } from '../core/payload-snippets';
import { CHAT2DESK_SOURCE, extractChat2Desk, type Chat2DeskDocs, type FieldDoc } from './extract-chat2desk';
import { extractIqChannels } from './extract-iqchannels';
import { findSharedObjects, inferSchema, type EnumRule, type InferenceContext, type JsonSchema } from './infer';
import type { ExtractedExample, RepairedExample } from './model';
import { applyRepairs, REPAIR_RULES } from './repairs';
import { suiteSchemaText } from './suite-schema';
import { apiExamplesText } from './api-examples';

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export interface GeneratedFiles {
  /** Relative path under schemas/ -> file content. */
  files: Map<string, string>;
  examples: RepairedExample[];
}

export function repairExample(example: ExtractedExample): RepairedExample {
  const repaired = applyRepairs(example.text);
  let value: unknown;
  try {
    value = JSON.parse(repaired.text);
  } catch (error) {
    throw new Error(
      `${example.origin}: the example of "${example.event}" is still not valid JSON after the repair rules (${(error as Error).message}). Add a named rule for this quirk.`,
      { cause: error },
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${example.origin}: the example is not a JSON object`);
  return {
    ...example,
    value: value as Record<string, unknown>,
    repairs: [...(example.extractionRepairs ?? []), ...repaired.notes],
    alternatives: repaired.alternatives,
  };
}

/** The later page version (intact Cyrillic) replaces the example with the same ChatEvent Id and Type. */
export function mergeLaterPageVersion(base: RepairedExample[], later: RepairedExample[]): RepairedExample[] {
  const merged = [...base];
  const identity = (e: RepairedExample) => {
    const chatEvent = e.value.ChatEvent as { Id?: unknown; Type?: unknown } | undefined;
    return `${String(chatEvent?.Type)}#${String(chatEvent?.Id)}`;
  };
  for (const example of later) {
    const index = merged.findIndex((e) => identity(e) === identity(example));
    if (index === -1) {
      merged.push(example);
      continue;
    }
    const replaced = merged[index];
    merged[index] = {
      ...example,
      variant: replaced.variant,
      title: replaced.title === example.title || example.title === example.event ? replaced.title : `${replaced.title} / ${example.title}`,
      description: example.title === example.event ? replaced.description : example.description,
      repairs: [
        ...example.repairs,
        { rule: 'later-page-version', detail: `replaces ${replaced.origin} (same ChatEvent Id and Type; the later page kept its Cyrillic text)` },
      ],
    };
  }
  return merged;
}

/** Variants only where an event has several examples; a missing variant name is an error. */
function checkVariants(examples: RepairedExample[]): RepairedExample[] {
  const counts = new Map<string, number>();
  for (const e of examples) counts.set(e.event, (counts.get(e.event) ?? 0) + 1);
  return examples.map((e) => {
    if ((counts.get(e.event) ?? 0) === 1) return { ...e, variant: undefined };
    if (!e.variant) throw new Error(`${e.origin}: "${e.event}" has several examples but this one has no variant name`);
    return e;
  });
}

export const exampleFileName = (e: { event: string; variant?: string }) => `${e.event}${e.variant ? `.${e.variant}` : ''}.json`;

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** An event's schema among the root schema's definitions (beside the shared ones). */
export const eventDefinition = (event: string) => `event_${event}`;

function rewriteRefs(schema: unknown, prefix: string): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/definitions/') ? `${prefix}${value}` : value,
  );
}

function snippetLabel(provider: Provider, e: RepairedExample): string {
  const short = e.description.replace(/\s*\(.*\)$/, '').replace(/\.$/, '');
  return `${PROVIDER_NAMES[provider]}: ${e.event}${e.variant ? ` (${e.variant})` : ''} (${short.charAt(0).toLowerCase()}${short.slice(1)})`;
}

function buildProvider(
  provider: Provider,
  examples: RepairedExample[],
  enumRules: EnumRule[],
  definitionName: (path: string[]) => string,
  discriminator: { path: string[]; describe: (event: string) => string },
  files: Map<string, string>,
  fieldDoc?: InferenceContext['fieldDoc'],
): void {
  const definitions = findSharedObjects(examples, definitionName);
  const context: InferenceContext = { examples, enumRules, definitions, fieldDoc };
  const all = examples.map((e) => ({ value: e.value as unknown, event: e.event }));
  const providerName = PROVIDER_NAMES[provider];

  const definitionSchemas: Record<string, JsonSchema> = {};
  for (const [key, name] of definitions) {
    const path = key.replace(/\[\]/g, '.[]').split('.').filter(Boolean);
    definitionSchemas[name] = inferSchema(context, all, path, true);
  }
  files.set(
    `${provider}/definitions.schema.json`,
    json({
      $schema: DRAFT_07,
      title: `${providerName} shared definitions`,
      description: `Objects that recur in several ${providerName} webhook events, merged from every documented occurrence. Generated by npm run schemas.`,
      definitions: definitionSchemas,
    }),
  );

  const events = [...new Set(examples.map((e) => e.event))];
  const [discriminatorObject, discriminatorField] = discriminator.path.length === 2 ? discriminator.path : [undefined, discriminator.path[0]];
  const eventSchemas: Record<string, JsonSchema> = {};
  for (const event of events) {
    const own = examples.filter((e) => e.event === event);
    const schema = inferSchema(
      context,
      own.map((e) => ({ value: e.value as unknown, event })),
      [],
      true,
    );
    const properties = schema.properties as Record<string, JsonSchema>;
    const description = own[0].description;
    const constant = { const: event, description: discriminator.describe(event) };
    if (discriminatorObject) {
      properties[discriminatorObject] = {
        allOf: [properties[discriminatorObject], { type: 'object', required: [discriminatorField], properties: { [discriminatorField]: constant } }],
      };
    } else {
      properties[discriminatorField] = { type: 'string', ...constant };
    }
    const eventSchema: JsonSchema = {
      title: `${providerName} webhook: ${event}`,
      description,
      markdownDescription: `**${providerName} \`${event}\`**: ${description}\n\nSource: ${citedSource(own[0].origin)}.`,
      type: 'object',
      required: [discriminatorObject ?? discriminatorField],
      properties,
    };
    eventSchemas[eventDefinition(event)] = eventSchema;
    files.set(`${provider}/events/${event}.schema.json`, json(rewriteRefs({ $schema: DRAFT_07, ...eventSchema }, '../definitions.schema.json')));
  }
  const clash = Object.keys(eventSchemas).find((name) => name in definitionSchemas);
  if (clash) throw new Error(`${providerName}: the shared definition "${clash}" has the name of an event's definition`);

  const enumDescriptions = events.map((event) => examples.find((e) => e.event === event)!.description);
  // The root schema is self-contained (events and shared definitions inline): VS Code and the validator
  // read this one file per platform, and the VSIX ships it alone. The per-event files are the same
  // schemas, one per event, for readers and for tools that want a single event.
  const branch = (event: string, definitionsIn: string): JsonSchema => {
    const match = { type: 'object', properties: { [discriminatorField]: { const: event } }, required: [discriminatorField] };
    return {
      if: discriminatorObject ? { type: 'object', properties: { [discriminatorObject]: match }, required: [discriminatorObject] } : match,
      then: { $ref: `${definitionsIn}#/definitions/${eventDefinition(event)}` },
    };
  };
  const rootSchema = (descriptions: string[], definitionsIn = '') => {
    const discriminatorSchema = { type: 'string', enum: events, enumDescriptions: descriptions, description: `The event. One of: ${events.join(', ')}.` };
    return {
      $schema: DRAFT_07,
      title: `${providerName} webhook payload`,
      description: `Any ${providerName} webhook payload, discriminated by ${discriminator.path.join('.')}. Generated from the vendor documents by npm run schemas.`,
      type: 'object',
      required: [discriminatorObject ?? discriminatorField],
      properties: discriminatorObject
        ? { [discriminatorObject]: { type: 'object', required: [discriminatorField], properties: { [discriminatorField]: discriminatorSchema } } }
        : { [discriminatorField]: discriminatorSchema },
      allOf: events.map((event) => branch(event, definitionsIn)),
      ...(definitionsIn ? {} : { definitions: { ...definitionSchemas, ...eventSchemas } }),
    };
  };
  files.set(`${provider}.schema.json`, json(rootSchema(enumDescriptions)));
  // VS Code in Russian validates with this copy (package.nls.ru.json points jsonValidation at it): the
  // events' Russian titles from the documents lead. Only the root differs: its events are the English root's.
  if (enumDescriptions.some((d) => russianTitleOf(d))) {
    const russianFirst = (d: string) => {
      const ru = russianTitleOf(d);
      return ru ? `${ru} (${d.replace(/\s*\([^()]*\)\s*$/, '')})` : d;
    };
    files.set(`${provider}.schema.ru.json`, json(rootSchema(enumDescriptions.map(russianFirst), `${provider}.schema.json`)));
  }

  // Snippets live beside the schema, not in its defaultSnippets: VS Code filters those on the body's
  // JSON text, so typing an event name never found its snippet. The extension offers these itself.
  files.set(
    `${provider}.snippets.json`,
    json({
      description: `A snippet per documented ${providerName} example: what the extension offers in an empty payload file. Generated by npm run schemas.`,
      snippets: examples.map((e) => ({
        label: snippetLabel(provider, e),
        description: e.description,
        keywords: [...new Set([e.event, ...(e.subscription ? [e.subscription] : [])])],
        example: `examples/${provider}/${exampleFileName(e)}`,
        // The example itself, so the extension reads one file (the VSIX leaves examples/ out).
        body: e.value,
      })),
    }),
  );

  for (const e of examples) files.set(`examples/${provider}/${exampleFileName(e)}`, json(e.value));
}

function chat2deskEnumRules(docs: Chat2DeskDocs): EnumRule[] {
  return [
    { path: /(^|\.)transport$|(^|\.)transports\[\]$/, list: docs.transports },
    { path: /^type$/, list: docs.messageTypes, onlyIfAllValuesListed: true },
    { path: /^ticket\.status$/, list: docs.ticketStatuses },
    { path: /^ticket\.priority$/, list: docs.ticketPriorities },
    { path: /(^|\.)state$/, list: docs.dialogStates, onlyIfAllValuesListed: true },
    ...Object.entries(docs.proseLists).map(([field, list]) => ({ path: new RegExp(`(^|\\.)${field}$`), list })),
  ];
}

const singular = (key: string) => key.replace(/s$/, '');

/**
 * A payload field described elsewhere in the collection (e.g. `client.assigned_name` in Clients ›
 * clients). Only where the section is about the field's object: the same name in another section
 * (a request's `type`, `id`) can mean something else.
 */
export function chat2deskFieldDoc(fieldDocs: Map<string, FieldDoc>): (path: string[]) => string | undefined {
  return (path) => {
    const names = path.filter((p) => p !== '[]');
    const name = names[names.length - 1];
    const parent = names[names.length - 2];
    const doc = name === undefined ? undefined : fieldDocs.get(name);
    if (!doc || parent === undefined) return undefined;
    const topic = doc.section.split(' › ')[0].toLowerCase();
    if (!topic.split(/[^a-z]+/).some((word) => word === parent || singular(word) === parent)) return undefined;
    return `${doc.text} (${CHAT2DESK_SOURCE}, ${doc.section})`;
  };
}

/** The document a schema text cites, as a reader knows it (not its file name, no line numbers). */
function citedSource(origin: string): string {
  return origin
    .replace(/:\d+$/, '')
    .replace(/^chat2desk-api\.postman_collection\.json/, CHAT2DESK_SOURCE)
    .replace(/^iqchannels-webhooks(\.page-diff)?\.txt$/, 'IQChannels Webhooks API page');
}

export function generateSchemas(docsDir: string): GeneratedFiles {
  const files = new Map<string, string>();

  const docs = extractChat2Desk(JSON.parse(readFileSync(join(docsDir, 'chat2desk-api.postman_collection.json'), 'utf8')));
  const chat2desk = checkVariants(docs.examples.map(repairExample));
  buildProvider(
    'chat2desk',
    chat2desk,
    chat2deskEnumRules(docs),
    (path) => path.filter((p) => p !== '[]').join('_'),
    { path: ['hook_type'], describe: (event) => `Chat2Desk sends "${event}" in hook_type for this event.` },
    files,
    chat2deskFieldDoc(docs.fieldDocs),
  );

  const iqBase = extractIqChannels(readFileSync(join(docsDir, 'iqchannels-webhooks.txt'), 'utf8'), 'iqchannels-webhooks.txt').map(repairExample);
  const iqLater = extractIqChannels(readFileSync(join(docsDir, 'iqchannels-webhooks.page-diff.txt'), 'utf8'), 'iqchannels-webhooks.page-diff.txt').map(
    repairExample,
  );
  const iqchannels = checkVariants(mergeLaterPageVersion(iqBase, iqLater));
  buildProvider(
    'iqchannels',
    iqchannels,
    [],
    (path) =>
      path
        .filter((p) => p !== 'Rels' || path.length === 1)
        .map((p, i, all) => (p === '[]' ? '' : all[i + 1] === '[]' ? singular(p) : p))
        .join(''),
    { path: ['ChatEvent', 'Type'], describe: (event) => `IQChannels sends "${event}" in ChatEvent.Type for this event.` },
    files,
  );

  // The event catalogue the extension reads: subscription names, payload hook_types, descriptions.
  const subscriptions = [...new Set(chat2desk.map((e) => e.subscription!))];
  files.set(
    'chat2desk.events.json',
    json({
      description:
        'Chat2Desk webhook events: the name to subscribe with (POST /v1/webhooks "events") and the hook_type the payload carries. Generated by npm run schemas.',
      freeWebhookLimit: docs.freeWebhookLimit,
      events: subscriptions.map((subscription) => {
        const own = chat2desk.filter((e) => e.subscription === subscription);
        return {
          subscription,
          hookType: own[0].event,
          description: own[0].description,
          inSubscriptionExample: docs.subscriptionList.includes(subscription),
          examples: own.map((e) => exampleFileName(e)),
        };
      }),
    }),
  );
  files.set(
    'iqchannels.events.json',
    json({
      description: 'IQChannels webhook events (ChatEvent.Type) with their documented examples. Generated by npm run schemas.',
      events: [...new Set(iqchannels.map((e) => e.event))].map((event) => {
        const own = iqchannels.filter((e) => e.event === event);
        return { event, description: own[0].description, examples: own.map((e) => exampleFileName(e)) };
      }),
    }),
  );

  files.set('REPAIRS.md', repairsReport([...chat2desk, ...iqchannels]));
  files.set('suite.schema.json', suiteSchemaText());
  files.set('chat2desk.api-examples.json', apiExamplesText(docsDir));
  return { files, examples: [...chat2desk, ...iqchannels] };
}

function repairsReport(examples: RepairedExample[]): string {
  const lines = [
    '# How the documented examples were repaired',
    '',
    'Generated by `npm run schemas`. Each rule is named and tested on its own (src/schemagen/repairs.ts); no example is dropped.',
    '',
    '## Rules',
    '',
  ];
  for (const rule of REPAIR_RULES) lines.push(`- \`${rule.name}\`: ${rule.description}`);
  lines.push(
    '- `missing-hook-type`: an example printed inline in a bullet that omits hook_type gets the hook_type of the example that follows it in the same bullet.',
  );
  lines.push(
    '- `later-page-version`: an example of the later IQChannels page replaces the one with the same ChatEvent Id and Type (its Cyrillic text is intact).',
    '',
    '## Examples',
    '',
  );
  for (const e of examples) {
    lines.push(`- \`examples/${e.provider}/${exampleFileName(e)}\` (${e.origin})${e.repairs.length === 0 ? ': valid as printed' : ''}`);
    for (const r of e.repairs) lines.push(`  - \`${r.rule}\`: ${r.detail.replace(/\n/g, ' ')}`);
  }
  return `${lines.join('\n')}\n`;
}
