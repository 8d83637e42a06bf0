import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { providerForFixture, providerFromPath, schemaFileOf, schemaRefOf, schemaUri } from '../../../src/core/association';
import { SCHEMAS_DIR } from '../../support/paths';

describe('fixture association', () => {
  it('recognises *.chat2desk.json and *.iqchannels.json names', () => {
    assert.equal(providerFromPath('/ws/fixtures/inbox.chat2desk.json'), 'chat2desk');
    assert.equal(providerFromPath('C:\\ws\\typing.IQChannels.json'), 'iqchannels');
    assert.equal(providerFromPath('/ws/inbox.json'), undefined);
  });

  it('recognises any .json inside a chat2desk or iqchannels folder', () => {
    assert.equal(providerFromPath('/ws/test/chat2desk/deep/inbox.json'), 'chat2desk');
    assert.equal(providerFromPath('/ws/iqchannels/typing.json'), 'iqchannels');
    assert.equal(providerFromPath('/ws/chat2desk-notes/inbox.json'), undefined, 'a folder that merely starts with the name');
    assert.equal(providerFromPath('/ws/chat2desk/readme.md'), undefined);
  });

  it('honours the "$schema" opt-in on a neutral name, even over the folder', () => {
    const text = `{ "$schema": "${schemaUri('iqchannels')}" }`;
    assert.equal(schemaRefOf(text), 'webhook-studio:/iqchannels.schema.json');
    assert.equal(providerForFixture('/ws/chat2desk/x.json', text), 'iqchannels');
    assert.equal(providerForFixture('/ws/payload.json', '{ "$schema": "https://example.com/other.json" }'), undefined);
  });

  it('the webhook-studio: file system serves the generated schema files and nothing else', () => {
    for (const path of ['/chat2desk.schema.json', '/iqchannels.schema.json', '/suite.schema.json']) {
      const file = schemaFileOf(path);
      assert.ok(file && existsSync(join(SCHEMAS_DIR, ...file)), path);
    }
    for (const path of [
      '/../../../../etc/passwd',
      '/chat2desk/../../package.json',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/./chat2desk.schema.json',
      '//chat2desk.schema.json',
      '/chat2desk\\..\\..\\x.schema.json',
      '/REPAIRS.md',
      '/chat2desk.events.json',
      '/examples/chat2desk/inbox.json',
      '/chat2desk/events',
      '/',
      '',
      '/x.schema.json',
      '/chat2desk/events/..schema.json',
      // Self-contained roots reference no other file; the per-event files are not shipped.
      '/chat2desk/definitions.schema.json',
      '/chat2desk/events/inbox.schema.json',
      '/iqchannels.schema.ru.json',
    ]) {
      assert.equal(schemaFileOf(path), undefined, path);
    }
  });
});
