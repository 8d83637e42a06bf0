// The multi-step input for adding or editing a webhook: name, URL (checked as you type), events
// (the documented list with descriptions), channels (optional).
import * as vscode from 'vscode';
import type { WebhookInput } from '../../core/chat2desk/api';
import type { EventCatalogue } from '../../core/chat2desk/events';
import { describeError } from '../../core/errors';
import { parseEndpointUrl } from '../../core/send';

export function parseChannels(text: string): number[] | undefined | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const parts = trimmed.split(/[\s,]+/);
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : 'invalid';
}

export async function askWebhookInput(catalogue: EventCatalogue, title: string, current?: Partial<WebhookInput>): Promise<WebhookInput | undefined> {
  const name = await vscode.window.showInputBox({
    title: `${title} (1/4)`, prompt: 'Name', value: current?.name ?? '', ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Give the webhook a name' : undefined),
  });
  if (name === undefined) return undefined;
  const url = await vscode.window.showInputBox({
    title: `${title} (2/4)`, prompt: 'URL on your server where Chat2Desk will POST events (https recommended)', value: current?.url ?? 'https://', ignoreFocusOut: true,
    validateInput: (v) => { try { parseEndpointUrl(v); return undefined; } catch (error) { return describeError(error); } },
  });
  if (url === undefined) return undefined;
  const selected = new Set(current?.events ?? []);
  const picked = await vscode.window.showQuickPick(catalogue.events.map((e) => ({
    label: e.subscription,
    description: e.hookType !== e.subscription ? `payload hook_type: ${e.hookType}` : undefined,
    detail: e.description, picked: selected.has(e.subscription),
  })), { title: `${title} (3/4)`, placeHolder: 'Events that trigger the webhook', canPickMany: true, ignoreFocusOut: true, matchOnDetail: true });
  if (!picked) return undefined;
  if (picked.length === 0) {
    void vscode.window.showWarningMessage('A webhook needs at least one event.');
    return undefined;
  }
  const channelsText = await vscode.window.showInputBox({
    title: `${title} (4/4)`, prompt: 'Channel ids, comma separated. Empty: events of all channels (events not tied to a channel always arrive).',
    value: current?.channels?.join(', ') ?? '', ignoreFocusOut: true,
    validateInput: (v) => (parseChannels(v) === 'invalid' ? 'Channel ids are whole numbers, e.g. 1123, 5813' : undefined),
  });
  if (channelsText === undefined) return undefined;
  const channels = parseChannels(channelsText);
  return { name: name.trim(), url: url.trim(), events: picked.map((p) => p.label), ...(channels && channels !== 'invalid' ? { channels } : {}) };
}
