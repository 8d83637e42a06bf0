// Bundles the extension and the CLI into dist/ (what the VSIX ships), and with --tests the
// integration suite, harness and benchmarks into out/ (never shipped).
//   node esbuild.mjs               development build of dist/ (sourcemaps, not minified)
//   node esbuild.mjs --production  minified dist/ for packaging
//   node esbuild.mjs --watch       rebuild dist/ on change
//   node esbuild.mjs --tests       dist/ plus out/test/**
import * as esbuild from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** @type {esbuild.BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // The extension host of VS Code 1.90 (our engines floor) runs Node 20.
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'info',
  // jsonc-parser's UMD entry ("main") requires its modules dynamically; its ESM entry bundles.
  mainFields: ['module', 'main'],
  // No keepNames: it costs 5% of the activation bundle. Our errors are named by their code instead
  // (core/errors.ts), which minification keeps.
  keepNames: false,
};

// Modules the extension needs only on demand are require()d inside functions (ajv: when something
// validates; zod: when a shape first parses; jsonc-parser: when a file is edited or pretty-printed; the
// HTML of the response and capture panels: when one opens; the delivery engine: when a delivery runs; the
// listener: when listening starts; the handler kit: when one of its commands runs). In the extension
// such a require loads a second bundle from dist/ (esbuild cannot split CommonJS output), so activation
// never loads them.
// The CLI shares the same files (a send without validation never loads ajv). Only pure modules belong
// here: a second bundle has its own copies of what it imports, so no class identity may cross over.
const onDemand = [
  { filter: /[\\/]ajv-engine$/, outfile: 'dist/ajv-engine.js', entryPoints: ['src/core/ajv-engine.ts'] },
  { filter: /[\\/]zod-engine$/, outfile: 'dist/zod-engine.js', entryPoints: ['src/core/zod-engine.ts'] },
  { filter: /[\\/]response-html$/, outfile: 'dist/response-html.js', entryPoints: ['src/features/send/response-html.ts'] },
  { filter: /[\\/]engine-bundle$/, outfile: 'dist/delivery-engine.js', entryPoints: ['src/core/delivery/engine-bundle.ts'] },
  { filter: /[\\/]capture-html$/, outfile: 'dist/capture-html.js', entryPoints: ['src/features/listen/capture-html.ts'] },
  { filter: /[\\/]listener-bundle$/, outfile: 'dist/listen-engine.js', entryPoints: ['src/core/listen/listener-bundle.ts'] },
  { filter: /[\\/]kit-bundle$/, outfile: 'dist/kit.js', entryPoints: ['src/core/kit/kit-bundle.ts'] },
  { filter: /^jsonc-parser$/, outfile: 'dist/jsonc-parser.js', stdin: { contents: "export * from 'jsonc-parser';", resolveDir: '.', loader: 'js' } },
];
const onDemandBundles = {
  name: 'on-demand-bundles',
  setup(build) {
    for (const { filter, outfile } of onDemand) {
      build.onResolve({ filter }, (args) => (args.kind === 'require-call' ? { path: `./${outfile.slice('dist/'.length)}`, external: true } : undefined));
    }
  },
};

const product = [
  // The banner stamps when the host began evaluating the bundle (activate() reports it to npm run bench).
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [onDemandBundles],
    banner: { js: 'var WEBHOOK_STUDIO_BUNDLE_START = performance.now();' },
  },
  ...onDemand.map(({ filter: _filter, ...entry }) => ({ ...common, ...entry, plugins: [onDemandBundles] })),
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [onDemandBundles] },
];

const listTs = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
const testBuilds = [
  // Runs inside the VS Code extension host: `vscode` and mocha come from the host / node_modules.
  { ...common, entryPoints: ['test/integration/index.ts'], outfile: 'out/test/integration/index.js', packages: 'external', sourcemap: 'inline' },
  { ...common, entryPoints: listTs('test/harness'), outdir: 'out/test/harness', packages: 'external' },
  { ...common, entryPoints: listTs('test/bench'), outdir: 'out/test/bench', packages: 'external' },
  // npm run bench's reference: the extension as one minified bundle, without the on-demand split.
  { ...common, minify: true, sourcemap: false, entryPoints: ['src/extension.ts'], outfile: 'out/bench/extension-one-bundle.js', external: ['vscode'] },
];

// The handler kit's templates (templates/scaffolds/**) as one JSON object { "express/src/server.ts": text, … },
// brotli-compressed: 10 KB in the VSIX where 23 small deflated files took 23 KB (src/core/kit/templates.ts reads it).
function packTemplates() {
  const root = 'templates/scaffolds';
  const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  const files = walk(root).sort();
  const pack = JSON.stringify(Object.fromEntries(files.map((f) => [relative(root, f).split('\\').join('/'), readFileSync(f, 'utf8')])));
  mkdirSync('dist', { recursive: true });
  writeFileSync(
    'dist/scaffolds.json.br',
    brotliCompressSync(pack, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } }),
  );
}

const builds = tests ? [...product, ...testBuilds] : product;
packTemplates();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('[esbuild] watching for changes');
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync('dist/cli.js', 0o755);
  // @vscode/test-electron spawns the host shim as an executable.
  if (tests) chmodSync('out/test/harness/code-shim.js', 0o755);
}
