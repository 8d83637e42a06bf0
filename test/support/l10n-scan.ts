// Finds every message the code passes to a translation call, for the l10n key test and for
// `npm run l10n:missing` (which prints the Russian entries still to write, as JSON to fill in).
// Translation calls: vscode.l10n.t('...') in src/features, and t('...') imported from src/core/l10n.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import { REPO_ROOT } from './paths';

export interface FoundMessage { message: string; where: string }
export interface Scan { messages: FoundMessage[]; problems: string[] }

const sourceFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
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

if (require.main === module) {
  const { messages, problems } = scanMessages();
  const ru = readJson('l10n/bundle.l10n.ru.json');
  const missing = Object.fromEntries([...new Set(messages.map((m) => m.message))].filter((m) => !(m in ru)).map((m) => [m, '']));
  const stale = Object.keys(ru).filter((key) => !messages.some((m) => m.message === key));
  for (const problem of problems) console.error(problem);
  if (stale.length) console.error(`Stale in l10n/bundle.l10n.ru.json (remove): ${JSON.stringify(stale, null, 2)}`);
  console.log(JSON.stringify(missing, null, 2));
}
