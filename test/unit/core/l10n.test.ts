import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { languageFromEnv, readBundle, t, useTranslations } from '../../../src/core/l10n';
import { loadPayloadSnippets, russianTitleOf } from '../../../src/core/payload-snippets';
import { placeholders, rawManifestTexts, readJson, scanMessages } from '../../support/l10n-scan';
import { REPO_ROOT, SCHEMAS_DIR } from '../../support/paths';

const manifest = JSON.parse(JSON.stringify(readJson('package.json')));
const nls = readJson('package.nls.json');
const nlsRu = readJson('package.nls.ru.json');
const bundleRu = readJson('l10n/bundle.l10n.ru.json');

/** Every string of the manifest with its JSON path. */
function strings(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => strings(v, path ? `${path}.${k}` : k));
  return [];
}

describe('localisation (English and Russian)', () => {
  it('package.json names a package.nls key for every title, description, setting and welcome text', () => {
    const raw = rawManifestTexts(manifest).map(({ path, text }) => [path, text]);
    assert.deepEqual(raw, [], 'npm run l10n:missing moves these texts to package.nls.json; then translate them in package.nls.ru.json');
    const used = new Set(
      strings(manifest)
        .map(([, text]) => /^%(.+)%$/.exec(text)?.[1])
        .filter((k): k is string => k !== undefined),
    );
    assert.deepEqual(
      [...used].filter((k) => !(k in nls)),
      [],
      'keys used in package.json but missing in package.nls.json',
    );
    assert.deepEqual(
      Object.keys(nls).filter((k) => !used.has(k)),
      [],
      'keys in package.nls.json no longer used by package.json',
    );
  });

  it('package.nls.ru.json has exactly the keys of package.nls.json, each translated, with the same placeholders and links', () => {
    assert.deepEqual(
      Object.keys(nls).filter((k) => !(k in nlsRu)),
      [],
      'missing in package.nls.ru.json',
    );
    assert.deepEqual(
      Object.keys(nlsRu).filter((k) => !(k in nls)),
      [],
      'stale in package.nls.ru.json',
    );
    for (const [key, english] of Object.entries(nls)) {
      const russian = nlsRu[key];
      assert.ok(russian.trim(), `${key}: empty translation`);
      assert.deepEqual(placeholders(russian), placeholders(english), `${key}: placeholders`);
      const commands = (text: string) => (text.match(/\]\((command:[^)]+)\)/g) ?? []).sort();
      assert.deepEqual(commands(russian), commands(english), `${key}: the same command links`);
      const code = (text: string) => (text.match(/`[^`]+`/g) ?? []).sort();
      assert.deepEqual(code(russian), code(english), `${key}: code spans stay as they are`);
    }
  });

  it("the schema each language validates IQChannels payloads with exists; the Russian one leads with the documents' Russian titles", () => {
    for (const messages of [nls, nlsRu])
      assert.ok(existsSync(join(REPO_ROOT, messages['jsonValidation.iqchannels.url'])), messages['jsonValidation.iqchannels.url']);
    const russian = JSON.parse(readFileSync(join(REPO_ROOT, nlsRu['jsonValidation.iqchannels.url']), 'utf8'));
    assert.ok(russian.properties.ChatEvent.properties.Type.enumDescriptions.includes('Клиент печатает сообщение (The client is typing a message)'));
  });

  it('every translation call has a Russian entry with the same placeholders, and no entry is stale', () => {
    const { messages, problems } = scanMessages();
    assert.deepEqual(problems, []);
    assert.ok(messages.length > 100, `found ${messages.length} messages: the scanner sees the calls`);
    const missing = [...new Set(messages.filter((m) => !(m.message in bundleRu)).map((m) => `${m.where}: ${m.message}`))];
    assert.deepEqual(missing, [], 'missing in l10n/bundle.l10n.ru.json (npm run l10n:missing prints them as JSON to fill in)');
    const stale = Object.keys(bundleRu).filter((key) => !messages.some((m) => m.message === key));
    assert.deepEqual(stale, [], 'stale in l10n/bundle.l10n.ru.json');
    for (const [english, russian] of Object.entries(bundleRu)) {
      assert.ok(russian.trim(), `empty translation of "${english}"`);
      assert.deepEqual(placeholders(russian), placeholders(english), `placeholders of "${english}"`);
    }
  });

  it('reads the language from LC_ALL, LC_MESSAGES, then LANG (ru* is Russian, anything else English)', () => {
    assert.equal(languageFromEnv({ LANG: 'ru_RU.UTF-8' }), 'ru');
    assert.equal(languageFromEnv({ LC_ALL: 'ru', LANG: 'en_US.UTF-8' }), 'ru');
    assert.equal(languageFromEnv({ LC_ALL: 'en_US.UTF-8', LANG: 'ru_RU.UTF-8' }), undefined);
    assert.equal(languageFromEnv({ LC_ALL: '', LC_MESSAGES: 'ru_RU', LANG: 'C' }), 'ru');
    assert.equal(languageFromEnv({ LANG: 'C.UTF-8' }), undefined);
    assert.equal(languageFromEnv({}), undefined);
  });

  it('core messages switch language with the bundle and fill in placeholders', () => {
    try {
      useTranslations(readBundle(join(REPO_ROOT, 'l10n'), 'ru'));
      assert.equal(t('{0} did not answer within {1} s.', 'http://127.0.0.1:1', 10), 'http://127.0.0.1:1 не ответил за 10 с.');
    } finally {
      useTranslations(undefined);
    }
    assert.equal(t('{0} did not answer within {1} s.', 'http://127.0.0.1:1', 10), 'http://127.0.0.1:1 did not answer within 10 s.');
  });

  it('the CLI speaks Russian under LANG=ru_RU.UTF-8 and English under LANG=C', () => {
    const dir = mkdtempSync(join(tmpdir(), 'webhook-studio-l10n-'));
    const file = join(dir, 'broken.chat2desk.json');
    writeFileSync(file, '{"hook_type": }');
    const run = (lang: string) =>
      spawnSync(process.execPath, ['--require', 'tsx/cjs', join(REPO_ROOT, 'src', 'cli.ts'), 'validate', file], {
        env: { ...process.env, LC_ALL: '', LC_MESSAGES: '', LANG: lang },
        encoding: 'utf8',
      });
    const russian = run('ru_RU.UTF-8');
    assert.equal(russian.status, 2, russian.stderr);
    assert.match(russian.stdout, /Некорректный JSON в строке 1, столбце 15/);
    assert.match(russian.stdout, /Исправьте JSON в этом месте/);
    const english = run('C');
    assert.match(english.stdout, /Invalid JSON at line 1, column 15/);
    const usage = spawnSync(process.execPath, ['--require', 'tsx/cjs', join(REPO_ROOT, 'src', 'cli.ts'), 'sign'], {
      env: { ...process.env, LC_ALL: 'ru_RU.UTF-8' },
      encoding: 'utf8',
    });
    assert.match(usage.stderr, /sign принимает ровно один файл/);
  });
});

describe('payload snippets in Russian', () => {
  it('label and describe IQChannels examples with the Russian titles of the documents; Chat2Desk (English docs) stays', () => {
    const russian = loadPayloadSnippets(SCHEMAS_DIR, 'iqchannels', 'ru');
    const typing = russian.find((s) => s.label.startsWith('IQChannels: typing'))!;
    assert.equal(typing.label, 'IQChannels: typing — Клиент печатает сообщение');
    assert.equal(typing.description, 'Клиент печатает сообщение');
    assert.match(typing.filterText, /^typing /);
    const received = russian.find((s) => s.label.startsWith('IQChannels: message_received'))!;
    assert.equal(received.description, 'Получено сообщение');
    assert.ok(
      russian.every((s) => /[А-Яа-яЁё]/.test(s.label)),
      'every IQChannels example has a Russian title',
    );
    assert.deepEqual(
      loadPayloadSnippets(SCHEMAS_DIR, 'chat2desk', 'ru').map((s) => s.label),
      loadPayloadSnippets(SCHEMAS_DIR, 'chat2desk').map((s) => s.label),
    );
    assert.equal(
      loadPayloadSnippets(SCHEMAS_DIR, 'iqchannels', 'en').find((s) => s.label.startsWith('IQChannels: typing'))!.label,
      'IQChannels: typing (the client is typing a message)',
    );
    assert.equal(russianTitleOf('A message was received (delivered) (Получено сообщение)'), 'Получено сообщение');
    assert.equal(russianTitleOf('An incoming message from a client came.'), undefined);
  });
});
