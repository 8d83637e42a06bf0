// The Chat2Desk event catalogue generated from the docs (schemas/chat2desk.events.json): the names to
// subscribe with and the hook_type each payload carries, which differ for some events.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type * as z from 'zod/mini';
import { onFirstUse, shape } from '../shapes';
import { withFreshEventTime } from '../documented-events';
import { documentedExampleText } from '../payload-snippets';

const catalogueSchema = shape((z) =>
  z.object({
    freeWebhookLimit: z.int().check(z.positive()),
    events: z.array(
      z.object({
        subscription: z.string(),
        hookType: z.string(),
        description: z.string(),
        inSubscriptionExample: z.boolean(),
        examples: z.array(z.string()).check(z.minLength(1)),
      }),
    ),
  }),
);

export type EventCatalogue = z.infer<typeof catalogueSchema>;
export type CatalogueEvent = EventCatalogue['events'][number];

/** Read and checked on first use (activation hands it to the views without reading it). */
export function loadEventCatalogue(schemasDir: string): EventCatalogue {
  return onFirstUse(() => catalogueSchema.parse(JSON.parse(readFileSync(join(schemasDir, 'chat2desk.events.json'), 'utf8'))));
}

/** The catalogue entry for a subscription name (what GET /v1/webhooks lists in `events`). */
export function eventBySubscription(catalogue: EventCatalogue, subscription: string): CatalogueEvent | undefined {
  return catalogue.events.find((e) => e.subscription === subscription);
}

/** The documented example payload for an event, with `event_time` set to `now` (ISO 8601). */
export function examplePayloadText(schemasDir: string, event: CatalogueEvent, now: Date = new Date()): string {
  const example = documentedExampleText(schemasDir, 'chat2desk', event.examples[event.examples.length - 1]);
  return `${withFreshEventTime(example, 'chat2desk', now)}\n`;
}
