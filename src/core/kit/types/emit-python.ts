// Python: TypedDicts from the standard library only (3.8+), a Literal discriminator per event, a Union per
// platform, the event name → TypedDict map and a parse function that checks the discriminator. Laid out
// as Black lays it out (88 columns). A TypedDict is open at runtime: undocumented members pass through.
import { enumDoc, fieldDoc, objectDoc } from './docs';
import type { EnumType, Field, ObjectType, PlatformModel, TypeRef, TypesModel } from './model';
import { wrapText } from './names';

const WIDTH = 88;
const KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(
    ' ',
  ),
);
const isAttribute = (name: string) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name);
const str = (value: string) => JSON.stringify(value);

function docstring(indent: string, text: string | undefined): string[] {
  if (!text) return [];
  const escaped = text.replace(/\\/g, '\\\\').replace(/"""/g, '\\"\\"\\"');
  const lines = wrapText(escaped, WIDTH - indent.length - 3);
  const close = (line: string) => (line.endsWith('"') ? `${line.slice(0, -1)}\\"` : line);
  if (lines.length === 1 && indent.length + lines[0].length + 6 <= WIDTH) return [`${indent}"""${close(lines[0])}"""`];
  return [`${indent}"""${lines[0]}`, ...lines.slice(1).map((l) => (l ? `${indent}${l}` : '')), `${indent}"""`];
}

function typeText(type: TypeRef): string {
  switch (type.kind) {
    case 'unknown':
      return 'Any';
    case 'string':
      return 'str';
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'null':
      return 'None';
    case 'literal':
      return type.enum ?? `Literal[${type.values.map((v) => (typeof v.value === 'string' ? str(v.value) : String(v.value))).join(', ')}]`;
    case 'array':
      return `List[${typeText(type.items)}]`;
    case 'map':
      return 'Dict[str, Any]';
    case 'object':
      return type.name;
    case 'union': {
      const members = type.members.filter((m) => m.kind !== 'null').map(typeText);
      const nullable = members.length !== type.members.length;
      if (nullable && members.length === 1) return `Optional[${members[0]}]`;
      return `Union[${[...members, ...(nullable ? ['None'] : [])].join(', ')}]`;
    }
  }
}

/** `Name = Head[a, b]`, exploded one item per line (with Black's trailing comma) when it does not fit. */
function bracketed(head: string, open: string, items: string[], close: string, indent = ''): string[] {
  const line = `${indent}${head}${open}${items.join(', ')}${close}`;
  if (line.length <= WIDTH) return [line];
  return [`${indent}${head}${open}`, ...items.map((i) => `${indent}    ${i},`), `${indent}${close}`];
}

/** A member's annotation; a long Literal is exploded as Black explodes it. */
function annotation(f: Field): string[] {
  const text = `    ${f.name}: ${typeText(f.type)}`;
  const literal = /^(\w+): Literal\[(.*)\]$/.exec(text.trim());
  if (text.length <= WIDTH || !literal) return [text];
  return bracketed(`${f.name}: Literal[`, '', literal[2].split(', '), ']', '    ');
}

interface ClassSpec {
  name: string;
  doc?: string;
  bases: string[];
  total: boolean;
  fields: Field[];
}

/** A class statement; members whose names cannot be attributes go to a functional TypedDict it extends. */
function classBlocks(spec: ClassSpec): string[][] {
  const quoted = spec.fields.filter((f) => !isAttribute(f.name));
  const blocks: string[][] = [];
  const bases = [...spec.bases];
  if (quoted.length > 0) {
    const helper = `_${spec.name.replace(/^_/, '')}Quoted`;
    const members = quoted.map((f) => `${str(f.name)}: ${typeText(f.type)}`);
    blocks.push([...bracketed(`${helper} = TypedDict(`, '', [str(helper), `{${members.join(', ')}}`, ...(spec.total ? [] : ['total=False'])], ')')]);
    bases.push(helper);
  }
  const heritage = [...(bases.length > 0 ? bases : ['TypedDict']), ...(spec.total ? [] : ['total=False'])];
  const body = [
    ...docstring('    ', spec.doc),
    ...(spec.doc && spec.fields.length > quoted.length ? [''] : []),
    ...spec.fields.filter(isAttributeField).flatMap((f) => [...annotation(f), ...docstring('    ', fieldDoc(f))]),
  ];
  blocks.push([...bracketed(`class ${spec.name}(`, '', heritage, '):'), ...(body.length > 0 ? body : ['    pass'])]);
  return blocks;
}
const isAttributeField = (f: Field) => isAttribute(f.name);

/** Members every narrowed copy of a base shares (the base minus what its copies narrow). */
const membersName = (base: string) => `_${base}Members`;

function objectBlocks(platform: PlatformModel, object: ObjectType, narrowedBases: Map<string, Set<string>>): string[][] {
  // That members beyond these pass through is said once, in the module's docstring.
  const doc = objectDoc(platform, object);
  const narrowed = narrowedBases.get(object.name);
  const blocks: string[][] = [];
  let fields = object.fields;
  const bases: string[] = [];
  if (object.base) {
    // Only the narrowed members are its own; the rest come from the base's shared members.
    fields = object.fields.filter((f) => object.base!.overrides.includes(f.name));
    bases.push(membersName(object.base.name));
  } else if (narrowed) {
    blocks.push(...classBlocks({ name: membersName(object.name), bases: [], total: false, fields: object.fields.filter((f) => !narrowed.has(f.name)) }));
    fields = object.fields.filter((f) => narrowed.has(f.name));
    bases.push(membersName(object.name));
  }
  const required = fields.filter((f) => f.required);
  const optional = fields.filter((f) => !f.required);
  if (required.length > 0 && optional.length > 0) {
    const requiredName = `_${object.name}Required`;
    blocks.push(...classBlocks({ name: requiredName, bases: [], total: true, fields: required }));
    blocks.push(...classBlocks({ name: object.name, doc, bases: [requiredName, ...bases], total: false, fields: optional }));
  } else {
    blocks.push(...classBlocks({ name: object.name, doc, bases, total: required.length > 0, fields }));
  }
  return blocks;
}

function enumBlock(type: EnumType): string[] {
  return [
    ...bracketed(
      `${type.name} = Literal[`,
      '',
      type.values.map((v) => (typeof v.value === 'string' ? str(v.value) : String(v.value))),
      ']',
    ),
    ...docstring('', enumDoc(type)),
  ];
}

const constantName = (platform: PlatformModel, what: string) => `${platform.displayName.toUpperCase()}_${what}`;
const functionName = (platform: PlatformModel) => `parse_${platform.provider}_payload`;

function dispatchBlocks(platform: PlatformModel): string[][] {
  const name = platform.displayName;
  const path = platform.discriminator.join('.');
  const keyName = platform.discriminator.length === 2 ? `${name}EventType` : `${name}HookType`;
  const types = constantName(platform, 'PAYLOAD_TYPES');
  const blocks: string[][] = [
    [
      ...bracketed(
        `${name}Payload = Union[`,
        '',
        platform.events.map((e) => e.payload),
        ']',
      ),
      ...docstring('', `Any ${name} webhook payload, told apart by ${path}.`),
    ],
    [
      ...bracketed(
        `${keyName} = Literal[`,
        '',
        platform.events.map((e) => str(e.event)),
        ']',
      ),
      ...docstring('', `The ${path} values of the documented events.`),
    ],
    [
      ...bracketed(
        `${types}: Dict[str, Any] = {`,
        '',
        platform.events.map((e) => `${str(e.event)}: ${e.payload}`),
        '}',
      ),
      ...docstring('', `Each ${name} payload's TypedDict by its ${path}.`),
    ],
  ];
  if (platform.events.some((e) => e.subscription)) {
    const subscriptions = platform.events.filter((e) => e.subscription).map((e) => `${str(e.subscription!)}: ${str(e.event)}`);
    blocks.push([
      ...bracketed(`${constantName(platform, 'HOOK_TYPES_BY_SUBSCRIPTION')}: Dict[str, str] = {`, '', subscriptions, '}'),
      ...docstring('', 'The hook_type of each event name to subscribe with (POST /v1/webhooks `events`).'),
    ]);
  }
  const lookup =
    platform.discriminator.length === 2
      ? [
          `    outer = data.get(${str(platform.discriminator[0])}) if isinstance(data, dict) else None`,
          `    event = outer.get(${str(platform.discriminator[1])}) if isinstance(outer, dict) else None`,
        ]
      : [`    event = data.get(${str(platform.discriminator[0])}) if isinstance(data, dict) else None`];
  blocks.push([
    `def ${functionName(platform)}(data: Any) -> ${name}Payload:`,
    ...docstring(
      '    ',
      `Returns \`data\` (a decoded JSON object) typed as the ${name} payload its ${path} names.\n\nRaises ValueError when it is not an object or its ${path} is not a documented event. Nothing else is checked: the members are what the payload carries.`,
    ),
    ...lookup,
    `    if not isinstance(event, str) or event not in ${types}:`,
    `        message = ${str(`not a documented ${name} payload (${path}: %r)`)} % (event,)`,
    '        raise ValueError(message)',
    `    return cast(${name}Payload, data)`,
  ]);
  return blocks;
}

function platformBlocks(platform: PlatformModel): string[][] {
  const narrowedBases = new Map<string, Set<string>>();
  for (const o of platform.objects) if (o.base) narrowedBases.set(o.base.name, new Set([...(narrowedBases.get(o.base.name) ?? []), ...o.base.overrides]));
  return [...platform.enums.map(enumBlock), ...platform.objects.flatMap((o) => objectBlocks(platform, o, narrowedBases)), ...dispatchBlocks(platform)];
}

export function emitPython(model: TypesModel): string {
  const names = model.platforms.map((p) => p.displayName).join(' and ');
  const head = [
    ...docstring(
      '',
      `${names} webhook payloads as TypedDicts.\n\nStandard library only (Python 3.8+). Every TypedDict is open: real payloads may carry members the documentation does not show, and they pass through.`,
    ),
    '',
    'from typing import Any, Dict, List, Literal, Optional, TypedDict, Union, cast',
  ];
  const blocks = [head, ...model.platforms.flatMap(platformBlocks)];
  return `\n${blocks.map((b) => b.join('\n')).join('\n\n\n')}\n`;
}
