// "Connect to my Chat2Desk account": a temporary webhook pointing at the user's tunnel, named so it
// can be recognised (and cleaned up after a crash), created and removed through the API client.
import type { Chat2DeskClient, Webhook } from '../chat2desk/api';

export const TEMPORARY_WEBHOOK_PREFIX = '[Webhook Studio listen]';

export function temporaryWebhookName(now: Date = new Date()): string {
  return `${TEMPORARY_WEBHOOK_PREFIX} ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function isTemporaryWebhook(webhook: Pick<Webhook, 'name'>): boolean {
  return (webhook.name ?? '').startsWith(TEMPORARY_WEBHOOK_PREFIX);
}

export interface ConnectPlan {
  /** Webhooks the account has now. */
  existing: number;
  /** Creating one more goes over the free limit (the doc: up to 5 at once). */
  overFreeLimit: boolean;
  /** Temporary webhooks left by an earlier session (a crash, a closed window). */
  leftovers: Webhook[];
}

export async function planConnect(client: Chat2DeskClient, freeWebhookLimit: number, signal?: AbortSignal): Promise<ConnectPlan> {
  const webhooks = await client.listWebhooks(signal);
  return { existing: webhooks.length, overFreeLimit: webhooks.length >= freeWebhookLimit, leftovers: webhooks.filter(isTemporaryWebhook) };
}

export function createTemporaryWebhook(client: Chat2DeskClient, publicUrl: string, events: string[], now?: Date, signal?: AbortSignal): Promise<Webhook> {
  return client.createWebhook({ name: temporaryWebhookName(now), url: publicUrl, events }, signal);
}

/** Deletes the given temporary webhooks; refuses any other (a mistake here would cost a real integration). */
export async function removeTemporaryWebhooks(
  client: Chat2DeskClient,
  webhooks: Pick<Webhook, 'id' | 'name'>[],
  signal?: AbortSignal,
): Promise<{ removed: number[]; failed: { id: number; error: unknown }[] }> {
  const removed: number[] = [];
  const failed: { id: number; error: unknown }[] = [];
  for (const webhook of webhooks) {
    if (!isTemporaryWebhook(webhook)) {
      failed.push({ id: webhook.id, error: new Error(`"${webhook.name}" is not a temporary Webhook Studio webhook`) });
      continue;
    }
    try {
      await client.deleteWebhook(webhook.id, signal);
      removed.push(webhook.id);
    } catch (error) {
      failed.push({ id: webhook.id, error });
    }
  }
  return { removed, failed };
}
