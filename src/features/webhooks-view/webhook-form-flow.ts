// The steps of the Add/Edit webhook form as a small state machine: name → URL → events → channels,
// with Back on every step after the first. A soft error (no event picked) keeps everything typed so
// far and asks again. No vscode import: webhook-form.ts supplies the real input boxes and picks.
import type { WebhookInput } from '../../core/chat2desk/api';
import { t } from '../../core/l10n';

export const BACK = Symbol('back');
export type StepAnswer<T> = T | typeof BACK | undefined;

export interface FormSteps {
  /** Each step gets its current value and whether Back is offered; undefined means cancelled. */
  name(value: string, step: StepInfo): Promise<StepAnswer<string>>;
  url(value: string, step: StepInfo): Promise<StepAnswer<string>>;
  events(selected: string[], step: StepInfo): Promise<StepAnswer<string[]>>;
  channels(value: string, step: StepInfo): Promise<StepAnswer<string>>;
  /** A problem with an answer, shown beside the step that is asked again. */
  warn(message: string): void;
}

export interface StepInfo {
  index: number;
  count: number;
  canGoBack: boolean;
}

export function parseChannels(text: string): number[] | undefined | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const parts = trimmed.split(/[\s,]+/);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : 'invalid';
}

export async function runWebhookForm(steps: FormSteps, current: Partial<WebhookInput> = {}): Promise<WebhookInput | undefined> {
  const draft = { name: current.name ?? '', url: current.url ?? 'https://', events: [...(current.events ?? [])], channels: current.channels?.join(', ') ?? '' };
  const order = ['name', 'url', 'events', 'channels'] as const;
  let index = 0;
  while (index < order.length) {
    const step: StepInfo = { index: index + 1, count: order.length, canGoBack: index > 0 };
    const which = order[index];
    const answer = which === 'events' ? await steps.events(draft.events, step) : await steps[which](draft[which], step);
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      index = Math.max(0, index - 1);
      continue;
    }
    if (which === 'events') {
      const events = answer as string[];
      draft.events = events;
      if (events.length === 0) {
        steps.warn(t('A webhook needs at least one event: pick one or more (or go Back).'));
        continue;
      }
    } else draft[which] = answer as string;
    index++;
  }
  const channels = parseChannels(draft.channels);
  return { name: draft.name.trim(), url: draft.url.trim(), events: draft.events, ...(channels && channels !== 'invalid' ? { channels } : {}) };
}
