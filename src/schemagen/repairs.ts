// Named repair rules for the documented quirks of the vendor examples. Each rule is small, tested on
// its own, and reports what it changed; an example is never dropped: if it still does not parse after
// the rules, generation fails and names the example.
import type { RepairNote } from './model';

export interface RepairResult {
  text: string;
  notes: RepairNote[];
  alternatives: Record<string, unknown[]>;
}

export interface RepairRule {
  name: string;
  /** What quirk it repairs, for the generated report. */
  description: string;
  apply(text: string, result: RepairResult): string;
}

const note = (result: RepairResult, rule: string, detail: string) => result.notes.push({ rule, detail });

/** `"login"/"logout"` or `true / false` as a value: keep the first, remember all. */
export const alternativeValues: RepairRule = {
  name: 'alternative-values',
  description: 'A value written as alternatives ("login"/"logout", true / false): the first is kept, all are recorded as documented values.',
  apply(text, result) {
    const literal = String.raw`"(?:[^"\\\n]|\\.)*"|true|false|-?\d+(?:\.\d+)?`;
    const pattern = new RegExp(String.raw`"([^"\n]+)"(\s*:\s*)((?:${literal})(?:\s*/\s*(?:${literal}))+)`, 'g');
    return text.replace(pattern, (_whole, key: string, colon: string, alternatives: string) => {
      const values = alternatives.split(/\s*\/\s*(?=["tf\d-])/).map((v) => JSON.parse(v) as unknown);
      result.alternatives[key] = values;
      note(result, 'alternative-values', `"${key}": ${alternatives.replace(/\s+/g, ' ')} -> ${JSON.stringify(values[0])}`);
      return `"${key}"${colon}${JSON.stringify(values[0])}`;
    });
  },
};

/** A member line followed by another member with no comma between them. */
export const missingComma: RepairRule = {
  name: 'missing-comma',
  description: 'A comma missing between two members on consecutive lines is inserted.',
  apply(text, result) {
    const lines = text.split('\n');
    for (let i = 0; i < lines.length - 1; i++) {
      const current = lines[i].trimEnd();
      if (!/["\d\]}el]$/.test(current)) continue;
      let next = i + 1;
      while (next < lines.length && lines[next].trim() === '') next++;
      if (next < lines.length && /^\s*"[^"]*"\s*:/.test(lines[next])) {
        lines[i] = `${current},`;
        note(result, 'missing-comma', `after line ${i + 1}: ${current.trim()}`);
      }
    }
    return lines.join('\n');
  },
};

/** `"event_time": 2022-07-28T23:01:40Z` */
export const unquotedTimestamp: RepairRule = {
  name: 'unquoted-timestamp',
  description: 'An ISO 8601 timestamp printed without quotes is quoted.',
  apply(text, result) {
    return text.replace(/(:\s*)(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?)(?=\s*[,}\n])/g, (_w, colon: string, stamp: string) => {
      note(result, 'unquoted-timestamp', stamp);
      return `${colon}"${stamp}"`;
    });
  },
};

/** A string literal that a line break (page width) split in two. */
export const brokenString: RepairRule = {
  name: 'broken-string',
  description: "A string literal broken across lines by the export is joined (the line break and the next line's indentation removed).",
  apply(text, result) {
    let out = '';
    let inString = false;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (inString && c === '\\') {
        out += c + (text[i + 1] ?? '');
        i++;
        continue;
      }
      if (c === '"') inString = !inString;
      if (inString && (c === '\n' || c === '\r')) {
        let j = i;
        while (j < text.length && /\s/.test(text[j])) j++;
        const lineStart = out.lastIndexOf('\n') + 1;
        note(result, 'broken-string', `joined "…${out.slice(Math.max(lineStart, out.length - 24))}" with "${text.slice(j, j + 24)}…"`);
        i = j - 1;
        continue;
      }
      out += c;
    }
    return out;
  },
};

/** `[1, 2, ]` or `{"a": 1, }` */
export const trailingComma: RepairRule = {
  name: 'trailing-comma',
  description: 'A comma before a closing bracket or brace is removed.',
  apply(text, result) {
    return text.replace(/,(\s*[}\]])/g, (_w, rest: string) => {
      note(result, 'trailing-comma', 'removed a trailing comma');
      return rest;
    });
  },
};

/** PHP print_r style `8205 [event_time] => 2022-...` inside an otherwise JSON object. */
export const printRPair: RepairRule = {
  name: 'print-r-pair',
  description: 'A PHP print_r style pair ("[key] => value") inside an example object is rewritten as a JSON member.',
  apply(text, result) {
    return text.replace(/([\d"\]}el])\s+\[(\w+)\]\s*=>\s*/g, (_w, before: string, key: string) => {
      note(result, 'print-r-pair', `[${key}] => … -> "${key}": …`);
      return `${before}, "${key}": `;
    });
  },
};

/** An ellipsis inside a string marks a value the document shortened; kept as printed. */
export const elidedValue: RepairRule = {
  name: 'elided-value',
  description: 'A string the document shortened with an ellipsis ("iVBORw0KG…=") is kept as printed and flagged, so nothing is inferred from its form.',
  apply(text, result) {
    for (const match of text.matchAll(/"([^"\n]*…[^"\n]*)"/g)) note(result, 'elided-value', `"${match[1]}" is shortened in the document`);
    return text;
  },
};

/** Applied to every example in this order; order matters (alternatives before commas). */
export const REPAIR_RULES: readonly RepairRule[] = [brokenString, printRPair, alternativeValues, unquotedTimestamp, missingComma, trailingComma, elidedValue];

export function applyRepairs(text: string, rules: readonly RepairRule[] = REPAIR_RULES): RepairResult {
  const result: RepairResult = { text, notes: [], alternatives: {} };
  for (const rule of rules) result.text = rule.apply(result.text, result);
  return result;
}
