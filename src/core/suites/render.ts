// A step's payload text at send time: vars ({{client_id}}, {{now}}, {{uuid}}, {{seq}}, {{unique}}) then the patch,
// both as text edits so every literal not touched (1.0, \u00e9, big integers) stays as written.
import { randomUUID } from 'node:crypto';
import { jsoncParser } from '../jsonc';
import { t } from '../l10n';
import { SuiteError } from './errors';
import type { SendStep, SourceRange } from './types';

export interface RenderContext {
  vars: Record<string, unknown>;
  /** Counts sends across the whole run: {{seq}} is 1, 2, 3… */
  seq: { next: number };
  file: string;
}

/**
 * {{unique}} is an integer no other send of this run or of an earlier one gets: milliseconds × 1000, raised
 * above the last value this process gave, so runs started in the same millisecond still differ and a later
 * process starts from a later clock (below 2^53 until the year 2255). For ids the docs type as integers, such
 * as the message_id a handler deduplicates on. {{seq}} restarts at 1 each run; {{uuid}} is a string.
 */
let lastUnique = 0;
function nextUnique(): number {
  lastUnique = Math.max(lastUnique + 1, Date.now() * 1000);
  return lastUnique;
}

function builtins(ctx: RenderContext): Record<string, unknown> {
  const seq = ctx.seq.next++;
  return { now: Math.floor(Date.now() / 1000), uuid: randomUUID(), seq, unique: nextUnique() };
}

/** Replaces `{{name}}` in strings; a string that is only `"{{name}}"` becomes the variable's JSON value (a number stays a number). */
export function substituteVars(text: string, values: Record<string, unknown>, onUnknown: (name: string) => never): string {
  const lookup = (name: string) => (Object.hasOwn(values, name) ? values[name] : onUnknown(name));
  return text
    .replace(/"\{\{\s*([\w.-]+)\s*\}\}"/g, (_m, name: string) => JSON.stringify(lookup(name)))
    .replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (_m, name: string) => {
      const value = lookup(name);
      return JSON.stringify(typeof value === 'string' ? value : JSON.stringify(value)).slice(1, -1);
    });
}

/**
 * `${env:NAME}` in target and probe strings; an unset variable is an error naming it. `${env:NAME:-default}`
 * (as in the shell) takes the default when NAME is unset or empty: a suite can name its usual port and
 * still run where that port is taken (PORT=4000 webhook-studio test …).
 */
export function substituteEnv(text: string, env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): string {
  return text.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g, (_m, name: string, fallback: string | undefined) => {
    const value = extra[name] ?? env[name];
    if (fallback !== undefined) return value || fallback;
    if (value === undefined) throw new SuiteError('suite-env', t('The environment variable {0} is not set (used as ${env:{0}}).', name));
    return value;
  });
}

function unknownVar(ctx: RenderContext, range: SourceRange | undefined) {
  return (name: string): never => {
    throw new SuiteError(
      'suite-unknown-var',
      t('Unknown variable {{{0}}}.', name),
      t('Define it in "vars", or use {{now}}, {{uuid}}, {{seq}}, {{unique}}.'),
      range,
      ctx.file,
    );
  };
}

/** A payload's text with its vars filled in (each call takes the next {{seq}} and a new {{uuid}}). */
export function renderText(text: string, ctx: RenderContext, range: SourceRange | undefined): string {
  return substituteVars(text, { ...builtins(ctx), ...ctx.vars }, unknownVar(ctx, range));
}

export function renderStep(step: SendStep, ctx: RenderContext): string {
  const values = { ...builtins(ctx), ...ctx.vars };
  const unknown = unknownVar(ctx, step.range);
  let text = substituteVars(step.text, values, unknown);
  const { applyEdits, modify } = jsoncParser();
  for (const p of step.patch) {
    const value = typeof p.value === 'string' ? JSON.parse(substituteVars(JSON.stringify(p.value), values, unknown)) : p.value;
    text = applyEdits(text, modify(text, p.path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
  }
  return text;
}
