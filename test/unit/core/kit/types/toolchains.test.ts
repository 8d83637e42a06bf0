// The generated typed payloads go through each language's real toolchain with every documented example:
// tsc --strict, Debian's python3, php, go vet / go test, plus each language's formatter where it has a
// standard one (Prettier, gofmt). A missing toolchain fails the test with the Debian package to install.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as prettier from 'prettier';
import type { Provider } from '../../../../../src/core/provider';
import { generateTypesFrom } from '../../../../../src/core/kit/types/generate';
import { DEFAULT_GO_PACKAGE, DEFAULT_PHP_NAMESPACE, type TypesLanguage } from '../../../../../src/core/kit/types/header';
import { REPO_ROOT, SCHEMAS_DIR } from '../../../../support/paths';
import { documentedExamples, type DocumentedExample } from '../../../../support/types-examples';

const CHECKERS = join(REPO_ROOT, 'test', 'support', 'types-check');
/** Debian's python3 (the one on PATH may be another); see BRIEF / CI. */
const PYTHON = '/usr/bin/python3';
const SPAWN_TIMEOUT_MS = 180_000;

const generate = (lang: TypesLanguage, platforms: Provider[] = ['chat2desk', 'iqchannels'], goPackage = DEFAULT_GO_PACKAGE) =>
  generateTypesFrom(SCHEMAS_DIR, { lang, platforms, goPackage, phpNamespace: DEFAULT_PHP_NAMESPACE });

/** Runs a toolchain command, bounded; a missing command fails with what to install. */
function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; install: string }): string {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8', timeout: SPAWN_TIMEOUT_MS });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    assert.fail(`${command} is not installed: the typed-payload checks need it (Debian: apt-get install ${options.install})`);
  if (result.error) assert.fail(`${command} ${args.join(' ')}: ${result.error.message}${result.signal ? ` (stopped after ${SPAWN_TIMEOUT_MS / 1000} s)` : ''}`);
  const output = `${result.stdout}${result.stderr}`;
  assert.equal(result.status, 0, `${command} ${args.join(' ')} exited ${result.status}:\n${output.slice(0, 20_000)}`);
  return output;
}

/** Strips index signatures (recursively), so an example with a member the type does not declare fails to compile. */
const KNOWN_TYPE = `type Known<T> = T extends readonly (infer U)[]
  ? Known<U>[]
  : T extends object
    ? { [K in keyof T as string extends K ? never : K]: Known<T[K]> }
    : T;`;

function typeScriptCheck(examples: DocumentedExample[]): string {
  const lines = ['import * as T from "./webhook-types";', '', KNOWN_TYPE, ''];
  examples.forEach((e, i) => {
    lines.push(
      `// ${e.name}`,
      `const example${i} = ${JSON.stringify(e.value, null, 2)} satisfies Known<T.${e.payloadType}>;`,
      `export const event${i}: T.${e.payloadType} = example${i};`,
      `export const union${i}: T.${e.platform}Payload = example${i};`,
      `export const mapped${i}: T.${e.platform}PayloadMap[${JSON.stringify(e.event)}] = example${i};`,
      '',
    );
  });
  lines.push(
    'export function text(payload: T.Chat2DeskPayload): string | undefined {',
    '  if (payload.hook_type === "inbox") return payload.text;',
    '  if (T.isChat2DeskEvent(payload, "outbox")) return payload.text;',
    '  return undefined;',
    '}',
    'export function chatEvent(payload: T.IQChannelsPayload): string {',
    '  if (T.isIQChannelsEvent(payload, "typing")) {',
    '    const type: "typing" = payload.ChatEvent.Type;',
    '    return type;',
    '  }',
    '  const event = payload.ChatEvent;',
    '  if (event.Type === "message_created") {',
    '    const type: "message_created" = event.Type;',
    '    return type;',
    '  }',
    '  return event.Type;',
    '}',
    'export const subscribed: T.Chat2DeskSubscriptionMap["new_ticket"]["hook_type"] = "ticket_created";',
    "// @ts-expect-error: the discriminator is the event's own",
    'export const wrongEvent: T.Chat2DeskInboxPayload = { hook_type: "outbox" };',
    '// @ts-expect-error: a member the documentation does not show is not a known one',
    'export const undocumented = { hook_type: "inbox", not_documented: 1 } satisfies Known<T.Chat2DeskInboxPayload>;',
    'export const open: T.Chat2DeskInboxPayload = { hook_type: "inbox", not_documented: 1 };',
    '// @ts-expect-error: a documented value list is a union of its values',
    'export const wrongValue: T.Chat2DeskInboxPayload = { hook_type: "inbox", transport: "carrier_pigeon" };',
  );
  return `${lines.join('\n')}\n`;
}

describe('typed payloads: the generated code in its toolchains, with every documented example', function () {
  this.timeout(4 * SPAWN_TIMEOUT_MS);
  const examples = documentedExamples(SCHEMAS_DIR);
  let dir: string;
  let manifest: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'webhook-studio-types-'));
    mkdirSync(join(dir, 'examples'));
    const entries = examples.map((e) => {
      const file = join(dir, 'examples', `${e.provider}.${e.name}`);
      writeFileSync(file, JSON.stringify(e.value, null, 2));
      return { provider: e.provider, platform: e.platform, event: e.event, name: e.name, file, payloadType: e.payloadType };
    });
    manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify(entries, null, 2));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('has examples of every event of both platforms to check', () => {
    assert.equal(new Set(examples.map((e) => `${e.provider}:${e.event}`)).size, 25 + 9);
    assert.ok(examples.length >= 38, `${examples.length} examples`);
  });

  it('TypeScript: tsc --strict accepts every example as its event type, the union and the map entry; narrowing works; Prettier changes nothing', async () => {
    const ts = generate('ts');
    const work = join(dir, 'ts');
    mkdirSync(work);
    writeFileSync(join(work, 'webhook-types.ts'), ts);
    writeFileSync(join(work, 'check.ts'), typeScriptCheck(examples));
    const tsc = require.resolve('typescript/bin/tsc');
    run(
      process.execPath,
      [tsc, '--strict', '--exactOptionalPropertyTypes', '--noEmit', '--target', 'es2020', '--module', 'commonjs', 'webhook-types.ts', 'check.ts'],
      { cwd: work, install: 'nodejs (and npm ci for typescript)' },
    );
    assert.equal(await prettier.format(ts, { parser: 'typescript' }), ts, 'the TypeScript output is as Prettier (defaults) prints it');
  });

  it('Python: py_compile, and every example parses into its TypedDict (each member declared and of its type)', () => {
    const work = join(dir, 'python');
    mkdirSync(work);
    writeFileSync(join(work, 'webhook_types.py'), generate('python'));
    writeFileSync(join(work, 'chat2desk_types.py'), generate('python', ['chat2desk']));
    writeFileSync(join(work, 'iqchannels_types.py'), generate('python', ['iqchannels']));
    run(PYTHON, ['-m', 'py_compile', 'webhook_types.py', 'chat2desk_types.py', 'iqchannels_types.py'], { cwd: work, install: 'python3' });
    const output = run(PYTHON, [join(CHECKERS, 'check_types.py'), work, 'webhook_types', manifest], { cwd: work, install: 'python3' });
    assert.match(output, new RegExp(`checked ${examples.length} examples, [1-9]\\d+ members, 0 problems`));
  });

  it('PHP: php -l, and fromJson of every example makes its class with every member set and none left over', () => {
    const work = join(dir, 'php');
    mkdirSync(work);
    writeFileSync(join(work, 'webhooks.php'), generate('php'));
    writeFileSync(join(work, 'chat2desk.php'), generate('php', ['chat2desk']));
    writeFileSync(join(work, 'iqchannels.php'), generate('php', ['iqchannels']));
    for (const file of ['webhooks.php', 'chat2desk.php', 'iqchannels.php']) run('php', ['-l', file], { cwd: work, install: 'php-cli' });
    const output = run('php', [join(CHECKERS, 'check_types.php'), join(work, 'webhooks.php'), manifest, DEFAULT_PHP_NAMESPACE], {
      cwd: work,
      install: 'php-cli',
    });
    assert.match(output, new RegExp(`checked ${examples.length} examples, [1-9]\\d+ members, 0 problems`));
  });

  it('Go: gofmt, go vet and go test over one file per platform in one package, unmarshalling every example; one file for both vets too', () => {
    const work = join(dir, 'go');
    mkdirSync(join(work, 'testdata'), { recursive: true });
    mkdirSync(join(work, 'both'));
    writeFileSync(join(work, 'both', 'webhook_payloads.go'), generate('go', ['chat2desk', 'iqchannels'], 'both'));
    writeFileSync(join(work, 'go.mod'), 'module example.com/webhooks\n\ngo 1.19\n');
    writeFileSync(join(work, 'chat2desk.go'), generate('go', ['chat2desk']));
    writeFileSync(join(work, 'iqchannels.go'), generate('go', ['iqchannels']));
    copyFileSync(join(CHECKERS, 'examples_test.go'), join(work, 'examples_test.go'));
    copyFileSync(manifest, join(work, 'testdata', 'manifest.json'));
    const env = {
      PATH: process.env.PATH,
      HOME: work,
      GOPATH: join(dir, 'gopath'),
      GOCACHE: join(dir, 'gocache'),
      GOPROXY: 'off',
      GOFLAGS: '-mod=mod',
      GO111MODULE: 'on',
      CGO_ENABLED: '0',
    };
    const unformatted = run('gofmt', ['-l', '.'], { cwd: work, env, install: 'golang-go' });
    assert.equal(unformatted.trim(), '', 'gofmt would change these files');
    run('go', ['vet', './...'], { cwd: work, env, install: 'golang-go' });
    const output = run('go', ['test', '-count=1', '-v', './...'], { cwd: work, env, install: 'golang-go' });
    assert.match(output, new RegExp(`checked ${examples.length} examples`));
  });
});
