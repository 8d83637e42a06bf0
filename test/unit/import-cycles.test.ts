// No import cycles in src/: a module can be read, tested and bundled after what it imports. Every relative
// `import`, `export … from`, `import x = require()`, `require()` and `import()` counts, `import type`
// included: a cycle through types still ties two modules together (neither can be understood or moved
// without the other), and it becomes a runtime cycle the day someone imports a value instead.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

function tsFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFilesUnder(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module specifier a file names, statically or through require()/import(). */
export function specifiersOf(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: string[] = [];
  const literal = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) found.push(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) literal(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const callee = node.expression;
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** A relative specifier as the file it names (`./x` → x.ts or x/index.ts); undefined for packages and non-TS files. */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

/** Tarjan's strongly connected components: each one with more than one module (or a module importing itself) is a cycle. */
export function cyclesOf(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) cycles.push(component.sort());
  };
  for (const node of graph.keys()) if (!index.has(node)) connect(node);
  return cycles;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of tsFilesUnder(SRC)) {
    const targets = specifiersOf(file, readFileSync(file, 'utf8'))
      .map((specifier) => resolveSpecifier(file, specifier))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

describe('import cycles in src/', () => {
  it('finds a cycle when there is one (the finder itself)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    assert.deepEqual(cyclesOf(graph), [['a', 'b', 'c'], ['e']]);
    assert.deepEqual(
      cyclesOf(
        new Map([
          ['a', ['b']],
          ['b', []],
        ]),
      ),
      [],
    );
  });

  it('reads every kind of import, type-only ones included', () => {
    const text = [
      "import type { A } from './a';",
      "import b from './b';",
      "export { c } from './c';",
      "export * as d from './d';",
      "import './e';",
      "import f = require('./f');",
      "const g = () => require('./g');",
      "const h = () => import('./h');",
      "// import no from './comment';",
      'const s = "import no from \'./string\'";',
    ].join('\n');
    assert.deepEqual(specifiersOf('x.ts', text), ['./a', './b', './c', './d', './e', './f', './g', './h']);
  });

  it('has none', () => {
    const graph = importGraph();
    // The scan really ran over src/: the entries and their imports are in it.
    assert.ok(graph.size > 100, `only ${graph.size} files found under src/`);
    assert.ok((graph.get(join(SRC, 'extension.ts')) ?? []).length > 5, 'extension.ts imports were not resolved');
    const name = (file: string) => relative(ROOT, file);
    // Each cycle as its imports among its own modules: the edges to cut are among these.
    const cycles = cyclesOf(graph).map((cycle) =>
      cycle.flatMap((from) => (graph.get(from) ?? []).filter((to) => cycle.includes(to)).map((to) => `${name(from)} → ${name(to)}`)).join('; '),
    );
    assert.deepEqual(cycles, [], `import cycles (one a line, as the imports that close it):\n${cycles.join('\n')}`);
  });
});
