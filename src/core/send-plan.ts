// The pure half of "prepare, then send", shared by Send, Send Test Event, Send to the Listener, Deliver
// and Replay (features/send/prepare-send.ts asks the questions): every payload is planned before anything
// is asked, schema problems make one question for the whole batch, and a token is checked before use.
import { PROVIDER_NAMES } from './provider';
import { t } from './l10n';
import { planPayload, type PayloadInput, type PayloadPlan, type PlanOptions } from './payload';
import { checkToken } from './wire-checks';

/** A payload to plan; `sign` forces signing on or off (default: sign unless IQChannels). */
export interface PlanInput extends PayloadInput {
  sign?: boolean;
}

export type PlanOutcome = { kind: 'planned'; plans: PayloadPlan[] } | { kind: 'refused'; index: number; error: unknown };

/**
 * Plans every payload, or names the first that cannot be sent (invalid JSON with its position, a bad
 * encoding, not an object): a sequence is all or nothing, and nothing is asked about a payload that
 * cannot be sent.
 */
export function planAll(inputs: readonly PlanInput[], options: Omit<PlanOptions, 'sign'>): PlanOutcome {
  const plans: PayloadPlan[] = [];
  for (const [index, { sign, ...input }] of inputs.entries()) {
    try {
      plans.push(planPayload(input, { ...options, sign }));
    } catch (error) {
      return { kind: 'refused', index, error };
    }
  }
  return { kind: 'planned', plans };
}

export interface SchemaQuestion {
  message: string;
  /** The first problem, where it is. */
  detail: string;
  /** Which plans have problems, in order. */
  invalid: number[];
}

/** The one question about schema problems for a whole batch, or nothing to ask. Payloads of no known platform have no schema. */
export function schemaQuestion(plans: readonly PayloadPlan[]): SchemaQuestion | undefined {
  const invalid = plans.flatMap((plan, index) => (plan.provider !== undefined && plan.problems.length > 0 ? [index] : []));
  if (invalid.length === 0) return undefined;
  const first = plans[invalid[0]];
  const problem = first.problems[0];
  const provider = PROVIDER_NAMES[first.provider!];
  if (invalid.length === 1)
    return {
      invalid,
      message:
        first.problemCount > 1
          ? t('{0} does not match the {1} schema ({2} problems).', first.source ?? '', provider, first.problemCount)
          : t('{0} does not match the {1} schema (1 problem).', first.source ?? '', provider),
      detail: t('First, at {0} (line {1}, column {2}): {3}', problem.path, problem.line, problem.column, problem.message),
    };
  const oneProvider = invalid.every((index) => plans[index].provider === first.provider);
  return {
    invalid,
    message: oneProvider
      ? t('{0} payloads do not match the {1} schema.', invalid.length, provider)
      : t('{0} payloads do not match their schemas.', invalid.length),
    detail: t('First, in {0} at {1} (line {2}): {3}', first.source ?? '', problem.path, problem.line, problem.message),
  };
}

/** Whether a token is needed: Chat2Desk payloads sign; IQChannels only when asked. */
export function needsToken(plans: readonly PayloadPlan[]): boolean {
  return plans.some((plan) => plan.signs);
}

/** Why an account's token cannot sign (none set, or not a token HTTP can carry), or nothing when it can. */
export function tokenRefusal(account: string, token: string | undefined): string | undefined {
  if (token === undefined || token === '') return t('No Chat2Desk API token is set for "{0}": it is needed to sign the webhook.', account);
  const problem = checkToken(token);
  return problem ? t('The API token for "{0}" cannot be right: {1}', account, problem) : undefined;
}
