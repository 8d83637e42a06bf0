// The one intermediate model every language emitter reads: named object types, documented value lists
// and the events with their discriminator, built from the generated schemas (build-model.ts). It keeps
// what the schemas claim and nothing more: optional unless required, null only where documented, any
// value where the documents show only null, and every object open to members the documents do not show.
import type { Provider } from '../../provider';

export interface LiteralValue {
  value: string | number;
  /** What the documentation says this value means (absent when it says nothing useful). */
  description?: string;
}

export type TypeRef =
  /** Any JSON value: the documents show only null, or no type at all. */
  | { kind: 'unknown' }
  | { kind: 'string' | 'integer' | 'number' | 'boolean' | 'null' }
  /** A documented list of values; `enum` names the shared list when it is emitted once (EnumType). */
  | { kind: 'literal'; base: 'string' | 'integer' | 'number'; values: LiteralValue[]; enum?: string }
  | { kind: 'array'; items: TypeRef }
  /** An object documented only as `{}`: any members. */
  | { kind: 'map' }
  | { kind: 'object'; name: string }
  /** Documented alternatives, `null` among them where the documents show it. */
  | { kind: 'union'; members: TypeRef[] };

export interface Field {
  /** The member's name in the JSON payload, exactly. */
  name: string;
  type: TypeRef;
  required: boolean;
  description?: string;
}

export interface ObjectType {
  /** PascalCase, provider-prefixed, unique within the model: `Chat2DeskClient`, `IQChannelsRelsFile`. */
  name: string;
  description?: string;
  /** Every member, inherited ones included, in the schema's order. */
  fields: Field[];
  /**
   * This object is another one with some members narrowed (IQChannels' ChatEvent with `Type` fixed to
   * one event): languages with literal types extend the base; the others use the base itself.
   */
  base?: { name: string; overrides: string[] };
}

/** A documented value list used in several places, emitted once under its name. */
export interface EnumType {
  name: string;
  base: 'string' | 'integer' | 'number';
  values: LiteralValue[];
  description?: string;
}

export interface EventType {
  /** The discriminator's value: `hook_type` (Chat2Desk) or `ChatEvent.Type` (IQChannels). */
  event: string;
  /** Chat2Desk: the name to subscribe with, where it differs from the hook_type or not. */
  subscription?: string;
  description: string;
  /** Where the documentation says it, for readers. */
  source?: string;
  /** The payload's ObjectType. */
  payload: string;
}

export interface PlatformModel {
  provider: Provider;
  /** How people name the platform: `Chat2Desk`, `IQChannels` (also the prefix of every type name). */
  displayName: string;
  /** The discriminator's path in the payload: `['hook_type']` or `['ChatEvent', 'Type']`. */
  discriminator: string[];
  /** `chat2desk sha256:…`: the schema version the types were generated from. */
  schemaVersion: string;
  /** Dependencies first: an object is listed after every object its fields name. */
  objects: ObjectType[];
  enums: EnumType[];
  events: EventType[];
}

/** The models of the platforms one file covers, in a fixed order. */
export interface TypesModel {
  platforms: PlatformModel[];
}

export const objectByName = (model: PlatformModel, name: string): ObjectType => {
  const found = model.objects.find((o) => o.name === name);
  if (!found) throw new Error(`types model: no object ${name}`);
  return found;
};

/** Languages without literal types use a narrowed object's base in its place. */
export const unnarrowedName = (model: PlatformModel, name: string): string => model.objects.find((o) => o.name === name)?.base?.name ?? name;

/** The type without its `null` alternative, and whether it had one. */
export function withoutNull(type: TypeRef): { type: TypeRef; nullable: boolean } {
  if (type.kind === 'null') return { type: { kind: 'unknown' }, nullable: true };
  if (type.kind !== 'union') return { type, nullable: false };
  const members = type.members.filter((m) => m.kind !== 'null');
  const nullable = members.length !== type.members.length;
  return { type: members.length === 1 ? members[0] : { kind: 'union', members }, nullable };
}
