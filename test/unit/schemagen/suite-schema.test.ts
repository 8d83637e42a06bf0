import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv } from '../../../src/core/ajv-engine';
import { CHECK_IDS } from '../../../src/core/suites';
import { REPO_ROOT, SCHEMAS_DIR } from '../../support/paths';

const schema = JSON.parse(readFileSync(join(SCHEMAS_DIR, 'suite.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = createAjv().compile(schema);

describe('schemas/suite.schema.json', () => {
  it('accepts the sample suites and the README example shape, and rejects typos the loader rejects', () => {
    const dir = join(REPO_ROOT, 'test', 'workspace', 'suites');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.webhooks.json'))) {
      assert.ok(validate(JSON.parse(readFileSync(join(dir, file), 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`);
    }
    const ok = {
      target: { url: 'http://127.0.0.1:${env:PORT}/hook', start: { command: 'node s.js', env: { PORT: '3000' } }, ready: { url: 'http://127.0.0.1:3000/h' } },
      api: 'simulator',
      probe: { apiCalls: 'POST /v1/messages' },
      scenarios: [
        {
          idempotent: true,
          deliver: { policy: 'custom:1,2', timeScale: 'inf', duplicate: 'concurrent', order: 'shuffle', seed: 3, slowFirst: true, retryTimestamp: 'original' },
          steps: [
            { event: 'inbox', patch: { '$.text': 'x' }, expect: { status: [200, 202], apiCalls: [{ call: 'POST /v1/messages', count: 1 }] } },
            { wait: 10 },
          ],
        },
      ],
      checks: { only: ['reserialised-body'], recommended: true },
    };
    assert.ok(validate(ok), JSON.stringify(validate.errors));
    for (const bad of [
      { ...ok, targte: {} },
      { ...ok, checks: { only: ['sings'] } },
      { ...ok, scenarios: [{ steps: [{ fixture: 'a.json', event: 'inbox' }] }] },
      { ...ok, scenarios: [{ steps: [{ event: 'inbox', expect: { status: '2XX' } }] }] },
      { ...ok, scenarios: [{ steps: [{ event: 'inbox', patch: { 'message.text': 1 } }] }] },
    ])
      assert.equal(validate(bad), false, JSON.stringify(bad));
  });

  it('describes every property and offers every check id', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, path: string) => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, unknown> }).properties;
      for (const [key, value] of Object.entries(properties ?? {})) {
        if (typeof (value as { description?: unknown }).description !== 'string') undescribed.push(`${path}.${key}`);
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
    };
    walk(schema, '');
    assert.deepEqual(undescribed, []);
    assert.match(JSON.stringify(schema), new RegExp(CHECK_IDS.map((id) => `"${id}"`).join(',')));
  });
});
