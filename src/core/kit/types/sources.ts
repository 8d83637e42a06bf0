// Reads what the types are generated from: per platform the root schema and the event catalogue, the
// files the VSIX ships (so the extension and the CLI generate the same bytes), and names their version.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Provider } from '../../provider';
import type { PlatformSources } from './build-model';

export function readPlatformSources(schemasDir: string, provider: Provider): PlatformSources {
  const schema = readFileSync(join(schemasDir, `${provider}.schema.json`));
  const catalogue = readFileSync(join(schemasDir, `${provider}.events.json`));
  // The version is the content: the same schemas give the same types, whatever the extension's version.
  const hash = createHash('sha256').update(schema).update('\0').update(catalogue).digest('hex').slice(0, 16);
  return {
    provider,
    schema: JSON.parse(schema.toString('utf8')) as PlatformSources['schema'],
    catalogue: JSON.parse(catalogue.toString('utf8')) as PlatformSources['catalogue'],
    schemaVersion: `${provider} sha256:${hash}`,
  };
}
