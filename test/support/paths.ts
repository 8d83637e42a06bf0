import { templatesInFolder } from '../../src/core/kit/templates';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const SCHEMAS_DIR = join(REPO_ROOT, 'schemas');
/** The vendor documents: ../shared/docs beside the repository (as in CI), or WEBHOOK_STUDIO_DOCS. */
export const DOCS_DIR = resolve(process.env.WEBHOOK_STUDIO_DOCS ?? join(REPO_ROOT, '..', 'shared', 'docs'));
/** The handler kit's scaffold templates, read from the repository's files. */
export const TEMPLATES_DIR = join(REPO_ROOT, 'templates', 'scaffolds');
export const TEMPLATES = templatesInFolder(TEMPLATES_DIR);
