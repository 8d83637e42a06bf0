// Go (1.18+, standard library only): a struct per object with json tags, a named type and constants per
// shared value list, a Parse function per platform that dispatches on the discriminator, and an Extra map
// on every struct for the members the documentation does not show. Laid out as gofmt lays it out.
import { enumDoc, eventOf, fieldDoc, objectDoc } from './docs';
import type { EnumType, Field, ObjectType, PlatformModel, TypeRef, TypesModel } from './model';
import { NameRegistry, words, wrapText } from './names';
import { unnarrowedName, withoutNull } from './model';

const WIDTH = 100;
const INITIALISMS = new Set(
  'ACL AI API ASCII CPU CSS DNS EOF GUID HTML HTTP HTTPS ID IP JSON LHS QPS QR RAM RHS RPC SLA SMS SMTP SQL SSH TCP TLS TTL UDP UI UID UUID URI URL UTF8 VM XML XMPP XSRF XSS'.split(
    ' ',
  ),
);
/** Method and field names every struct has; a JSON member by that name gets another. */
const RESERVED = ['Extra', 'UnmarshalJSON', 'WebhookEvent'];

export function goName(name: string): string {
  const parts = words(name).map((w) => (INITIALISMS.has(w.toUpperCase()) ? w.toUpperCase() : `${w.charAt(0).toUpperCase()}${w.slice(1)}`));
  const joined = parts.join('');
  return /^[0-9]/.test(joined) ? `N${joined}` : joined || 'Member';
}

/** `IQChannelsRels` → `iqChannelsRels`, `Chat2DeskClient` → `chat2DeskClient`: unexported. */
const unexported = (name: string) => name.replace(/^[A-Z]+?(?=[A-Z][a-z]|[0-9]|$)|^[A-Z]/, (lead) => lead.toLowerCase());
/** A comment as gofmt (Go 1.19+) formats doc comments: list items indented by two spaces. */
const comment = (indent: string, text: string | undefined) =>
  text ? wrapText(text.replace(/^- /gm, '  - '), WIDTH - indent.length - 3).map((l) => (l ? `${indent}// ${l}` : `${indent}//`)) : [];

/** Rows of columns aligned as gofmt aligns them: a comment or blank line starts a new section. */
function aligned(indent: string, rows: (string[] | string)[]): string[] {
  const out: string[] = [];
  let section: string[][] = [];
  const flush = () => {
    const widths = section[0]?.map((_, i) => Math.max(...section.map((r) => r[i].length))) ?? [];
    for (const row of section) out.push(indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] + 1))).join(''));
    section = [];
  };
  for (const row of rows) {
    if (typeof row === 'string') {
      flush();
      out.push(row);
    } else section.push(row);
  }
  flush();
  return out;
}

class GoTypes {
  constructor(private readonly platform: PlatformModel) {}

  structName(name: string): string {
    return unnarrowedName(this.platform, name);
  }

  /** The Go type of a value; `pointer`: an object or scalar that may be absent or null. */
  type(type: TypeRef, pointer: boolean): string {
    const { type: inner, nullable } = withoutNull(type);
    const star = pointer || nullable ? '*' : '';
    switch (inner.kind) {
      case 'unknown':
      case 'null':
        return 'json.RawMessage';
      case 'string':
        return `${nullable ? '*' : ''}string`;
      case 'integer':
        return `${nullable ? '*' : ''}int64`;
      case 'number':
        return `${nullable ? '*' : ''}float64`;
      case 'boolean':
        return `${nullable ? '*' : ''}bool`;
      case 'literal':
        return `${nullable ? '*' : ''}${inner.enum ?? (inner.base === 'string' ? 'string' : inner.base === 'integer' ? 'int64' : 'float64')}`;
      case 'array':
        return `[]${this.type(inner.items, false)}`;
      case 'map':
        return 'map[string]json.RawMessage';
      case 'object':
        return `${star}${this.structName(inner.name)}`;
      case 'union':
        // Documented alternatives of different types: decode the raw value as the case needs.
        return 'json.RawMessage';
    }
  }
}

function structBlocks(types: GoTypes, platform: PlatformModel, object: ObjectType): string[][] {
  const helper = `${unexported(platform.displayName)}ExtraMembers`;
  const membersVar = `${unexported(object.name)}Members`;
  const registry = new NameRegistry(RESERVED);
  const event = eventOf(platform, object);
  const rows: (string[] | string)[] = object.fields.flatMap((f: Field) => [
    ...comment('\t', fieldDoc(f)),
    [registry.claim(goName(f.name)), types.type(f.type, !f.required), `\`json:"${f.name}${f.required ? '' : ',omitempty'}"\``],
  ]);
  const doc = objectDoc(platform, object);
  const lead = event
    ? `${object.name} is the payload of the ${platform.displayName} ${event.event} event.`
    : `${object.name} is an object in ${platform.displayName} payloads.`;
  const names = object.fields.map((f) => JSON.stringify(f.name));
  const oneLine = `var ${membersVar} = []string{${names.join(', ')}}`;
  return [
    [
      ...comment('', `${lead}${doc ? `\n\n${doc}` : ''}`),
      `type ${object.name} struct {`,
      ...aligned('\t', rows),
      '',
      '\t// Extra holds the members the documentation does not show (real payloads may carry more).',
      '\tExtra map[string]json.RawMessage `json:"-"`',
      '}',
    ],
    oneLine.length <= WIDTH ? [oneLine] : [`var ${membersVar} = []string{`, ...names.map((n) => `\t${n},`), '}'],
    [
      '// UnmarshalJSON decodes the documented members and keeps the others in Extra.',
      `func (v *${object.name}) UnmarshalJSON(data []byte) error {`,
      `\ttype plain ${object.name}`,
      '\tif err := json.Unmarshal(data, (*plain)(v)); err != nil {',
      '\t\treturn err',
      '\t}',
      `\textra, err := ${helper}(data, ${membersVar})`,
      '\tv.Extra = extra',
      '\treturn err',
      '}',
    ],
    ...(event
      ? [
          [
            `// WebhookEvent returns ${JSON.stringify(event.event)}, its ${platform.discriminator.join('.')}.`,
            `func (*${object.name}) WebhookEvent() string {`,
            `\treturn ${JSON.stringify(event.event)}`,
            '}',
          ],
        ]
      : []),
  ];
}

function enumBlocks(type: EnumType): string[][] {
  const registry = new NameRegistry();
  const base = type.base === 'string' ? 'string' : type.base === 'integer' ? 'int64' : 'float64';
  const rows = type.values.flatMap((v) => [
    ...comment('\t', v.description),
    [registry.claim(`${type.name}${goName(String(v.value))}`), type.name, `= ${JSON.stringify(v.value)}`],
  ]);
  return [
    [...comment('', `${type.name} is a documented value list.\n\n${enumDoc(type)}`), `type ${type.name} ${base}`],
    ['// The documented values.', 'const (', ...aligned('\t', rows), ')'],
  ];
}

function dispatchBlocks(platform: PlatformModel): string[][] {
  const name = platform.displayName;
  const path = platform.discriminator.join('.');
  const errorType = `Unknown${name}EventError`;
  const helper = `${unexported(name)}ExtraMembers`;
  const head =
    platform.discriminator.length === 2
      ? [
          '\tvar head struct {',
          `\t\t${platform.discriminator[0]} struct {`,
          `\t\t\t${platform.discriminator[1]} string \`json:"${platform.discriminator[1]}"\``,
          `\t\t} \`json:"${platform.discriminator[0]}"\``,
          '\t}',
        ]
      : ['\tvar head struct {', `\t\tEvent string \`json:"${platform.discriminator[0]}"\``, '\t}'];
  const event = platform.discriminator.length === 2 ? `head.${platform.discriminator.join('.')}` : 'head.Event';
  return [
    [`// ${name}Payload is any ${name} webhook payload; WebhookEvent returns its ${path}.`, `type ${name}Payload interface {`, '\tWebhookEvent() string', '}'],
    [`// ${errorType} is what Parse${name}Payload returns for a ${path} the documentation does not list.`, `type ${errorType} struct {`, '\tEvent string', '}'],
    [`func (e *${errorType}) Error() string {`, `\treturn fmt.Sprintf(${JSON.stringify(`not a documented ${name} payload (${path}: %q)`)}, e.Event)`, '}'],
    [
      ...comment('', `Parse${name}Payload decodes a ${name} webhook body into the payload type its ${path} names.`),
      `func Parse${name}Payload(body []byte) (${name}Payload, error) {`,
      ...head,
      '\tif err := json.Unmarshal(body, &head); err != nil {',
      '\t\treturn nil, err',
      '\t}',
      `\tvar payload ${name}Payload`,
      `\tswitch ${event} {`,
      ...platform.events.flatMap((e) => [`\tcase ${JSON.stringify(e.event)}:`, `\t\tpayload = &${e.payload}{}`]),
      '\tdefault:',
      `\t\treturn nil, &${errorType}{Event: ${event}}`,
      '\t}',
      '\tif err := json.Unmarshal(body, payload); err != nil {',
      '\t\treturn nil, err',
      '\t}',
      '\treturn payload, nil',
      '}',
    ],
    [
      `// ${helper} returns the members of the JSON object data that known does not list (nil if none).`,
      `func ${helper}(data []byte, known []string) (map[string]json.RawMessage, error) {`,
      '\tvar all map[string]json.RawMessage',
      '\tif err := json.Unmarshal(data, &all); err != nil {',
      '\t\treturn nil, err',
      '\t}',
      '\tfor _, name := range known {',
      '\t\tdelete(all, name)',
      '\t}',
      '\tif len(all) == 0 {',
      '\t\treturn nil, nil',
      '\t}',
      '\treturn all, nil',
      '}',
    ],
  ];
}

function platformBlocks(platform: PlatformModel): string[][] {
  const types = new GoTypes(platform);
  return [
    ...platform.enums.flatMap(enumBlocks),
    ...platform.objects.filter((o) => !o.base).flatMap((o) => structBlocks(types, platform, o)),
    ...dispatchBlocks(platform),
  ];
}

export function emitGo(model: TypesModel, options: { goPackage: string }): string {
  const names = model.platforms.map((p) => p.displayName).join(' and ');
  const blocks = [
    [...comment('', `Package ${options.goPackage} holds the ${names} webhook payloads as Go types.`), `package ${options.goPackage}`],
    ['import (', '\t"encoding/json"', '\t"fmt"', ')'],
    ...model.platforms.flatMap(platformBlocks),
  ];
  return `\n${blocks.map((b) => b.join('\n')).join('\n\n')}\n`;
}
