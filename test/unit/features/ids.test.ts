// package.json and the code name the same commands, views, context keys and settings: a static check
// of the sources (registerCommand / setContext calls) against the contributions, both ways.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, CONTEXT_KEYS, DEFAULTS, LISTEN_DEFAULTS, LISTEN_SETTINGS_SECTION, SETTINGS, SETTINGS_SECTION, VIEWS } from '../../../src/features/ids';
import { REPO_ROOT } from '../../support/paths';

interface Contributes {
  commands: { command: string; enablement?: string }[];
  menus: Record<string, { command: string; when?: string }[]>;
  views: Record<string, { id: string }[]>;
  viewsWelcome: { view: string; when?: string; contents: string }[];
  configuration: { properties: Record<string, { default?: unknown }> };
  keybindings?: { command: string; when?: string }[];
}
const contributes: Contributes = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).contributes;

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const sources = sourceFiles(join(REPO_ROOT, 'src'))
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

const tables: Record<string, Record<string, string>> = { COMMANDS, CONTEXT_KEYS, VIEWS };
/** `const DELIVER_COMMAND = COMMANDS.deliverAsChat2Desk;` and the like: names that stand for an id. */
const aliases = new Map([...sources.matchAll(/const (\w+) = (COMMANDS|CONTEXT_KEYS|VIEWS)\.(\w+);/g)].map((m) => [m[1], tables[m[2]][m[3]]]));

/** The id an argument expression names: `COMMANDS.x`, an alias of one, or a string literal. */
function idOf(expression: string): string | undefined {
  const table = /^(COMMANDS|CONTEXT_KEYS|VIEWS)\.(\w+)$/.exec(expression);
  if (table) return tables[table[1]][table[2]];
  const literal = /^'([^']+)'$/.exec(expression);
  return literal ? literal[1] : aliases.get(expression);
}

const registered = [...sources.matchAll(/registerCommand\(\s*([\w.']+)\s*,/g)].map((m) => idOf(m[1]));
const contextKeysSet = [...sources.matchAll(/executeCommand\(\s*'setContext'\s*,\s*([\w.']+)\s*,/g)].map((m) => idOf(m[1]));
const contributed = contributes.commands.map((c) => c.command);

/** Every `webhookStudio.*` context key a when/enablement clause reads (not views, commands or settings). */
function contextKeysInClauses(): Set<string> {
  const clauses = [
    ...contributes.commands.map((c) => c.enablement),
    ...Object.values(contributes.menus)
      .flat()
      .map((m) => m.when),
    ...contributes.viewsWelcome.map((w) => w.when),
    ...(contributes.keybindings ?? []).map((k) => k.when),
  ].filter((c): c is string => Boolean(c));
  const viewIds = new Set<string>(Object.values(VIEWS));
  // Views are compared (`view == webhookStudio.webhooks`), not read as keys; regexes quote item values.
  const keys = clauses.flatMap((clause) => [...clause.replace(/\/(?:\\.|[^/])*\//g, '').matchAll(/\bwebhookStudio\.[\w.]+/g)].map((m) => m[0]));
  return new Set(keys.filter((key) => !viewIds.has(key)));
}

describe('one home for ids (src/features/ids.ts) matches package.json', () => {
  it('every contributed command is registered by the code, through COMMANDS', () => {
    assert.ok(registered.length > 20, `found ${registered.length} registerCommand calls`);
    for (const command of contributed) assert.ok(registered.includes(command), `${command} is contributed but never registered`);
    assert.deepEqual(new Set(Object.values(COMMANDS)), new Set(contributed), 'COMMANDS lists exactly the contributed commands');
  });

  it('every registered command is contributed (and named by an id from ids.ts)', () => {
    for (const command of registered) {
      assert.ok(command, 'registerCommand with an id the check cannot read: use COMMANDS.<name>');
      assert.ok(contributed.includes(command), `${command} is registered but not contributed in package.json`);
    }
    assert.equal(new Set(registered).size, registered.length, 'a command is registered twice');
  });

  it('every context key in a when/enablement clause is one the code sets', () => {
    const used = contextKeysInClauses();
    assert.ok(used.has(CONTEXT_KEYS.listening) && used.has(CONTEXT_KEYS.delivering) && used.has(CONTEXT_KEYS.webhooksState), [...used].join(', '));
    for (const key of used) assert.ok(contextKeysSet.includes(key), `${key} is read in package.json but the code never sets it`);
    for (const key of contextKeysSet) assert.ok(key && Object.values(CONTEXT_KEYS).includes(key as never), `setContext with ${key}: add it to CONTEXT_KEYS`);
  });

  it('views and settings are the contributed ones, with the same defaults', () => {
    assert.deepEqual(
      new Set(Object.values(VIEWS)),
      new Set(
        Object.values(contributes.views)
          .flat()
          .map((v) => v.id),
      ),
    );
    const properties = contributes.configuration.properties;
    assert.deepEqual(new Set(Object.values(SETTINGS)), new Set(Object.keys(properties)));
    for (const [key, value] of Object.entries(DEFAULTS)) assert.deepEqual(properties[`${SETTINGS_SECTION}.${key}`].default, value, key);
    for (const [key, value] of Object.entries(LISTEN_DEFAULTS)) assert.deepEqual(properties[`${LISTEN_SETTINGS_SECTION}.${key}`].default, value, key);
  });

  it('the features name ids through ids.ts, not as string literals', () => {
    const featureFiles = sourceFiles(join(REPO_ROOT, 'src', 'features'))
      .filter((f) => !f.endsWith('ids.ts'))
      .concat(join(REPO_ROOT, 'src', 'extension.ts'));
    const ids = new Set<string>([...Object.values(COMMANDS), ...Object.values(CONTEXT_KEYS), ...Object.values(VIEWS), ...Object.values(SETTINGS)]);
    for (const file of featureFiles) {
      for (const m of readFileSync(file, 'utf8').matchAll(/'(webhookStudio\.[\w.]+)'/g)) assert.ok(!ids.has(m[1]), `${file}: '${m[1]}' belongs in ids.ts`);
    }
  });
});
