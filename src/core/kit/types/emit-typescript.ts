// TypeScript: an interface per object (open to undocumented members), a union per platform told apart by
// its discriminator, a map from event name to payload, and a type guard. Printed as Prettier's defaults
// print it (80 columns, double quotes), so a formatter leaves it as it is.
import { EXTRA_MEMBERS_DOC, enumDoc, fieldDoc, objectDoc } from './docs';
import type { EnumType, Field, ObjectType, PlatformModel, TypeRef, TypesModel } from './model';
import { wrapText } from './names';

const WIDTH = 80;

export function jsDoc(indent: string, text: string | undefined): string[] {
  if (!text) return [];
  const lines = wrapText(text, WIDTH - indent.length - 3);
  if (lines.length === 1 && indent.length + lines[0].length + 7 <= WIDTH) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

const isIdentifier = (name: string) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name);
const key = (name: string) => (isIdentifier(name) ? name : JSON.stringify(name));

/** The type's members as a union would list them (one for a non-union). */
function members(type: TypeRef): string[] {
  switch (type.kind) {
    case 'unknown':
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
      return [type.kind];
    case 'integer':
      return ['number'];
    case 'literal':
      return type.enum ? [type.enum] : type.values.map((v) => JSON.stringify(v.value));
    case 'array': {
      const items = members(type.items);
      return [items.length > 1 ? `(${items.join(' | ')})[]` : `${items[0]}[]`];
    }
    case 'map':
      return ['{ [member: string]: unknown }'];
    case 'object':
      return [type.name];
    case 'union':
      return type.members.flatMap(members);
  }
}

/**
 * `name: A | B;`, or broken one member per line when it does not fit (as Prettier breaks it); a type
 * alias first moves its union to the next line.
 */
function declaration(indent: string, head: string, parts: string[], end: string): string[] {
  const line = `${indent}${head} ${parts.join(' | ')}${end}`;
  if (parts.length === 1 || line.length <= WIDTH) return [line];
  const next = `${indent}  ${parts.join(' | ')}${end}`;
  if (head.endsWith('=') && next.length <= WIDTH) return [`${indent}${head}`, next];
  return [`${indent}${head}`, ...parts.map((p, i) => `${indent}  | ${p}${i === parts.length - 1 ? end : ''}`)];
}

function field(f: Field): string[] {
  return [...jsDoc('  ', fieldDoc(f)), ...declaration('  ', `${key(f.name)}${f.required ? '' : '?'}:`, members(f.type), ';')];
}

function interfaceDecl(platform: PlatformModel, object: ObjectType): string[] {
  const own = object.base ? object.fields.filter((f) => object.base!.overrides.includes(f.name)) : object.fields;
  // Prettier keeps a single heritage clause on the line, however long.
  const head = [`export interface ${object.name}${object.base ? ` extends ${object.base.name}` : ''} {`];
  // A narrowed object inherits the open index signature from its base.
  const extra = object.base ? [] : [...jsDoc('  ', EXTRA_MEMBERS_DOC), '  [member: string]: unknown;'];
  return [...jsDoc('', objectDoc(platform, object)), ...head, ...own.flatMap(field), ...extra, '}'];
}

function enumDecl(type: EnumType): string[] {
  return [
    ...jsDoc('', enumDoc(type)),
    ...declaration(
      '',
      `export type ${type.name} =`,
      type.values.map((v) => JSON.stringify(v.value)),
      ';',
    ),
  ];
}

function platformDecls(platform: PlatformModel): string[][] {
  const name = platform.displayName;
  const [discriminatorObject, discriminatorField] = platform.discriminator.length === 2 ? platform.discriminator : [undefined, platform.discriminator[0]];
  const access = `payload.${platform.discriminator.join('.')}`;
  const param = discriminatorObject ? 'type' : 'hookType';
  const blocks: string[][] = [...platform.enums.map(enumDecl), ...platform.objects.map((o) => interfaceDecl(platform, o))];
  blocks.push([
    ...jsDoc('', `Any ${name} webhook payload, told apart by ${platform.discriminator.join('.')}.`),
    ...declaration(
      '',
      `export type ${name}Payload =`,
      platform.events.map((e) => e.payload),
      ';',
    ),
  ]);
  blocks.push([
    ...jsDoc('', `Each ${name} payload by its ${platform.discriminator.join('.')}.`),
    `export interface ${name}PayloadMap {`,
    ...platform.events.map((e) => `  ${key(e.event)}: ${e.payload};`),
    '}',
  ]);
  const keyName = discriminatorObject ? `${name}EventType` : `${name}HookType`;
  blocks.push([...jsDoc('', `The ${discriminatorField} values of the documented events.`), `export type ${keyName} = keyof ${name}PayloadMap;`]);
  if (platform.events.some((e) => e.subscription)) {
    blocks.push([
      ...jsDoc('', `Each ${name} payload by the event name to subscribe with (POST /v1/webhooks \`events\`), which can differ from its hook_type.`),
      `export interface ${name}SubscriptionMap {`,
      ...platform.events.filter((e) => e.subscription).map((e) => `  ${key(e.subscription!)}: ${e.payload};`),
      '}',
    ]);
  }
  const signature = `export function is${name}Event<K extends ${keyName}>(payload: ${name}Payload, ${param}: K): payload is ${name}PayloadMap[K] {`;
  blocks.push([
    ...jsDoc('', `Narrows a payload to one event: \`if (is${name}Event(payload, "${platform.events[0].event}")) …\`.`),
    ...(signature.length <= WIDTH
      ? [signature]
      : [`export function is${name}Event<K extends ${keyName}>(`, `  payload: ${name}Payload,`, `  ${param}: K,`, `): payload is ${name}PayloadMap[K] {`]),
    `  return ${access} === ${param};`,
    '}',
  ]);
  return blocks;
}

export function emitTypeScript(model: TypesModel): string {
  const blocks = model.platforms.flatMap(platformDecls);
  return `\n${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
