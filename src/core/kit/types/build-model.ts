// Builds the types model of one platform from its self-contained root schema (schemas/<provider>.schema.json:
// the events and shared definitions inline) and its event catalogue (schemas/<provider>.events.json: event
// order, Chat2Desk's subscription names). Only the keywords our schema generator writes are read; any
// other construct is an error naming where it is, so a schema change cannot be silently mistyped.
import { PROVIDER_NAMES, type Provider } from '../../provider';
import type { EnumType, EventType, Field, LiteralValue, ObjectType, PlatformModel, TypeRef } from './model';
import { NameRegistry, pascalCase, singular } from './names';

type Schema = Record<string, unknown>;

export interface PlatformSources {
  provider: Provider;
  /** The parsed root schema. */
  schema: Schema;
  /** The parsed event catalogue. */
  catalogue: { events: { subscription?: string; hookType?: string; event?: string; description: string; examples: string[] }[] };
  /** `chat2desk sha256:…` (sources.ts hashes the files). */
  schemaVersion: string;
}

const DISCRIMINATORS: Record<Provider, string[]> = { chat2desk: ['hook_type'], iqchannels: ['ChatEvent', 'Type'] };

/** Where a schema sits, for naming what it defines and for messages. */
interface Place {
  /** PascalCase base for an inline object defined here: `Chat2DeskOutboxStatusData`. */
  name: string;
  /** JSON-pointer-like location, for errors. */
  at: string;
  /** The event whose own schema this is inside. */
  event?: string;
  /** The events a "Documented in" note here would list without saying anything new (the enclosing object's). */
  implied?: string;
  /** The member's name, for naming a value list. */
  field?: string;
}

interface LiteralUse {
  ref: Extract<TypeRef, { kind: 'literal' }>;
  field: string;
  description?: string;
}

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

const DOCUMENTED_IN = /\s*Documented in: ([^.]*)\.\s*$/;

/** The events a schema generator's "Documented in: …" note lists. */
const documentedIn = (description: unknown) => (typeof description === 'string' ? DOCUMENTED_IN.exec(description)?.[1].trim() : undefined);

/** The description without a "Documented in" note that lists only `implied` (what the enclosing type says already). */
export function cleanDescription(description: unknown, implied: string | undefined): string | undefined {
  if (typeof description !== 'string') return undefined;
  const text = description.replace(DOCUMENTED_IN, (note, events: string) => (implied !== undefined && events.trim() === implied ? '' : note)).trim();
  return text || undefined;
}

class ModelBuilder {
  private readonly names: NameRegistry;
  private readonly objects: ObjectType[] = [];
  private readonly definitionTypes = new Map<string, TypeRef>();
  private readonly inProgress = new Set<string>();
  private readonly literals: LiteralUse[] = [];
  readonly prefix: string;

  constructor(
    private readonly provider: Provider,
    private readonly definitions: Record<string, Schema>,
  ) {
    this.prefix = PROVIDER_NAMES[provider];
    this.names = new NameRegistry();
  }

  /** The object type of an event's payload. */
  eventPayload(event: string): string {
    const schema = this.definitions[`event_${event}`];
    if (!isObject(schema)) throw new Error(`${this.provider}.schema.json: no definition event_${event} for an event of the catalogue`);
    const base = `${this.prefix}${pascalCase(event)}`;
    const name = this.names.claim(`${base}Payload`);
    this.defineObject(name, schema, { name: base, at: `#/definitions/event_${event}`, event, implied: event });
    return name;
  }

  private definition(ref: string, at: string): TypeRef {
    const match = /^#\/definitions\/([^/]+)$/.exec(ref);
    const schema = match ? this.definitions[match[1]] : undefined;
    if (!match || !isObject(schema)) throw new Error(`${this.provider}.schema.json ${at}: $ref ${ref} does not name a definition`);
    const key = match[1];
    const known = this.definitionTypes.get(key);
    if (known) return known;
    if (this.inProgress.has(key))
      throw new Error(`${this.provider}.schema.json: definition ${key} refers to itself; the types generator does not support recursion`);
    this.inProgress.add(key);
    const place = { name: `${this.prefix}${pascalCase(key)}`, at: `#/definitions/${key}` };
    const type = this.type(schema, place);
    this.inProgress.delete(key);
    this.definitionTypes.set(key, type);
    return type;
  }

  private defineObject(name: string, schema: Schema, place: Place, parts?: { base: ObjectType; narrowed: Schema }): ObjectType {
    const required = new Set([...((schema.required as string[] | undefined) ?? []), ...((parts?.narrowed.required as string[] | undefined) ?? [])]);
    // Its members' notes that list the events this object's own note lists say nothing new.
    const inside = { ...place, implied: documentedIn(schema.description) ?? place.implied };
    const own = this.fields(isObject(schema.properties) ? schema.properties : {}, required, inside);
    const narrowed = parts ? this.fields(isObject(parts.narrowed.properties) ? parts.narrowed.properties : {}, required, inside) : [];
    const fields: Field[] = parts
      ? [
          ...parts.base.fields.map((f) => narrowed.find((n) => n.name === f.name) ?? f),
          ...narrowed.filter((n) => !parts.base.fields.some((f) => f.name === n.name)),
        ]
      : own;
    const object: ObjectType = {
      name,
      description: parts
        ? `${parts.base.name} as a \`${place.event}\` payload carries it: ${narrowed.map((f) => f.name).join(', ')} fixed.`
        : cleanDescription(schema.description, place.implied),
      fields,
      ...(parts ? { base: { name: parts.base.name, overrides: narrowed.map((f) => f.name) } } : {}),
    };
    this.objects.push(object); // after its fields' objects: dependencies first
    return object;
  }

  private fields(properties: Schema, required: Set<string>, place: Place): Field[] {
    return Object.entries(properties).map(([name, schema]) => {
      if (!isObject(schema)) throw new Error(`${this.provider}.schema.json ${place.at}/properties/${name}: not a schema`);
      const type = this.type(schema, { ...place, name: `${place.name}${pascalCase(name)}`, at: `${place.at}/properties/${name}`, field: name });
      const description = cleanDescription(schema.description, place.implied);
      return { name, type, required: required.has(name), ...(description ? { description } : {}) };
    });
  }

  type(schema: Schema, place: Place): TypeRef {
    if (typeof schema.$ref === 'string') return this.definition(schema.$ref, place.at);
    if (Array.isArray(schema.allOf)) return this.narrowed(schema.allOf, place);
    for (const key of ['anyOf', 'oneOf'] as const) {
      const members = schema[key];
      if (Array.isArray(members)) return union(members.map((m, i) => this.type(m as Schema, { ...place, at: `${place.at}/${key}/${i}` })));
    }
    if ('const' in schema) return this.literal(schema, [schema.const], place);
    if (Array.isArray(schema.enum)) return this.literal(schema, schema.enum, place);
    const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (types.length === 0) return { kind: 'unknown' };
    return union(types.map((type) => this.typed(type, schema, place)));
  }

  private typed(type: string, schema: Schema, place: Place): TypeRef {
    switch (type) {
      case 'object': {
        if (!isObject(schema.properties) || Object.keys(schema.properties).length === 0) return { kind: 'map' };
        return { kind: 'object', name: this.defineObject(this.names.claim(place.name), schema, place).name };
      }
      case 'array': {
        if (!isObject(schema.items)) return { kind: 'array', items: { kind: 'unknown' } };
        const itemName = place.field
          ? place.name.slice(0, place.name.length - pascalCase(place.field).length) + pascalCase(singular(place.field))
          : `${place.name}Item`;
        return { kind: 'array', items: this.type(schema.items, { ...place, name: itemName, at: `${place.at}/items` }) };
      }
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
      case 'null':
        return { kind: type };
      default:
        throw new Error(`${this.provider}.schema.json ${place.at}: type "${type}" is not supported by the types generator`);
    }
  }

  private literal(schema: Schema, values: unknown[], place: Place): TypeRef {
    const bad = values.find((v) => typeof v !== 'string' && typeof v !== 'number');
    if (bad !== undefined) throw new Error(`${this.provider}.schema.json ${place.at}: the value ${JSON.stringify(bad)} is not a string or a number`);
    const base = values.every((v) => typeof v === 'string') ? 'string' : values.every((v) => Number.isInteger(v)) ? 'integer' : 'number';
    if (base === 'number' && values.some((v) => typeof v === 'string'))
      throw new Error(`${this.provider}.schema.json ${place.at}: a value list mixes strings and numbers`);
    const descriptions = Array.isArray(schema.enumDescriptions) ? (schema.enumDescriptions as unknown[]) : [];
    const literal: Extract<TypeRef, { kind: 'literal' }> = {
      kind: 'literal',
      base,
      values: values.map((value, i): LiteralValue => {
        const description = descriptions[i];
        return typeof description === 'string' && description ? { value: value as string | number, description } : { value: value as string | number };
      }),
    };
    // A shared list is documented once: where it is used is the fields' business.
    const description = typeof schema.description === 'string' ? schema.description.replace(DOCUMENTED_IN, '').trim() || undefined : undefined;
    if (!('const' in schema)) this.literals.push({ ref: literal, field: place.field ?? place.name, description });
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [];
    return types.includes('null') && !values.includes(null) ? union([literal, { kind: 'null' }]) : literal;
  }

  /** `allOf: [{$ref: object}, {properties: {Type: {const}}}]`: the referenced object with members narrowed. */
  private narrowed(parts: unknown[], place: Place): TypeRef {
    const [first, ...rest] = parts as Schema[];
    const base = isObject(first) ? this.type(first, { ...place, at: `${place.at}/allOf/0` }) : undefined;
    if (base?.kind !== 'object' || rest.length !== 1 || !isObject(rest[0]) || rest[0].type !== 'object')
      throw new Error(`${this.provider}.schema.json ${place.at}: only allOf [a $ref to an object, an object narrowing it] is supported by the types generator`);
    const baseObject = this.objects.find((o) => o.name === base.name)!;
    return { kind: 'object', name: this.defineObject(this.names.claim(place.name), {}, place, { base: baseObject, narrowed: rest[0] }).name };
  }

  /** A value list used in two places or more becomes one named type; the others stay inline. */
  finish(): { objects: ObjectType[]; enums: EnumType[] } {
    const groups = new Map<string, LiteralUse[]>();
    for (const use of this.literals) {
      const key = JSON.stringify([use.ref.base, use.ref.values]);
      groups.set(key, [...(groups.get(key) ?? []), use]);
    }
    const enums: EnumType[] = [];
    for (const uses of groups.values()) {
      if (uses.length < 2) continue;
      const [first] = uses;
      // A vendor list is named for what it lists (`GET help/message_types` → MessageType), else for its field.
      const listed = /GET help\/([A-Za-z_]+)/.exec(first.description ?? '')?.[1];
      const name = this.names.claim(`${this.prefix}${pascalCase(singular(listed ?? first.field))}`);
      enums.push({ name, base: first.ref.base, values: first.ref.values, ...(first.description ? { description: first.description } : {}) });
      for (const use of uses) use.ref.enum = name;
    }
    return { objects: this.objects, enums };
  }
}

function union(members: TypeRef[]): TypeRef {
  const flat = members.flatMap((m) => (m.kind === 'union' ? m.members : [m]));
  const unique = flat.filter((m, i) => flat.findIndex((o) => JSON.stringify(o) === JSON.stringify(m)) === i);
  return unique.length === 1 ? unique[0] : { kind: 'union', members: unique };
}

function sourceOf(schema: Schema): string | undefined {
  const markdown = typeof schema.markdownDescription === 'string' ? schema.markdownDescription : '';
  return /(?:^|\n)Source: (.+?)\.?\s*$/.exec(markdown)?.[1];
}

export function buildPlatformModel(sources: PlatformSources): PlatformModel {
  const { provider, schema, catalogue } = sources;
  const definitions = isObject(schema.definitions) ? (schema.definitions as Record<string, Schema>) : {};
  const builder = new ModelBuilder(provider, definitions);
  const events: EventType[] = catalogue.events.map((entry) => {
    const event = entry.hookType ?? entry.event;
    if (!event) throw new Error(`${provider}.events.json: an event without a name`);
    const payload = builder.eventPayload(event);
    const eventSchema = definitions[`event_${event}`];
    const source = sourceOf(eventSchema);
    return {
      event,
      ...(entry.subscription ? { subscription: entry.subscription } : {}),
      description: entry.description,
      ...(source ? { source } : {}),
      payload,
    };
  });
  const { objects, enums } = builder.finish();
  return { provider, displayName: builder.prefix, discriminator: DISCRIMINATORS[provider], schemaVersion: sources.schemaVersion, objects, enums, events };
}
