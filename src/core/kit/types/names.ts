// Names and texts the emitters share: identifiers from JSON names, unique names, wrapped comment text.

/** `extra_data` → `ExtraData`, `delete-messages` → `DeleteMessages`, `ChatEvent` stays. */
export function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** `channels` → `channel`, `Files` → `File`, `replies` → `reply`; `status`, `address` stay. */
export function singular(name: string): string {
  if (/ies$/i.test(name)) return `${name.slice(0, -3)}${name.slice(-3) === 'IES' ? 'Y' : 'y'}`;
  if (/(ss|us|is)$/i.test(name) || !/s$/i.test(name)) return name;
  return name.slice(0, -1);
}

/** Words of a JSON name: `client_id` → client, id; `ChatId` → Chat, Id; `ChannelIQChat` → Channel, IQ, Chat. */
export function words(name: string): string[] {
  return name
    .split(/[^A-Za-z0-9]+/)
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [])
    .filter(Boolean);
}

/** Hands out names, never the same one twice: a clash gets a number (`Name2`), in the order asked. */
export class NameRegistry {
  private readonly taken = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.taken.add(name);
  }
  claim(candidate: string): string {
    let name = candidate;
    for (let n = 2; this.taken.has(name); n++) name = `${candidate}${n}`;
    this.taken.add(name);
    return name;
  }
}

const HELD_SPACE = '\u0000';

/**
 * Text wrapped at `width` columns (words are never split): blank lines separate paragraphs, a line's
 * leading spaces are kept, and a `- ` bullet's continuation lines are indented under its text.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (lines.length > 0) lines.push('');
    for (const rawLine of paragraph.split('\n')) {
      const indent = /^ */.exec(rawLine)![0];
      const hanging = rawLine.startsWith(`${indent}- `) ? `${indent}  ` : indent;
      // A `code span` is never broken: its spaces are held apart while splitting.
      const held = rawLine.replace(/`[^`]*`/g, (span) => span.replace(/ /g, HELD_SPACE));
      let line = '';
      for (const word of held
        .split(/\s+/)
        .filter(Boolean)
        .map((w) => w.split(HELD_SPACE).join(' '))) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line);
          line = `${hanging}${word}`;
        } else line = line ? `${line} ${word}` : `${indent}${word}`;
      }
      if (line) lines.push(line);
    }
  }
  return lines;
}
