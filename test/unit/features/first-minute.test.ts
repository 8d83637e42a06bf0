// The first minute's pure logic: the documented-event picker's items, the endpoint memory, and what
// hovers say (no file names, no value repeated, field descriptions carried from other sections).
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { documentedEventItems, MOST_USED_EVENTS, mostUsedFirst, withFreshEventTime } from '../../../src/core/documented-events';
import { emptyMemory, FILE_LIMIT, lastTargetOf, readMemory, RECENT_LIMIT, rememberTarget, typedEndpointUrl } from '../../../src/core/endpoint-memory';
import { extractFieldDocs } from '../../../src/schemagen/extract-chat2desk';
import { statusInWords } from '../../../src/features/webhooks-view/tree-model';
import { CONTEXT_KEYS, WALKTHROUGH } from '../../../src/features/ids';
import { chat2deskFieldDoc } from '../../../src/schemagen/generate';
import { DOCS_DIR, REPO_ROOT, SCHEMAS_DIR } from '../../support/paths';

describe('New Payload from Documented Event: the picker items', () => {
  const items = documentedEventItems(SCHEMAS_DIR);
  const events = (name: string) => JSON.parse(readFileSync(join(SCHEMAS_DIR, name), 'utf8')) as { events: { examples: string[] }[] };

  it('one item per documented example of both platforms, with label, description (provider) and detail', () => {
    const expected =
      events('chat2desk.events.json').events.flatMap((e) => e.examples).length + events('iqchannels.events.json').events.flatMap((e) => e.examples).length;
    assert.equal(items.length, expected);
    assert.ok(items.some((i) => i.provider === 'chat2desk') && items.some((i) => i.provider === 'iqchannels'));
    const inbox = items.find((i) => i.event === 'inbox');
    assert.deepEqual([inbox?.label, inbox?.description, inbox?.fileName], ['inbox', 'Chat2Desk', 'inbox.chat2desk.json']);
    assert.match(inbox?.detail ?? '', /incoming message/i);
    const typing = items.find((i) => i.event === 'typing');
    assert.deepEqual([typing?.description, typing?.fileName], ['IQChannels', 'typing.iqchannels.json']);
    // Several examples of one event: each its own item and file, named by the variant.
    assert.ok(items.some((i) => i.fileName === 'message_created.client.iqchannels.json'));
    assert.equal(new Set(items.map((i) => i.fileName)).size, items.length, 'file names are unique');
    for (const item of items) assert.doesNotThrow(() => JSON.parse(item.text), item.fileName);
  });

  it('the most used events come first, in that order; every other item follows once, as it was', () => {
    const { mostUsed, others } = mostUsedFirst(items);
    assert.deepEqual(
      mostUsed.map((i) => i.event),
      ['inbox', 'outbox', 'new_client', 'new_request', 'close_dialog'],
    );
    assert.deepEqual([...MOST_USED_EVENTS], ['inbox', 'outbox', 'new_client', 'new_request', 'close_dialog']);
    assert.ok(mostUsed.every((i) => i.provider === 'chat2desk'));
    assert.equal(mostUsed.length + others.length, items.length);
    assert.deepEqual(
      others,
      items.filter((i) => !mostUsed.includes(i)),
      'the rest keep their order',
    );
  });

  it('the example gets a fresh event time and is otherwise kept as written', () => {
    const now = new Date('2026-11-22T20:00:00.000Z');
    const inbox = items.find((i) => i.event === 'inbox')!;
    const fresh = withFreshEventTime(inbox.text, 'chat2desk', now);
    assert.equal(JSON.parse(fresh).event_time, now.toISOString());
    assert.deepEqual({ ...JSON.parse(fresh), event_time: undefined }, { ...JSON.parse(inbox.text), event_time: undefined });
    assert.equal(fresh.split('\n').length, inbox.text.split('\n').length, 'the layout is kept');
    const typing = items.find((i) => i.event === 'typing')!;
    assert.equal(JSON.parse(withFreshEventTime(typing.text, 'iqchannels', now)).ChatEvent.CreatedAt, now.getTime());
    assert.equal(withFreshEventTime('{"hook_type":"x"}', 'chat2desk', now), '{"hook_type":"x"}', 'no event time: unchanged');
  });
});

describe('endpoint memory', () => {
  it('the last target per file is the default; other files keep theirs', () => {
    let memory = emptyMemory();
    memory = rememberTarget(memory, 'http://127.0.0.1:3000/a', 'inbox.chat2desk.json');
    memory = rememberTarget(memory, 'http://127.0.0.1:3000/b', 'typing.iqchannels.json');
    memory = rememberTarget(memory, 'http://127.0.0.1:4848/', 'inbox.chat2desk.json');
    assert.equal(lastTargetOf(memory, 'inbox.chat2desk.json'), 'http://127.0.0.1:4848/');
    assert.equal(lastTargetOf(memory, 'typing.iqchannels.json'), 'http://127.0.0.1:3000/b');
    assert.equal(lastTargetOf(memory, 'other.json'), undefined);
    assert.equal(lastTargetOf(memory, undefined), undefined);
  });

  it('recent URLs: newest first, no duplicates, bounded; never one with a password', () => {
    let memory = emptyMemory();
    for (let i = 0; i < RECENT_LIMIT + 5; i++) memory = rememberTarget(memory, `http://127.0.0.1:${3000 + i}/`);
    memory = rememberTarget(memory, 'http://127.0.0.1:3001/');
    assert.equal(memory.recent.length, RECENT_LIMIT);
    assert.equal(memory.recent[0], 'http://127.0.0.1:3001/');
    assert.equal(new Set(memory.recent).size, memory.recent.length);
    const secret = rememberTarget(memory, 'http://user:hunter2@127.0.0.1:9/', 'x.json');
    assert.equal(secret, memory, 'unchanged');
    assert.ok(!JSON.stringify(secret).includes('hunter2'));
  });

  it('keeps the most recent files only, and reads whatever the memento holds', () => {
    let memory = emptyMemory();
    for (let i = 0; i < FILE_LIMIT + 10; i++) memory = rememberTarget(memory, 'http://127.0.0.1:1/', `f${i}.json`);
    assert.equal(Object.keys(memory.lastByFile).length, FILE_LIMIT);
    assert.equal(lastTargetOf(memory, `f${FILE_LIMIT + 9}.json`), 'http://127.0.0.1:1/');
    assert.equal(lastTargetOf(memory, 'f0.json'), undefined);
    assert.deepEqual(readMemory(['http://a/', 7], { 'a.json': 'http://a/', 'b.json': 3 }), { recent: ['http://a/'], lastByFile: { 'a.json': 'http://a/' } });
    assert.deepEqual(readMemory(undefined, 'nonsense'), emptyMemory());
  });
});

describe('a URL typed into the endpoint picker', () => {
  it('is the URL to send to once it looks like one; before that the text filters the list', () => {
    assert.deepEqual(typedEndpointUrl('  http://localhost:3000/webhooks/chat2desk '), { url: 'http://localhost:3000/webhooks/chat2desk' });
    assert.deepEqual(typedEndpointUrl('https://example.com/hook'), { url: 'https://example.com/hook' });
    for (const filter of ['', 'list', 'Webhook Studio', 'http', 'localhost']) assert.equal(typedEndpointUrl(filter), undefined, filter);
  });

  it('says why it is not one (a missing scheme, another scheme), so Enter does not take it', () => {
    assert.match((typedEndpointUrl('localhost:3000/hook') as { problem: string }).problem, /no scheme \(add http:\/\/ or https:\/\/\)/);
    assert.match((typedEndpointUrl('ftp://example.com/') as { problem: string }).problem, /"ftp:" is not http: or https:/);
    assert.ok('problem' in (typedEndpointUrl('http://') ?? {}));
  });
});

describe('hovers speak to the user', () => {
  const collection = JSON.parse(readFileSync(join(DOCS_DIR, 'chat2desk-api.postman_collection.json'), 'utf8')) as {
    item: Parameters<typeof extractFieldDocs>[0];
  };
  const fieldDocs = extractFieldDocs(collection.item);

  it('a field described in another section (Clients) describes the payload field, citing the section', () => {
    const doc = chat2deskFieldDoc(fieldDocs);
    assert.match(doc(['client', 'assigned_name']) ?? '', /^A name assigned to the client\. \(Chat2Desk API documentation, Clients › clients\)$/);
    assert.match(doc(['client', 'external_id']) ?? '', /Client id to use in external system.*Clients › clients\/<id>/);
    // The same name in an unrelated section is not carried over (it may mean something else).
    assert.equal(doc(['message', 'type']), undefined);
    assert.equal(doc(['assigned_name']), undefined);
    const definitions = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'chat2desk', 'definitions.schema.json'), 'utf8'));
    assert.match(definitions.definitions.client.properties.assigned_name.description, /A name assigned to the client.*Clients › clients/);
    assert.match(definitions.definitions.client.properties.external_id.description, /Client id to use in external system/);
  });

  it('no internal file name, and no enum description repeats its value', () => {
    const schemaFiles = ['chat2desk', 'iqchannels'].flatMap((p) => [
      `${p}.schema.json`,
      `${p}/definitions.schema.json`,
      ...readdirSync(join(SCHEMAS_DIR, p, 'events')).map((f) => `${p}/events/${f}`),
    ]);
    for (const file of schemaFiles) {
      assert.doesNotMatch(readFileSync(join(SCHEMAS_DIR, file), 'utf8'), /postman_collection\.json|iqchannels-webhooks[.\w-]*\.txt|Examples: `/, file);
    }
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) {
        node.forEach(walk);
        return;
      }
      if (node === null || typeof node !== 'object') return;
      const schema = node as { enum?: unknown[]; enumDescriptions?: string[] };
      if (schema.enum && schema.enumDescriptions) {
        schema.enum.forEach((value, i) =>
          assert.ok(
            !schema.enumDescriptions![i].startsWith(`${String(value)}:`) && !schema.enumDescriptions![i].includes(`"${String(value)}"`),
            `${String(value)}: ${schema.enumDescriptions![i]}`,
          ),
        );
      }
      Object.values(node).forEach(walk);
    };
    for (const file of schemaFiles) walk(JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')));
  });
});

describe('webhook statuses in words', () => {
  it("says enabled / disabled (and what disabled means), not the API's enable / disable", () => {
    assert.equal(statusInWords('enable'), 'enabled');
    assert.match(statusInWords('disable'), /^disabled: Chat2Desk does not deliver to it$/);
    assert.equal(statusInWords('paused'), 'paused');
  });
});

describe('the walkthrough contribution', () => {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    activationEvents: string[];
    contributes: {
      commands: { command: string }[];
      walkthroughs: { steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[];
    };
  };
  const steps = manifest.contributes.walkthroughs[0].steps;

  it('four steps, from the token to the handler; each links a contributed command and shows a file that exists', () => {
    assert.deepEqual(
      steps.map((s) => s.id),
      [...WALKTHROUGH.steps],
    );
    const commands = new Set(manifest.contributes.commands.map((c) => c.command));
    // Manifest texts are %keys% of package.nls.json (the English strings).
    const nls = JSON.parse(readFileSync(join(REPO_ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const text = (value: string) => nls[/^%(.+)%$/.exec(value)?.[1] ?? ''] ?? value;
    for (const step of steps) {
      const linked = [...text(step.description).matchAll(/\(command:([\w.]+)[?)]/g)].map((m) => m[1]);
      assert.ok(linked.length > 0 && linked.every((c) => commands.has(c)), `${step.id}: ${linked.join(', ')}`);
      assert.ok(step.media.markdown && existsSync(join(REPO_ROOT, step.media.markdown)), `${step.id}: ${step.media.markdown}`);
    }
    const media = new Set(steps.map((s) => s.media.markdown?.split('/').pop()));
    assert.deepEqual(new Set(readdirSync(join(REPO_ROOT, 'media', 'walkthrough'))), media, 'no media file is left over');
  });

  it('opens by itself on the first start: activated when startup has finished', () => {
    assert.ok(manifest.activationEvents.includes('onStartupFinished'));
  });

  it('no step completes by being opened or by its button alone: each waits for the context key its action sets', () => {
    const keys: Record<string, string> = {
      setToken: CONTEXT_KEYS.hasApiToken,
      newPayload: CONTEXT_KEYS.createdFixture,
      send: CONTEXT_KEYS.sentWebhook,
      sendToHandler: CONTEXT_KEYS.sentToHandler,
    };
    for (const step of steps) assert.deepEqual(step.completionEvents, [`onContext:${keys[step.id]}`], step.id);
  });
});
