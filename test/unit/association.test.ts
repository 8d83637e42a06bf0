import * as assert from 'node:assert/strict';
import { providerForFixture, providerFromPath, schemaRefOf, schemaUri } from '../../src/core/association';

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
});
