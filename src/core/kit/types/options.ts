// The options of a types file, checked the same way whether they come from the command line, the
// extension's pickers or a generated file's header: language, platforms, Go package, PHP namespace.
import { t } from '../../l10n';
import type { Provider } from '../../provider';
import { DEFAULT_GO_PACKAGE, DEFAULT_PHP_NAMESPACE, TYPES_LANGUAGES, TYPES_PLATFORMS, type TypesLanguage, type TypesOptions } from './header';

export class TypesOptionError extends Error {}

export interface RawTypesOptions {
  lang?: string;
  platform?: string;
  package?: string;
  namespace?: string;
}

const GO_KEYWORDS = new Set(
  'break case chan const continue default defer else fallthrough for func go goto if import interface map package range return select struct switch type var'.split(
    ' ',
  ),
);

export const LANGUAGE_NAMES: Record<TypesLanguage, string> = { ts: 'TypeScript', python: 'Python', php: 'PHP', go: 'Go' };

/** The file name a language's types get when nobody names one. */
export const DEFAULT_TYPES_FILE: Record<TypesLanguage, string> = {
  ts: 'webhook-payloads.ts',
  python: 'webhook_payloads.py',
  php: 'WebhookPayloads.php',
  go: 'webhook_payloads.go',
};

/** The language a file name asks for (`.ts`, `.py`, `.php`, `.go`), if any. */
export function languageOfFile(path: string): TypesLanguage | undefined {
  const extension = /\.([a-z]+)$/i.exec(path)?.[1]?.toLowerCase();
  return ({ ts: 'ts', mts: 'ts', cts: 'ts', py: 'python', php: 'php', go: 'go' } as Record<string, TypesLanguage>)[extension ?? ''];
}

export function parsePlatforms(raw: string | undefined): Provider[] {
  if (raw === undefined || raw.trim() === 'all') return [...TYPES_PLATFORMS];
  const asked = raw
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  const unknown = asked.filter((p) => !(TYPES_PLATFORMS as readonly string[]).includes(p));
  if (unknown.length > 0 || asked.length === 0)
    throw new TypesOptionError(t('--platform takes chat2desk, iqchannels or both (comma-separated), or all; got "{0}"', raw));
  // A fixed order: the same platforms always give the same file.
  return TYPES_PLATFORMS.filter((p) => asked.includes(p));
}

export function typesOptions(raw: RawTypesOptions): TypesOptions {
  const lang = raw.lang?.toLowerCase();
  if (!lang) throw new TypesOptionError(t('types needs --lang ts, python, php or go (or an --out file ending in .ts, .py, .php or .go)'));
  if (!(TYPES_LANGUAGES as readonly string[]).includes(lang)) throw new TypesOptionError(t('--lang must be ts, python, php or go, got "{0}"', raw.lang ?? ''));
  const language = lang as TypesLanguage;
  if (raw.package !== undefined && language !== 'go') throw new TypesOptionError(t('--package is for --lang go only'));
  if (raw.namespace !== undefined && language !== 'php') throw new TypesOptionError(t('--namespace is for --lang php only'));
  const goPackage = raw.package ?? DEFAULT_GO_PACKAGE;
  if (!/^[a-z_][a-z0-9_]*$/.test(goPackage) || GO_KEYWORDS.has(goPackage))
    throw new TypesOptionError(t('--package must be a Go package name (lower-case letters, digits, _), got "{0}"', goPackage));
  const phpNamespace = raw.namespace ?? DEFAULT_PHP_NAMESPACE;
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\\[A-Za-z_][A-Za-z0-9_]*)*$/.test(phpNamespace))
    throw new TypesOptionError(t('--namespace must be a PHP namespace such as App\\Webhooks, got "{0}"', phpNamespace));
  return { lang: language, platforms: parsePlatforms(raw.platform), goPackage, phpNamespace };
}

/** The options a generated file's header records (`--lang go --platform chat2desk --package hooks`). */
export function optionsFromArgs(args: string[]): TypesOptions {
  const raw: RawTypesOptions = {};
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i].replace(/^--/, '');
    if (name !== 'lang' && name !== 'platform' && name !== 'package' && name !== 'namespace') throw new TypesOptionError(t('unknown option {0}', args[i]));
    raw[name] = args[i + 1];
  }
  return typesOptions(raw);
}
