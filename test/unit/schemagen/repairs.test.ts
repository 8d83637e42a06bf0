import * as assert from 'node:assert/strict';
import { missingHookType } from '../../../src/schemagen/extract-chat2desk';
import {
  alternativeValues,
  applyRepairs,
  brokenString,
  elidedValue,
  missingComma,
  printRPair,
  trailingComma,
  unquotedTimestamp,
  type RepairResult,
  type RepairRule,
} from '../../../src/schemagen/repairs';

function run(rule: RepairRule, text: string): RepairResult {
  const result: RepairResult = { text, notes: [], alternatives: {} };
  result.text = rule.apply(text, result);
  return result;
}

describe('repair rules (one per documented quirk)', () => {
  it('alternative-values keeps the first alternative and records all', () => {
    const r = run(alternativeValues, '{\n  "event": "login"/"logout",\n  "ok": true / false,\n  "by": "12321"/"Public API"\n}');
    assert.equal(r.text, '{\n  "event": "login",\n  "ok": true,\n  "by": "12321"\n}');
    assert.deepEqual(r.alternatives, { event: ['login', 'logout'], ok: [true, false], by: ['12321', 'Public API'] });
    assert.equal(r.notes.length, 3);
  });

  it('alternative-values leaves slashes inside strings alone', () => {
    const r = run(alternativeValues, '{ "url": "https://a/b", "path": "a/b" }');
    assert.equal(r.text, '{ "url": "https://a/b", "path": "a/b" }');
    assert.equal(r.notes.length, 0);
  });

  it('missing-comma inserts a comma between members on consecutive lines', () => {
    const r = run(missingComma, '{\n  "platform": "web"\n  "event_time": "x",\n  "n": 1\n}');
    assert.equal(r.text, '{\n  "platform": "web",\n  "event_time": "x",\n  "n": 1\n}');
    assert.deepEqual(JSON.parse(r.text), { platform: 'web', event_time: 'x', n: 1 });
    assert.equal(r.notes.length, 1);
  });

  it('missing-comma does not touch valid JSON', () => {
    const text = '{\n  "a": {\n    "b": [\n      1\n    ]\n  },\n  "c": null\n}';
    assert.equal(run(missingComma, text).text, text);
  });

  it('unquoted-timestamp quotes a bare ISO timestamp', () => {
    const r = run(unquotedTimestamp, '{\n "hint_id": 2,\n "event_time": 2022-07-28T23:01:40Z\n}');
    assert.deepEqual(JSON.parse(r.text), { hint_id: 2, event_time: '2022-07-28T23:01:40Z' });
  });

  it('broken-string joins a string split across lines, without the indentation', () => {
    const r = run(brokenString, '{\n "qrcode_data": "OxrhCyoev+z5GK\n   z5GK",\n "b": "x\\"y"\n}');
    assert.deepEqual(JSON.parse(r.text), { qrcode_data: 'OxrhCyoev+z5GKz5GK', b: 'x"y' });
    assert.equal(r.notes.length, 1);
  });

  it('trailing-comma removes a comma before } or ]', () => {
    const r = run(trailingComma, '{ "a": [1, 2, ],\n "b": { "c": 1,\n }\n}');
    assert.deepEqual(JSON.parse(r.text), { a: [1, 2], b: { c: 1 } });
    assert.equal(r.notes.length, 2);
  });

  it('print-r-pair rewrites "[key] => value" as a JSON member', () => {
    const r = run(printRPair, '{"message_id": 8205 [event_time] => 2022-07-28T23:01:40Z}');
    assert.equal(r.text, '{"message_id": 8205, "event_time": 2022-07-28T23:01:40Z}');
  });

  it('elided-value flags a shortened string and keeps it as printed', () => {
    const text = '{ "qrcode_image": "data:image/png;base64,iVBORw0KG…=" }';
    const r = run(elidedValue, text);
    assert.equal(r.text, text);
    assert.equal(r.notes[0].rule, 'elided-value');
  });

  it("missing-hook-type adds the bullet's hook_type to an inline example that lacks it", () => {
    const r = missingHookType('{"client_id": 11910, "message_id": 8205}', 'ai_hints_requested');
    assert.deepEqual(JSON.parse(r.text), { client_id: 11910, message_id: 8205, hook_type: 'ai_hints_requested' });
    assert.equal(r.repairs[0].rule, 'missing-hook-type');
    assert.equal(missingHookType('{"hook_type": "x"}', 'y').repairs.length, 0);
  });

  it('the rules together repair the ai_hints_requested inline form', () => {
    const text = missingHookType('{"client_id": 11910, "operator_id": 1, "message_id": 8205 [event_time] => 2022-07-28T23:01:40Z}', 'ai_hints_requested').text;
    assert.deepEqual(JSON.parse(applyRepairs(text).text), {
      client_id: 11910,
      operator_id: 1,
      message_id: 8205,
      event_time: '2022-07-28T23:01:40Z',
      hook_type: 'ai_hints_requested',
    });
  });
});
