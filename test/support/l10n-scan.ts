// Finds every message the code passes to a translation call, and every manifest text a user reads, for
// the l10n key test and for `npm run l10n:missing`, which
//   - moves manifest texts that are not yet "%key%" into package.nls.json (the key names their place),
//   - prints the Russian entries still to write (package.nls.ru.json, l10n/bundle.l10n.ru.json) as JSON.
// Translation calls: vscode.l10n.t('...') in src/features, and t('...') imported from src/core/l10n.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from './paths';

export interface FoundMessage {
  message: string;
  where: string;
}
export interface Scan {
  messages: FoundMessage[];
  problems: string[];
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });

/** The local name `t` is bound to when the file imports it from core/l10n. */
function importedT(file: ts.SourceFile): string | undefined {
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier) || !/(^|\/)l10n$/.test(statement.moduleSpecifier.text)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const e of bindings.elements) if ((e.propertyName ?? e.name).text === 't') return e.name.text;
  }
  return undefined;
}

export function scanMessages(srcDir = join(REPO_ROOT, 'src')): Scan {
  const messages: FoundMessage[] = [];
  const problems: string[] = [];
  for (const path of sourceFiles(srcDir)) {
    const file = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const tName = importedT(file);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(file);
        if (callee === 'vscode.l10n.t' || (tName !== undefined && callee === tName)) {
          const first = node.arguments[0];
          const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
          const where = `${relative(REPO_ROOT, path)}:${line + 1}`;
          if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.push({ message: first.text, where });
          else problems.push(`${where}: the message must be a string literal (put variable parts in {0}, {1} …): ${node.getText(file).slice(0, 80)}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return { messages, problems };
}

/** {0}, {1} … in a message, sorted and unique: a translation must use the same ones. */
export const placeholders = (text: string): string[] => [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();

export const readJson = (path: string): Record<string, string> => JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8'));

/** Manifest fields a user reads: each must be a %key% of package.nls.json (product names excepted). */
const USER_FACING =
  /(^displayName|^description|\.title|\.name|\.markdownDescription|\.description|\.enumDescriptions\[\d+\]|\.contents|\.contextualTitle|\.altText)$/;
const NOT_TRANSLATED = new Set(['Webhook Studio', 'webhook-studio']);

export interface ManifestText {
  path: string;
  key: string;
  text: string;
  set: (value: string) => void;
}

/** The manifest's texts a user reads that are not "%key%" yet, with a key made from where they are. */
export function rawManifestTexts(manifest: Record<string, unknown>): ManifestText[] {
  const found: ManifestText[] = [];
  const visit = (value: unknown, path: string, key: string, set: (v: string) => void) => {
    if (typeof value === 'string') {
      if (USER_FACING.test(path) && !/\.default\b/.test(path) && !/^%.+%$/.test(value) && !NOT_TRANSLATED.has(value))
        found.push({ path, key, text: value, set });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => {
        const named = item && typeof item === 'object' ? (item.id ?? item.command ?? item.view) : undefined;
        const part = typeof named === 'string' ? named.replace(/^webhookStudio\./, '') : String(i);
        visit(item, `${path}[${i}]`, `${key}.${part}`, (v) => {
          value[i] = v;
        });
      });
    } else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      for (const [name, child] of Object.entries(object)) {
        visit(child, path ? `${path}.${name}` : name, key ? `${key}.${name.replace(/^webhookStudio\./, '')}` : name, (v) => {
          object[name] = v;
        });
      }
    }
  };
  visit(manifest, '', '', () => undefined);
  return found.map((f) => ({ ...f, key: f.key.replace(/^contributes\./, '') }));
}

if (require.main === module) {
  const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
  const nls = readJson('package.nls.json');
  const raw = rawManifestTexts(manifest);
  for (const text of raw) {
    let key = text.key;
    for (let n = 2; key in nls && nls[key] !== text.text; n++) key = `${text.key}.${n}`;
    nls[key] = text.text;
    text.set(`%${key}%`);
  }
  if (raw.length) {
    writeFileSync(join(REPO_ROOT, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(REPO_ROOT, 'package.nls.json'), `${JSON.stringify(nls, null, 2)}\n`);
    console.error(`Moved ${raw.length} manifest text(s) to package.nls.json.`);
  }
  const nlsRu = readJson('package.nls.ru.json');
  const { messages, problems } = scanMessages();
  const ru = readJson('l10n/bundle.l10n.ru.json');
  const missing = Object.fromEntries([...new Set(messages.map((m) => m.message))].filter((m) => !(m in ru)).map((m) => [m, '']));
  const stale = Object.keys(ru).filter((key) => !messages.some((m) => m.message === key));
  for (const problem of problems) console.error(problem);
  if (stale.length) console.error(`Stale in l10n/bundle.l10n.ru.json (remove): ${JSON.stringify(stale, null, 2)}`);
  console.log(`package.nls.ru.json needs:\n${JSON.stringify(Object.fromEntries(Object.entries(nls).filter(([key]) => !(key in nlsRu))), null, 2)}`);
  console.log(`l10n/bundle.l10n.ru.json needs:\n${JSON.stringify(missing, null, 2)}`);
}
