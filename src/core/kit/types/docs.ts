// The documentation every language attaches to its types, from the vendor texts the schemas carry: the
// event's description (IQChannels' Russian title kept beside the English), where it is documented, how it
// is told apart and subscribed to, each member's note and what each documented value means.
import type { EnumType, EventType, Field, LiteralValue, ObjectType, PlatformModel } from './model';

const code = (value: string | number) => `\`${typeof value === 'string' ? JSON.stringify(value) : value}\``;

/** One line when every value says the same (or nothing), else a bullet per value. */
export function valuesDoc(values: LiteralValue[]): string {
  const descriptions = [...new Set(values.map((v) => v.description ?? ''))];
  if (descriptions.length === 1) {
    const list = values.map((v) => code(v.value)).join(', ');
    return descriptions[0] ? `${descriptions[0]}: ${list}.` : `Documented values: ${list}.`;
  }
  return values.map((v) => `- ${code(v.value)}${v.description ? `: ${v.description}` : ''}`).join('\n');
}

export function enumDoc(type: EnumType): string {
  return [type.description, valuesDoc(type.values)].filter(Boolean).join('\n\n');
}

/** A member's note, and its values when they are listed inline (a shared list documents its own). */
export function fieldDoc(field: Field): string | undefined {
  const literal = inlineLiteral(field.type);
  const parts = [field.description, literal && literal.values.length > 1 ? valuesDoc(literal.values) : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join('\n\n') : undefined;
}

function inlineLiteral(type: Field['type']): Extract<Field['type'], { kind: 'literal' }> | undefined {
  if (type.kind === 'literal') return type.enum ? undefined : type;
  if (type.kind === 'union') return type.members.map(inlineLiteral).find(Boolean);
  if (type.kind === 'array') return inlineLiteral(type.items);
  return undefined;
}

export function eventOf(platform: PlatformModel, object: ObjectType): EventType | undefined {
  return platform.events.find((e) => e.payload === object.name);
}

/** How a payload of this event is recognised (and, for Chat2Desk, subscribed to). */
export function recognitionDoc(platform: PlatformModel, event: EventType): string {
  const sent = `${platform.displayName} sends it with ${platform.discriminator.join('.')} ${code(event.event)}`;
  if (!event.subscription) return `${sent}.`;
  const subscribe = event.subscription === event.event ? 'subscribe to it by that name' : `subscribe to it as ${code(event.subscription)}`;
  return `${sent}; ${subscribe} (POST /v1/webhooks \`events\`).`;
}

export function objectDoc(platform: PlatformModel, object: ObjectType): string | undefined {
  const event = eventOf(platform, object);
  if (!event) return object.description;
  return [event.description, [recognitionDoc(platform, event), event.source ? `Source: ${event.source}.` : undefined].filter(Boolean).join('\n')].join('\n\n');
}

/** The note on the member that holds what the documents do not show. */
export const EXTRA_MEMBERS_DOC = 'Members the documentation does not show: real payloads may carry more.';
