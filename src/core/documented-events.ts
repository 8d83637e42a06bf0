// "New Payload from Documented Event…": one pick item per documented example of both platforms, the
// fixture file it becomes (`<event>.<provider>.json`), and the example with a fresh event time.
import { jsoncParser } from './jsonc';
import { PROVIDER_NAMES, type Provider } from './provider';
import { loadPayloadSnippets } from './payload-snippets';

export interface DocumentedEventItem {
  /** The event as the file is named: `inbox`, `message_created.client`. */
  event: string;
  provider: Provider;
  /** What the quick pick shows. */
  label: string;
  description: string;
  detail: string;
  fileName: string;
  /** The documented example, pretty-printed. */
  text: string;
}

const PROVIDERS: readonly Provider[] = ['chat2desk', 'iqchannels'];

/** `language`: VS Code's display language; in Russian, IQChannels events are described by the documents' Russian titles. */
export function documentedEventItems(schemasDir: string, language = 'en'): DocumentedEventItem[] {
  return PROVIDERS.flatMap((provider) =>
    loadPayloadSnippets(schemasDir, provider, language).map((snippet) => {
      const event = (snippet.example.split('/').pop() ?? snippet.example).replace(/\.json$/, '');
      return {
        event,
        provider,
        label: event,
        description: PROVIDER_NAMES[provider],
        detail: snippet.description,
        fileName: `${event}.${provider}.json`,
        text: snippet.text,
      };
    }),
  );
}

/** The events a Chat2Desk handler starts with, offered first (in this order) by New Payload. */
export const MOST_USED_EVENTS: readonly string[] = ['inbox', 'outbox', 'new_client', 'new_request', 'close_dialog'];

/** The items split in two: the most used Chat2Desk events (in MOST_USED_EVENTS order), then the rest as they were. */
export function mostUsedFirst(items: readonly DocumentedEventItem[]): { mostUsed: DocumentedEventItem[]; others: DocumentedEventItem[] } {
  const isMostUsed = (item: DocumentedEventItem) => item.provider === 'chat2desk' && MOST_USED_EVENTS.includes(item.event);
  return {
    mostUsed: MOST_USED_EVENTS.flatMap((event) => items.filter((item) => isMostUsed(item) && item.event === event)),
    others: items.filter((item) => !isMostUsed(item)),
  };
}

/**
 * The example with its event time set to `now`: Chat2Desk's top-level `event_time` (ISO 8601, as the
 * docs print it), IQChannels' `ChatEvent.CreatedAt` (milliseconds). Everything else is left as written.
 */
export function withFreshEventTime(text: string, provider: Provider, now: Date): string {
  const { applyEdits, modify, parseTree, findNodeAtLocation } = jsoncParser();
  const tree = parseTree(text);
  if (!tree) return text;
  const path = provider === 'chat2desk' ? ['event_time'] : ['ChatEvent', 'CreatedAt'];
  const node = findNodeAtLocation(tree, path);
  if (!node) return text;
  const value = node.type === 'number' ? now.getTime() : now.toISOString();
  return applyEdits(text, modify(text, path, value, { formattingOptions: { insertSpaces: true, tabSize: 2 } }));
}
