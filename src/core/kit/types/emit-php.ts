// PHP 8.1+: a final class per object with readonly promoted properties and fromArray(), a constants class
// per shared value list (`Chat2DeskTransport::*` in PHPDoc), an interface per platform and a dispatcher
// (fromArray / fromJson) on the discriminator. Undocumented members are kept in `$extra`. PSR-12 layout.
import { EXTRA_MEMBERS_DOC, enumDoc, eventOf, fieldDoc, objectDoc } from './docs';
import { unnarrowedName, type EnumType, type Field, type ObjectType, type PlatformModel, type TypeRef, type TypesModel } from './model';
import { NameRegistry, words, wrapText } from './names';

const WIDTH = 120;
const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const literal = (value: string | number) => (typeof value === 'string' ? quote(value) : String(value));

function phpDoc(indent: string, text: string | undefined, tags: string[] = []): string[] {
  const lines = [...(text ? wrapText(text.replace(/\*\//g, '*\u200b/'), WIDTH - indent.length - 3) : []), ...(text && tags.length > 0 ? [''] : []), ...tags];
  if (lines.length === 0) return [];
  if (lines.length === 1 && indent.length + lines[0].length + 7 <= WIDTH) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => (l ? `${indent} * ${l}` : `${indent} *`)), `${indent} */`];
}

class PhpTypes {
  constructor(private readonly platform: PlatformModel) {}

  className(name: string): string {
    return unnarrowedName(this.platform, name);
  }

  native(type: TypeRef): string[] {
    switch (type.kind) {
      case 'unknown':
        return ['mixed'];
      case 'string':
      case 'null':
        return [type.kind];
      case 'integer':
        return ['int'];
      case 'number':
        return ['float'];
      case 'boolean':
        return ['bool'];
      case 'literal':
        return [type.base === 'string' ? 'string' : type.base === 'integer' ? 'int' : 'float'];
      case 'array':
      case 'map':
        return ['array'];
      case 'object':
        return [this.className(type.name)];
      case 'union': {
        const all = [...new Set(type.members.flatMap((m) => this.native(m)))];
        return all.includes('mixed') ? ['mixed'] : all;
      }
    }
  }

  /** The declaration's native type; optional members may be null (absent). */
  declared(field: Field): string {
    const native = this.native(field.type);
    if (native.includes('mixed')) return 'mixed';
    const types = field.required ? native : [...new Set([...native, 'null'])];
    const nonNull = types.filter((t) => t !== 'null');
    if (types.includes('null') && nonNull.length === 1) return `?${nonNull[0]}`;
    return types.join('|');
  }

  /** The PHPDoc type's alternatives: value lists, list item types and `Class::*` where the native type says less. */
  doc(type: TypeRef): string[] {
    switch (type.kind) {
      case 'literal':
        return type.enum ? [`${type.enum}::*`] : type.values.map((v) => literal(v.value));
      case 'array':
        return [`list<${this.doc(type.items).join('|')}>`];
      case 'map':
        return ['array<string, mixed>'];
      case 'union':
        return [...new Set(type.members.flatMap((m) => this.doc(m)))];
      default:
        return this.native(type);
    }
  }

  /** `@var` when the PHPDoc type says more than the declaration. */
  varTag(field: Field): string[] {
    const declared = this.declared(field);
    if (declared === 'mixed') return [];
    const precise = [...new Set([...this.doc(field.type), ...(field.required ? [] : ['null'])])].join('|');
    return precise === (declared.startsWith('?') ? `${declared.slice(1)}|null` : declared) ? [] : [`@var ${precise}`];
  }

  needsConversion(type: TypeRef): boolean {
    if (type.kind === 'object') return true;
    if (type.kind === 'array') return this.needsConversion(type.items);
    if (type.kind === 'union') return type.members.some((m) => this.needsConversion(m));
    return false;
  }

  /** PHP that turns the decoded value `expr` into the declared one (objects via their fromArray). */
  convert(expr: string, type: TypeRef): string {
    if (type.kind === 'object') return `${this.className(type.name)}::fromArray(${expr})`;
    if (type.kind === 'array' && this.needsConversion(type.items)) return `array_map(static fn ($item) => ${this.convert('$item', type.items)}, ${expr})`;
    if (type.kind === 'union') {
      const converted = type.members.filter((m) => m.kind !== 'null' && this.needsConversion(m));
      if (converted.length === 0) return expr;
      const rest = type.members.filter((m) => m.kind !== 'null' && !this.needsConversion(m));
      return rest.length === 0 && converted.length === 1
        ? this.convert(expr, converted[0])
        : `is_array(${expr}) ? ${this.convert(expr, converted[0])} : ${expr}`;
    }
    return expr;
  }
}

/** Property names: the JSON name where PHP allows it, else a sanitised one; `$extra` is ours. */
function propertyNames(fields: Field[]): Map<string, string> {
  const registry = new NameRegistry(['extra', 'this']);
  return new Map(fields.map((f) => [f.name, registry.claim(/^[A-Za-z_][A-Za-z0-9_]*$/.test(f.name) ? f.name : words(f.name).join('_') || 'member')]));
}

function bracketList(indent: string, head: string, items: string[], close: string): string[] {
  const line = `${indent}${head}${items.join(', ')}${close}`;
  if (line.length <= WIDTH) return [line];
  return [`${indent}${head}`, ...items.map((i) => `${indent}    ${i},`), `${indent}${close}`];
}

function classBlock(types: PhpTypes, platform: PlatformModel, object: ObjectType): string[] {
  const names = propertyNames(object.fields);
  // Required members first: PHP deprecates optional parameters before required ones.
  const ordered = [...object.fields.filter((f) => f.required), ...object.fields.filter((f) => !f.required)];
  const event = eventOf(platform, object);
  const parameters = ordered.flatMap((f) => {
    return [
      ...phpDoc('        ', fieldDoc(f), types.varTag(f)),
      `        public readonly ${types.declared(f)} $${names.get(f.name)}${f.required ? '' : ' = null'},`,
    ];
  });
  const initialisers = ordered.map((f) => {
    const raw = `$data[${quote(f.name)}]`;
    const value = f.required
      ? types.convert(raw, f.type)
      : types.needsConversion(f.type)
        ? `isset(${raw}) ? ${types.convert(raw, f.type)} : null`
        : `${raw} ?? null`;
    return `            ${names.get(f.name)}: ${value},`;
  });
  return [
    ...phpDoc('', objectDoc(platform, object)),
    `final class ${object.name}${event ? ` implements ${platform.displayName}Payload` : ''}`,
    '{',
    ...phpDoc('    ', 'The members this class reads; the others are kept in $extra.'),
    ...bracketList(
      '    ',
      'public const MEMBERS = [',
      object.fields.map((f) => quote(f.name)),
      '];',
    ),
    '',
    '    public function __construct(',
    ...parameters,
    ...phpDoc('        ', EXTRA_MEMBERS_DOC, ['@var array<string, mixed>']),
    '        public readonly array $extra = [],',
    '    ) {',
    '    }',
    '',
    ...phpDoc('    ', undefined, ['@param array<string, mixed> $data A decoded JSON object: json_decode($json, true).']),
    '    public static function fromArray(array $data): self',
    '    {',
    '        return new self(',
    ...initialisers,
    '            extra: array_diff_key($data, array_flip(self::MEMBERS)),',
    '        );',
    '    }',
    '}',
  ];
}

function enumBlock(type: EnumType): string[] {
  const registry = new NameRegistry(['VALUES', 'CLASS']);
  const constants = type.values.map((v) => {
    const name = registry.claim(
      words(String(v.value))
        .join('_')
        .toUpperCase()
        .replace(/^(?=\d)/, 'VALUE_') || 'VALUE',
    );
    return [...phpDoc('    ', v.description), `    public const ${name} = ${literal(v.value)};`];
  });
  return [
    ...phpDoc('', enumDoc(type), [`A member documented with this list holds one of these constants' values (PHPDoc: \`${type.name}::*\`).`]),
    `final class ${type.name}`,
    '{',
    ...constants.flat(),
    '',
    ...bracketList(
      '    ',
      'public const VALUES = [',
      type.values.map((v) => literal(v.value)),
      '];',
    ),
    '}',
  ];
}

function dispatchBlocks(platform: PlatformModel): string[][] {
  const name = platform.displayName;
  const path = platform.discriminator.join('.');
  const [outer, inner] = platform.discriminator;
  const lookup = inner
    ? `        $event = is_array($data[${quote(outer)}] ?? null) ? ($data[${quote(outer)}][${quote(inner)}] ?? null) : null;`
    : `        $event = $data[${quote(outer)}] ?? null;`;
  return [
    [...phpDoc('', `Any ${name} webhook payload: what ${name}Payloads::fromArray() makes of one.`), `interface ${name}Payload`, '{', '}'],
    [
      ...phpDoc('', `Turns a decoded ${name} payload into the class its ${path} names.`),
      `final class ${name}Payloads`,
      '{',
      ...phpDoc('    ', `Each payload's class by its ${path}.`, [`@var array<string, class-string<${name}Payload>>`]),
      '    public const CLASSES = [',
      ...platform.events.map((e) => `        ${quote(e.event)} => ${e.payload}::class,`),
      '    ];',
      '',
      ...phpDoc('    ', undefined, [
        '@param array<string, mixed> $data A decoded JSON object: json_decode($json, true).',
        `@throws \\UnexpectedValueException When its ${path} is not a documented event.`,
      ]),
      `    public static function fromArray(array $data): ${name}Payload`,
      '    {',
      lookup,
      '        return match ($event) {',
      ...platform.events.map((e) => `            ${quote(e.event)} => ${e.payload}::fromArray($data),`),
      '            default => throw new \\UnexpectedValueException(',
      `                ${quote(`Not a documented ${name} payload (${path}: `)} . var_export($event, true) . ')',`,
      '            ),',
      '        };',
      '    }',
      '',
      ...phpDoc('    ', undefined, [
        '@throws \\JsonException When the body is not JSON.',
        `@throws \\UnexpectedValueException When it is not a documented ${name} payload.`,
      ]),
      `    public static function fromJson(string $json): ${name}Payload`,
      '    {',
      '        $data = json_decode($json, true, 512, JSON_THROW_ON_ERROR);',
      '        if (!is_array($data)) {',
      `            throw new \\UnexpectedValueException(${quote(`Not a JSON object: ${name} payloads are objects.`)});`,
      '        }',
      '        return self::fromArray($data);',
      '    }',
      '}',
    ],
  ];
}

function platformBlocks(platform: PlatformModel): string[][] {
  const types = new PhpTypes(platform);
  return [...platform.enums.map(enumBlock), ...platform.objects.filter((o) => !o.base).map((o) => classBlock(types, platform, o)), ...dispatchBlocks(platform)];
}

export function emitPhp(model: TypesModel, options: { phpNamespace: string }): string {
  const blocks = [['declare(strict_types=1);'], [`namespace ${options.phpNamespace};`], ...model.platforms.flatMap(platformBlocks)];
  return `\n${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
