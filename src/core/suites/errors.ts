import { WebhookStudioError } from '../errors';
import type { SourceRange } from './types';

/** Bad suite input or a target that cannot be run: where (file, range) and what to do. */
export class SuiteError extends WebhookStudioError {
  constructor(
    readonly code: string,
    message: string,
    hint?: string,
    readonly range?: SourceRange,
    readonly file?: string,
  ) {
    super(message, hint);
  }
}

/** `file:line:column` (1-based, as editors and compilers print it). */
export function where(file: string | undefined, range: SourceRange | undefined): string {
  if (!file) return '';
  return range ? `${file}:${range.startLine + 1}:${range.startColumn + 1}` : file;
}
