// The one way core code (shared by the extension and the CLI) translates what it tells the user.
// @vscode/l10n reads the same bundle format as vscode.l10n and has no `vscode` dependency: the
// extension hands it VS Code's bundle at activation, the CLI the Russian bundle when LANG says so.
// Without a bundle, t() returns the English message with its {0} placeholders filled in.
import { readFileSync } from 'node:fs';
import * as l10n from '@vscode/l10n';

/**
 * The translations live in one process-wide slot, not in this module: the extension loads some code
 * as second bundles (esbuild cannot split CommonJS), each with its own copy of this module and of
 * @vscode/l10n, and all of them must speak the language the extension was given.
 */
const SLOT = Symbol.for('webhook-studio.l10n.contents');
type Slot = { contents: Record<string, string> };
const slot = (): Slot => ((globalThis as { [SLOT]?: Slot })[SLOT] ??= { contents: {} });
let configuredWith: Record<string, string> | undefined;

export const t: typeof l10n.t = ((...args: Parameters<typeof l10n.t>) => {
  const { contents } = slot();
  if (configuredWith !== contents) {
    l10n.config({ contents });
    configuredWith = contents;
  }
  return (l10n.t as (...a: unknown[]) => string)(...args);
}) as typeof l10n.t;

/** Languages we ship a bundle for (l10n/bundle.l10n.<language>.json); English is the source text. */
export const BUNDLED_LANGUAGES = ['ru'] as const;

/** Use these translations from now on (the contents of a bundle.l10n.<language>.json); none: English. */
export function useTranslations(bundle: Record<string, string> | undefined): void {
  slot().contents = bundle ?? {};
}

/**
 * The bundled language the POSIX locale asks for: LC_ALL, then LC_MESSAGES, then LANG (the first one
 * set wins, as in gettext), e.g. "ru_RU.UTF-8" → "ru". English and unknown languages → undefined.
 */
export function languageFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  const language = locale?.toLowerCase().match(/^[a-z]+/)?.[0];
  return BUNDLED_LANGUAGES.find((bundled) => bundled === language);
}

/** Reads l10n/bundle.l10n.<language>.json from the given l10n folder; undefined if it cannot. */
export function readBundle(l10nDir: string, language: string): Record<string, string> | undefined {
  try {
    return JSON.parse(readFileSync(`${l10nDir}/bundle.l10n.${language}.json`, 'utf8')) as Record<string, string>;
  } catch {
    return undefined;
  }
}
