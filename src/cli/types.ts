// webhook-studio types: typed payloads for a handler (TypeScript, Python, PHP, Go) from the schemas, and
// --check for CI. A file someone edited (or that we did not write) is never replaced without --force.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, helpEntry, optionsSection, reportFailure, UsageError, type CliCommand, type CliIo } from './common';
import { t } from '../core/l10n';
import { checkGenerated, decideWrite, regenerateCommand, type CheckResult } from '../core/kit/types/files';
import { DEFAULT_GO_PACKAGE, DEFAULT_PHP_NAMESPACE, schemaVersionOf, type TypesOptions } from '../core/kit/types/header';
import { typesGenerator } from '../core/kit/types/load-types';
import { languageOfFile, LANGUAGE_NAMES, typesOptions, TypesOptionError } from '../core/kit/types/options';
import { PROVIDER_NAMES } from '../core/provider';

const typesOptionsHelp = (): string =>
  optionsSection(
    t('Types options:'),
    [
      ['--lang ts|python|php|go', t("TypeScript interfaces, Python TypedDicts, PHP 8 classes or Go structs (default: from the --out file's extension)")],
      ['--platform LIST', t('chat2desk, iqchannels or both, comma-separated (default: both)')],
      ['--package NAME', t('Go package (default {0})', DEFAULT_GO_PACKAGE)],
      ['--namespace NS', t('PHP namespace (default {0})', DEFAULT_PHP_NAMESPACE)],
      ['--force', t('replace a file that was edited after it was generated, or was not generated')],
    ],
    [t('Exit codes for types: 0 written or up to date; 1 out of date, edited, or not replaced; 2 usage or input error.')],
  );

const read = (path: string): string | undefined => {
  if (!existsSync(path)) return undefined;
  if (statSync(path).isDirectory()) throw new UsageError(t('{0} is a folder: --out takes a file path', path));
  return readFileSync(path, 'utf8');
};

const describe = (options: TypesOptions) => `${LANGUAGE_NAMES[options.lang]}, ${options.platforms.map((p) => PROVIDER_NAMES[p]).join(' + ')}`;

function checkLine(path: string, result: CheckResult): string {
  switch (result.state) {
    case 'up-to-date':
      return t('{0}: up to date ({1})', path, result.schemaVersion);
    case 'stale':
      return result.from === result.to
        ? t('{0}: out of date: this version of webhook-studio generates it differently. Run: {1}', path, regenerateCommand(result.options, path))
        : t('{0}: out of date with the schemas (generated from {1}, now {2}). Run: {3}', path, result.from, result.to, regenerateCommand(result.options, path));
    case 'edited':
      return t(
        '{0}: edited after it was generated (its content no longer matches the hash in its header). Regenerate it with: {1}',
        path,
        regenerateCommand(result.options, path),
      );
    case 'foreign':
      return t('{0}: not a file webhook-studio types wrote (no generator header){1}', path, result.detail ? `: ${result.detail}` : '');
  }
}

function runCheck(paths: string[], io: CliIo, json: boolean): number {
  if (paths.length === 0) throw new UsageError(t('types --check takes one or more generated files'));
  const regenerate = (options: TypesOptions) => typesGenerator().generateTypesFrom(io.schemasDir, options);
  const results = paths.map((path) => {
    const text = read(path);
    if (text === undefined) throw new UsageError(t('Cannot read {0}: {1}', path, t('no such file')));
    return { file: path, ...checkGenerated(text, regenerate) };
  });
  const machine = results.map((r) => ({
    file: r.file,
    state: r.state,
    ...(r.state === 'up-to-date' ? { schemaVersion: r.schemaVersion } : {}),
    ...(r.state === 'stale' ? { from: r.from, to: r.to } : {}),
    ...(r.state !== 'foreign' ? { regenerate: regenerateCommand(r.options, r.file) } : {}),
  }));
  if (json) io.stdout(`${JSON.stringify(machine, null, 2)}\n`);
  else io.stdout(`${results.map((r) => checkLine(r.file, r)).join('\n')}\n`);
  if (results.some((r) => r.state === 'foreign')) return EXIT.usage;
  return results.every((r) => r.state === 'up-to-date') ? EXIT.ok : EXIT.failed;
}

function runWrite(
  values: { lang?: string; platform?: string; package?: string; namespace?: string; out?: string; force?: boolean },
  io: CliIo,
  json: boolean,
): number {
  const existing = values.out ? read(values.out) : undefined;
  const options = typesOptions({ ...values, lang: values.lang ?? (values.out ? languageOfFile(values.out) : undefined) });
  const text = typesGenerator().generateTypesFrom(io.schemasDir, options);
  if (!values.out) {
    if (values.force) throw new UsageError(t('--force only makes sense with --out'));
    io.stdout(text);
    return EXIT.ok;
  }
  const path = values.out;
  const decision = decideWrite(existing, text);
  const schemaVersion = schemaVersionOf(text);
  const report = (status: string, human: string) => {
    io.stdout(json ? `${JSON.stringify({ file: path, lang: options.lang, platforms: options.platforms, schemaVersion, status }, null, 2)}\n` : `${human}\n`);
  };
  if (decision.action === 'unchanged') {
    report('unchanged', t('{0} is up to date ({1}).', path, describe(options)));
    return EXIT.ok;
  }
  if (decision.action === 'ask' && !values.force) {
    const why =
      decision.reason === 'edited'
        ? t('{0} was edited after it was generated: not replaced. Move your edits elsewhere, or pass --force to replace it (the edits are lost).', path)
        : t('{0} was not generated by webhook-studio types: not replaced. Pass --force to replace it.', path);
    if (json) report('refused', why);
    else io.stderr(`${why}\n`);
    return EXIT.failed;
  }
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (error) {
    throw new UsageError(t('Cannot write {0}: {1}', path, (error as Error).message));
  }
  report(decision.action === 'create' ? 'created' : 'replaced', t('Wrote {0} ({1}; schema version {2}).', path, describe(options), schemaVersion));
  return EXIT.ok;
}

export function runTypes(args: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        lang: { type: 'string' },
        platform: { type: 'string' },
        out: { type: 'string', short: 'o' },
        force: { type: 'boolean' },
        package: { type: 'string' },
        namespace: { type: 'string' },
        check: { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    reportFailure(io, args.includes('--json'), error, { code: 'usage', hint: t('Run "webhook-studio types --help" for usage.') });
    return EXIT.usage;
  }
  const { values, positionals } = parsed;
  const json = Boolean(values.json);
  if (values.help) {
    io.stdout(`${helpEntry(typesCommand.usage, typesCommand.summary())}${typesCommand.more?.() ?? ''}${typesOptionsHelp()}`);
    return EXIT.ok;
  }
  try {
    if (values.check) {
      const extra = (['lang', 'platform', 'out', 'force', 'package', 'namespace'] as const).filter((n) => values[n] !== undefined);
      if (extra.length > 0)
        throw new UsageError(t('types --check reads the options from each file; it does not take {0}', extra.map((n) => `--${n}`).join(', ')));
      return runCheck(positionals, io, json);
    }
    if (positionals.length > 0) throw new UsageError(t('types takes no file arguments (did you mean --out {0}, or --check?)', positionals[0]));
    return runWrite(values, io, json);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof TypesOptionError)) throw error;
    reportFailure(io, json, error, { code: 'usage' });
    return EXIT.usage;
  }
}

export const typesCommand: CliCommand = {
  name: 'types',
  usage: 'types --lang ts|python|php|go [--platform chat2desk,iqchannels] [--out PATH] [--force]',
  summary: () => t('typed payloads for your handler (to stdout without --out)'),
  more: () => helpEntry('types --check PATH...', t('exit 1 when a generated file is out of date (for CI)')),
  options: typesOptionsHelp,
  run: async (args, { io }) => runTypes(args, io),
};
