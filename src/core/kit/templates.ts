// Where the scaffold templates are read from: templates/scaffolds/ in a checkout (the real files, always
// current), dist/scaffolds.json.br in the VSIX (the same files in one brotli-compressed JSON object,
// written by esbuild.mjs: less than half the size of 23 small files in the package).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { WebhookStudioError } from '../errors';
import { t } from '../l10n';

/** A template's text by its path relative to templates/scaffolds/ ('/'-separated). */
export type TemplateSource = (template: string) => string;

export class TemplateMissingError extends WebhookStudioError {
  readonly code = 'template-missing';
  constructor(template: string, detail: string) {
    super(t('The scaffold template {0} is missing from this installation ({1}).', template, detail), t('Reinstall Webhook Studio.'));
  }
}

/** The packed templates of an installation. */
export const TEMPLATE_PACK = join('dist', 'scaffolds.json.br');

/** Templates of the installation whose root folder (with package.json) is `root`. */
export function templateSource(root: string): TemplateSource {
  const dir = join(root, 'templates', 'scaffolds');
  if (existsSync(dir)) return templatesInFolder(dir);
  let pack: Record<string, string> | undefined;
  return (template) => {
    try {
      pack ??= JSON.parse(brotliDecompressSync(readFileSync(join(root, TEMPLATE_PACK))).toString('utf8')) as Record<string, string>;
    } catch (error) {
      throw new TemplateMissingError(template, (error as Error).message);
    }
    const text = pack[template];
    if (typeof text !== 'string') throw new TemplateMissingError(template, TEMPLATE_PACK);
    return text;
  };
}

export function templatesInFolder(dir: string): TemplateSource {
  return (template) => {
    try {
      return readFileSync(join(dir, ...template.split('/')), 'utf8');
    } catch (error) {
      throw new TemplateMissingError(template, (error as Error).message);
    }
  };
}
