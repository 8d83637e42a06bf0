// Reads the Chat2Desk Postman collection: the Webhooks folder description (one bullet + JSON example
// per event), the subscription list of POST /v1/webhooks, and the help/* value lists.
import { decodeEntities, htmlToText } from './html';
import type { ExtractedExample, RepairNote } from './model';

export interface ValueList {
  values: (string | number)[];
  descriptions: string[];
  /** Where the list is documented. */
  source: string;
}

/** A field the collection describes somewhere (a request's "Some fields in response" list, ...). */
export interface FieldDoc {
  text: string;
  /** Where, as a reader finds it: `Clients › clients`. */
  section: string;
}

export interface Chat2DeskDocs {
  examples: ExtractedExample[];
  /** Event names as POST /v1/webhooks documents them for `events`. */
  subscriptionList: string[];
  /** Text lists found in the event bullets, by field ("The possible gateway_status for the event: ..."). */
  proseLists: Record<string, ValueList>;
  transports: ValueList;
  messageTypes: ValueList;
  dialogStates: ValueList;
  ticketStatuses: ValueList;
  ticketPriorities: ValueList;
  /** "The System supports up to 5 simultaneous webhooks for free." */
  freeWebhookLimit: number;
  /** Field descriptions from anywhere in the collection, by field name (the first place wins). */
  fieldDocs: Map<string, FieldDoc>;
}

interface PostmanItem {
  name: string;
  item?: PostmanItem[];
  description?: string;
  request?: { method: string; url: string | { raw?: string }; description?: string };
  response?: { body?: string }[];
}

const ORIGIN = 'chat2desk-api.postman_collection.json';
/** How hovers name the document: users know it by this, not by its file name. */
export const CHAT2DESK_SOURCE = 'Chat2Desk API documentation';

function folder(collection: { item: PostmanItem[] }, name: string): PostmanItem {
  const found = collection.item.find((i) => i.name.trim() === name);
  if (!found) throw new Error(`${ORIGIN}: folder "${name}" not found`);
  return found;
}

function request(parent: PostmanItem, method: string, name: string): PostmanItem {
  const found = parent.item?.find((i) => i.name.trim() === name && i.request?.method === method);
  if (!found) throw new Error(`${ORIGIN}: request ${method} ${name} not found in ${parent.name}`);
  return found;
}

function responseData(item: PostmanItem): unknown {
  const body = item.response?.[0]?.body;
  if (!body) throw new Error(`${ORIGIN}: ${item.name} has no example response`);
  return (JSON.parse(body) as { data: unknown }).data;
}

function yesList(capabilities: Record<string, string>): string {
  return (
    Object.entries(capabilities)
      .filter(([, v]) => v === 'yes')
      .map(([k]) => k)
      .join(', ') || 'none'
  );
}

export function extractChat2Desk(collection: { item: PostmanItem[] }): Chat2DeskDocs {
  const webhooks = folder(collection, 'Webhooks');
  const html = webhooks.description ?? '';
  const examples: ExtractedExample[] = [];
  const proseLists: Record<string, ValueList> = {};
  const blocks = [...html.matchAll(/<pre[^>]*><code class="language-json">([\s\S]*?)<\/code><\/pre>/g)];
  let previousEnd = 0;
  for (const block of blocks) {
    const segment = html.slice(previousEnd, block.index);
    previousEnd = block.index! + block[0].length;
    const names = [...segment.matchAll(/<strong>([a-z_]+)<\/strong>/g)];
    if (names.length === 0) throw new Error(`${ORIGIN}: a JSON example in the Webhooks description has no event bullet before it`);
    const subscription = names[names.length - 1][1];
    const bullet = segment.slice(names[names.length - 1].index! + names[names.length - 1][0].length);
    const description = describe(bullet);
    for (const list of bullet.matchAll(/The possible (\w+) for the event:([\s\S]*?)<\/ul>/g)) {
      const values = [...list[2].matchAll(/<li>\s*(?:<p>)?\s*([\w-]+)\s*(?:<\/p>)?\s*<\/li>/g)].map((m) => m[1]);
      proseLists[list[1]] = {
        values,
        descriptions: values.map(() => `Listed for the ${subscription} event`),
        source: `${CHAT2DESK_SOURCE}, Webhooks: ${subscription}`,
      };
    }
    const text = decodeEntities(block[1]);
    const hookType = /"hook_type"\s*:\s*"([^"]+)"/.exec(text)?.[1];
    if (!hookType) throw new Error(`${ORIGIN}: the example of "${subscription}" has no hook_type`);
    // An event documented in two forms: an inline example in the bullet text, then the code block.
    const inline = [...bullet.matchAll(/<code>(\{[\s\S]*?\})<\/code>/g)].filter((m) => /"\w+"\s*:/.test(m[1]));
    const forms =
      inline.length > 0
        ? [
            ...inline.map((m, i) => ({ ...missingHookType(decodeEntities(m[1]), hookType), variant: FORM_NAMES[subscription]?.[i] ?? `form${i + 1}` })),
            { text, repairs: [], variant: FORM_NAMES[subscription]?.[inline.length] ?? `form${inline.length + 1}` },
          ]
        : [{ text, repairs: [], variant: undefined }];
    for (const form of forms) {
      examples.push({
        provider: 'chat2desk',
        event: hookType,
        subscription,
        variant: form.variant,
        title: subscription,
        description,
        origin: `${ORIGIN}, Webhooks: ${subscription}`,
        text: form.text,
        extractionRepairs: form.repairs,
      });
    }
  }

  const subscriptionExample = request(webhooks, 'POST', 'webhooks').request?.description ?? '';
  const eventsBlock = /"events"\s*:\s*\[([\s\S]*?)\]/.exec(decodeEntities(subscriptionExample));
  if (!eventsBlock) throw new Error(`${ORIGIN}: POST webhooks documents no events list`);
  const subscriptionList = [...eventsBlock[1].matchAll(/"([a-z_]+)"/g)].map((m) => m[1]);

  const help = folder(collection, 'Data types and values');
  const transports = responseData(request(help, 'GET', 'transports')) as Record<
    string,
    { from_client: Record<string, string>; to_client: Record<string, string> }
  >;
  const messageTypes = responseData(request(help, 'GET', 'message_types')) as { id: string; description: string }[];
  const dialogStates = responseData(request(help, 'GET', 'dialog_states')) as string[];
  const tickets = responseData(request(help, 'GET', 'tickets')) as Record<string, { id: number; name: string }[]>;
  const limit = /supports up to (\d+) simultaneous webhooks/.exec(htmlToText(html));
  return {
    examples,
    subscriptionList,
    proseLists,
    transports: {
      values: Object.keys(transports),
      // The hover shows the value itself before its description: do not repeat it.
      descriptions: Object.values(transports).map((t) => `From the client: ${yesList(t.from_client)}; to the client: ${yesList(t.to_client)}`),
      source: `${CHAT2DESK_SOURCE}, GET help/transports`,
    },
    messageTypes: {
      values: messageTypes.map((t) => t.id),
      // The doc's own text is sometimes an untranslated key; fall back to the id then.
      descriptions: messageTypes.map((t) =>
        /translation missing/.test(t.description) ? 'A message type (the documentation gives no description)' : t.description,
      ),
      source: `${CHAT2DESK_SOURCE}, GET help/message_types`,
    },
    dialogStates: { values: dialogStates, descriptions: dialogStates.map(() => 'A dialog state'), source: `${CHAT2DESK_SOURCE}, GET help/dialog_states` },
    ticketStatuses: {
      values: tickets['status list'].map((s) => s.id),
      descriptions: tickets['status list'].map((s) => s.name),
      source: `${CHAT2DESK_SOURCE}, GET help/tickets`,
    },
    ticketPriorities: {
      values: tickets['priority list'].map((s) => s.id),
      descriptions: tickets['priority list'].map((s) => s.name),
      source: `${CHAT2DESK_SOURCE}, GET help/tickets`,
    },
    freeWebhookLimit: limit ? Number(limit[1]) : 5,
    fieldDocs: extractFieldDocs(collection.item),
  };
}

/** Names of the documented forms of events that have several (in document order). */
const FORM_NAMES: Record<string, string[]> = { ai_hints_requested: ['hints-requested', 'hint-chosen'] };

/**
 * Repair rule `missing-hook-type`: an example printed inline in a bullet (ai_hints_requested's first
 * form) omits hook_type, which every Chat2Desk payload carries; the bullet's event supplies it.
 */
export function missingHookType(text: string, hookType: string): { text: string; repairs: RepairNote[] } {
  if (/"hook_type"/.test(text)) return { text, repairs: [] };
  return {
    text: text.replace(/\}\s*$/, `, "hook_type": "${hookType}"}`),
    repairs: [{ rule: 'missing-hook-type', detail: `added "hook_type": "${hookType}" from the bullet the example is printed in` }],
  };
}

/** The bullet's prose up to its example, without the "Example of data:" lead-in. */
function describe(bullet: string): string {
  const text = htmlToText(bullet.split(/<pre|<code>\{/)[0]).replace(/^[:\s—–-]+/, '');
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return sentence
    .replace(/\s*Example of (data|event):?[\s\S]*$/i, '')
    .replace(/\s*The possible \w+ for the event:[\s\S]*$/, '')
    .trim();
}

/**
 * Field descriptions written as list items anywhere in the collection: `<li>assigned_name – a name
 * assigned to the client – see ...</li>`. The first section that describes a name wins; the section
 * goes with it, so a hover can say where the text comes from.
 */
export function extractFieldDocs(items: PostmanItem[], path: string[] = [], found = new Map<string, FieldDoc>()): Map<string, FieldDoc> {
  for (const item of items) {
    const section = [...path, item.name];
    const html = [item.description, item.request?.description].filter((d): d is string => typeof d === 'string').join('\n');
    for (const match of html.matchAll(/<li>(?:<p>)?\s*([a-z][a-z0-9_]*)\s+[–—-]\s+([\s\S]*?)<\/li>/g)) {
      const [, name, body] = match;
      const text = htmlToText(body)
        .replace(/\s*[–—-]\s*see\s.*$/i, '')
        .trim();
      if (text.length < 3 || found.has(name)) continue;
      found.set(name, { text: `${text.charAt(0).toUpperCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`, section: section.join(' › ') });
    }
    if (item.item) extractFieldDocs(item.item, section, found);
  }
  return found;
}
