// Reading a suite file's JSON with positions: every value keeps its node, so each message and each
// test item points at the line and column it comes from.
import type { Node, ParseError } from 'jsonc-parser';
import { jsoncParser } from '../jsonc';
import { t } from '../l10n';
import { SuiteError } from './errors';
import type { SourceRange } from './types';

export class SuiteSource {
  private readonly lineStarts: number[] = [0];
  readonly root: Node;

  constructor(
    readonly file: string,
    readonly text: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    const errors: ParseError[] = [];
    const parser = jsoncParser();
    const root = parser.parseTree(text, errors, { allowTrailingComma: false, disallowComments: false });
    if (errors.length > 0 || !root) {
      const first = errors[0];
      const range = first ? this.rangeOf(first.offset, first.length) : undefined;
      throw new SuiteError(
        'suite-json',
        t('The suite is not valid JSON: {0}.', first ? parser.printParseErrorCode(first.error) : 'empty'),
        undefined,
        range,
        file,
      );
    }
    if (root.type !== 'object') throw this.error(root, 'suite-shape', t('A suite is a JSON object.'));
    this.root = root;
  }

  rangeOf(offset: number, length: number): SourceRange {
    const [startLine, startColumn] = this.position(offset);
    const [endLine, endColumn] = this.position(offset + length);
    return { startLine, startColumn, endLine, endColumn };
  }

  private position(offset: number): [number, number] {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return [low, offset - this.lineStarts[low]];
  }

  /** The range of a value, or of its whole `"key": value` member when it has one. */
  range(node: Node): SourceRange {
    const owner = node.parent?.type === 'property' ? node.parent : node;
    return this.rangeOf(owner.offset, owner.length);
  }

  error(node: Node | undefined, code: string, message: string, hint?: string): SuiteError {
    return new SuiteError(code, message, hint, node ? this.range(node) : undefined, this.file);
  }

  /** The value node of an object's member. */
  member(object: Node, key: string): Node | undefined {
    const property = object.children?.find((p) => p.children?.[0]?.value === key);
    return property?.children?.[1];
  }

  keys(object: Node): { key: string; node: Node }[] {
    return (object.children ?? []).map((p) => ({ key: String(p.children?.[0]?.value), node: p.children![0] }));
  }

  value(node: Node): unknown {
    return jsoncParser().getNodeValue(node);
  }

  /** The text of a value exactly as written (an inline payload keeps its literals: 1.0, \u00e9, big integers). */
  slice(node: Node): string {
    return this.text.slice(node.offset, node.offset + node.length);
  }

  /** Refuses members the format does not know (a typo would otherwise be silently ignored). */
  onlyKeys(object: Node, allowed: readonly string[], where: string): void {
    for (const { key, node } of this.keys(object)) {
      if (!allowed.includes(key))
        throw this.error(node, 'suite-unknown-member', t('Unknown member "{0}" in {1}.', key, where), t('Allowed: {0}.', allowed.join(', ')));
    }
  }

  string(object: Node, key: string, where: string, required = false): string | undefined {
    const node = this.member(object, key);
    if (!node) {
      if (required) throw this.error(object, 'suite-missing', t('{0} needs "{1}".', where, key));
      return undefined;
    }
    if (node.type !== 'string' || node.value === '') throw this.error(node, 'suite-type', t('"{0}" in {1} must be a non-empty string.', key, where));
    return node.value as string;
  }

  number(object: Node, key: string, where: string, min = 0): number | undefined {
    const node = this.member(object, key);
    if (!node) return undefined;
    if (node.type !== 'number' || !(node.value >= min))
      throw this.error(node, 'suite-type', t('"{0}" in {1} must be a number of at least {2}.', key, where, min));
    return node.value as number;
  }

  boolean(object: Node, key: string, where: string): boolean | undefined {
    const node = this.member(object, key);
    if (!node) return undefined;
    if (node.type !== 'boolean') throw this.error(node, 'suite-type', t('"{0}" in {1} must be true or false.', key, where));
    return node.value as boolean;
  }

  object(object: Node, key: string, where: string): Node | undefined {
    const node = this.member(object, key);
    if (node && node.type !== 'object') throw this.error(node, 'suite-type', t('"{0}" in {1} must be an object.', key, where));
    return node;
  }

  array(object: Node, key: string, where: string): Node | undefined {
    const node = this.member(object, key);
    if (node && node.type !== 'array') throw this.error(node, 'suite-type', t('"{0}" in {1} must be a list.', key, where));
    return node;
  }
}
