// What to do with a types file that may exist already (never lose someone's edits), and whether a
// generated file is still what the schemas give (`types --check`, for CI). Pure: callers read and write.
import { inspectExisting, optionArgs, schemaVersionOf, type TypesOptions } from './header';
import { optionsFromArgs, TypesOptionError } from './options';

export type WriteDecision =
  | { action: 'create' }
  /** Ours and unedited: replaced. */
  | { action: 'replace' }
  | { action: 'unchanged' }
  /** Someone's edits, or a file we did not write: only with consent (--force, a modal). */
  | { action: 'ask'; reason: 'edited' | 'foreign' };

/** Line endings are the checkout's business (Git may turn LF into CRLF): they are not edits. */
const normalised = (text: string) => text.replace(/\r\n/g, '\n');

export function decideWrite(existing: string | undefined, generated: string): WriteDecision {
  // An empty file holds nothing to lose (one just created to be filled, say).
  if (existing === undefined || existing.trim() === '') return { action: 'create' };
  if (normalised(existing) === generated) return { action: 'unchanged' };
  const state = inspectExisting(existing);
  if (state.state === 'generated') return { action: 'replace' };
  return { action: 'ask', reason: state.state };
}

export type CheckResult =
  | { state: 'up-to-date'; options: TypesOptions; schemaVersion: string }
  /** Regenerating gives other bytes: the schemas changed (`from` → `to`) or the generator did. */
  | { state: 'stale'; options: TypesOptions; from: string; to: string }
  | { state: 'edited'; options: TypesOptions }
  | { state: 'foreign'; detail?: string };

/** `regenerate` makes the file the options ask for from the current schemas. */
export function checkGenerated(text: string, regenerate: (options: TypesOptions) => string): CheckResult {
  const state = inspectExisting(text);
  if (state.state === 'foreign') return { state: 'foreign' };
  let options: TypesOptions;
  try {
    options = optionsFromArgs(state.args);
  } catch (error) {
    if (error instanceof TypesOptionError) return { state: 'foreign', detail: error.message };
    throw error;
  }
  if (state.state === 'edited') return { state: 'edited', options };
  const fresh = regenerate(options);
  const to = schemaVersionOf(fresh);
  if (normalised(text) === fresh) return { state: 'up-to-date', options, schemaVersion: to };
  return { state: 'stale', options, from: state.schemaVersion, to };
}

/** The command that regenerates a file, for messages. */
export const regenerateCommand = (options: TypesOptions, path: string) =>
  `webhook-studio types ${optionArgs(options).join(' ')} --out ${/^[\w./\\:-]+$/.test(path) ? path : JSON.stringify(path)}`;
