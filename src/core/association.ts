// Which schema a fixture file uses: by name, by folder, or by its own "$schema" opt-in.
import { decodeJsonString, scanJson } from './json-scan';
import type { Provider } from './provider';

/** URI scheme the extension serves its schemas under, so a "$schema" opt-in works on any machine. */
export const SCHEMA_SCHEME = 'webhook-studio';
export const schemaUri = (provider: Provider) => `${SCHEMA_SCHEME}:/${provider}.schema.json`;

/** The generated root schemas, `<provider>.schema.json` and the suites' `suite.schema.json`: self-contained, they reference no other file. */
const SCHEMA_FILE = /^\/(chat2desk|iqchannels|suite)\.schema\.json$/;

/**
 * The path segments (below the schemas folder) of the generated schema file a `webhook-studio:` URI path
 * names, or undefined: nothing else is served (no `..`, no other files), whatever the encoding.
 */
export function schemaFileOf(path: string): string[] | undefined {
  return SCHEMA_FILE.test(path) ? path.slice(1).split('/') : undefined;
}

export function providerFromSchemaRef(ref: string | undefined): Provider | undefined {
  if (ref === schemaUri('chat2desk')) return 'chat2desk';
  if (ref === schemaUri('iqchannels')) return 'iqchannels';
  return undefined;
}

export function providerFromPath(path: string): Provider | undefined {
  const normalized = path.replace(/\\/g, '/').toLowerCase();
  const name = normalized.split('/').pop() ?? '';
  for (const provider of ['chat2desk', 'iqchannels'] as const) {
    if (name.endsWith(`.${provider}.json`)) return provider;
    if (name.endsWith('.json') && normalized.split('/').slice(0, -1).includes(provider)) return provider;
  }
  return undefined;
}

/**
 * The top-level "$schema" string of a JSON text, if any (the last, as JSON reads duplicates). Tolerant:
 * the text may be mid-edit, so members read before a syntax error count. Iterative: any nesting is safe.
 */
export function schemaRefOf(text: string): string | undefined {
  const bytes = Buffer.from(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, 'utf8');
  const { members } = scanJson(bytes);
  for (let i = members.length - 1; i >= 0; i--) {
    const m = members[i];
    if (m.key === '$schema') return bytes[m.valueStart] === 0x22 ? decodeJsonString(bytes, m.valueStart, m.valueEnd) : undefined;
  }
  return undefined;
}

export function providerForFixture(path: string | undefined, text: string): Provider | undefined {
  return providerFromSchemaRef(schemaRefOf(text)) ?? (path ? providerFromPath(path) : undefined);
}
