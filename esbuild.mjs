// Bundles the extension and the CLI into dist/ (what the VSIX ships), and with --tests the
// integration suite, harness and benchmarks into out/ (never shipped).
//   node esbuild.mjs               development build of dist/ (sourcemaps, not minified)
//   node esbuild.mjs --production  minified dist/ for packaging
//   node esbuild.mjs --watch       rebuild dist/ on change
//   node esbuild.mjs --tests       dist/ plus out/test/**
//   node esbuild.mjs --analyze     production dist/, then what each source file adds to dist/extension.js
import * as esbuild from 'esbuild';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { brotliCompressSync, constants as zlib } from 'node:zlib';

const analyze = process.argv.includes('--analyze');
const production = analyze || process.argv.includes('--production');
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
  // @vscode/l10n's Node entry requires fs/promises when it loads (and with it readline and streams, a
  // tenth of a CLI start) only to read bundles from files; we always hand it the contents (core/l10n.ts),
  // which its browser entry handles the same way, with no import at all.
  alias: { '@vscode/l10n': '@vscode/l10n/dist/browser.js' },
  // No keepNames: it costs 5% of the activation bundle. Our errors are named by their code instead
  // (core/errors.ts), which minification keeps.
  keepNames: false,
};

// Modules the extension needs only on demand are require()d inside functions, so activation never loads them:
//   pure ones: the validators (when something validates), zod (when a shape first parses), jsonc-parser (when
//   a file is edited or pretty-printed), the HTML of the response and capture panels (when one opens), the
//   delivery engine, the listener, the types generator, the suite runner and the handler kit (when used);
//   commands, with `vscode` external: Deliver as Chat2Desk…, the handler kit's commands, a received webhook's
//   actions and Connect, a failed test's actions and New Suite (at their first run). Their views, trees
//   and registrations stay in the activation bundle.
// In the extension such a require loads a second bundle from dist/ (esbuild cannot split CommonJS output).
// The CLI shares the same files (a send without validation never loads ajv). A second bundle has its own
// copies of what it imports: no class identity may cross over, and state that must be one per process
// lives in a process-wide slot (core/l10n.ts, features/keyboard-focus.ts).
const onDemand = [
  // Each platform's validator precompiled from schemas/ (see precompiledValidators below): in the bundles,
  // validate.ts's require('./precompiled/<provider>') loads this file instead of the source stand-in.
  ...['chat2desk', 'iqchannels'].map((provider) => ({
    filter: new RegExp(`[\\\\/]precompiled[\\\\/]${provider}$`),
    outfile: `dist/validators-${provider}.js`,
    entryPoints: [`precompiled-validators:${provider}`],
  })),
  { filter: /[\\/]zod-engine$/, outfile: 'dist/zod-engine.js', entryPoints: ['src/core/zod-engine.ts'] },
  { filter: /[\\/]response-html$/, outfile: 'dist/response-html.js', entryPoints: ['src/features/send/response-html.ts'] },
  { filter: /[\\/]engine-bundle$/, outfile: 'dist/delivery-engine.js', entryPoints: ['src/core/delivery/engine-bundle.ts'] },
  { filter: /[\\/]capture-html$/, outfile: 'dist/capture-html.js', entryPoints: ['src/features/listen/capture-html.ts'] },
  { filter: /[\\/]actions-bundle$/, outfile: 'dist/suite-actions.js', entryPoints: ['src/features/suites/actions-bundle.ts'], external: ['vscode'] },
  { filter: /[\\/]deliver-bundle$/, outfile: 'dist/deliver-commands.js', entryPoints: ['src/features/deliver/deliver-bundle.ts'], external: ['vscode'] },
  { filter: /[\\/]kit-commands-bundle$/, outfile: 'dist/kit-commands.js', entryPoints: ['src/features/kit/kit-commands-bundle.ts'], external: ['vscode'] },
  {
    filter: /[\\/]listen-actions-bundle$/,
    outfile: 'dist/listen-actions.js',
    entryPoints: ['src/features/listen/listen-actions-bundle.ts'],
    external: ['vscode'],
  },
  { filter: /[\\/]runner-bundle$/, outfile: 'dist/suite-runner.js', entryPoints: ['src/runner-bundle.ts'] },
  { filter: /[\\/]listener-bundle$/, outfile: 'dist/listen-engine.js', entryPoints: ['src/core/listen/listener-bundle.ts'] },
  { filter: /[\\/]types-bundle$/, outfile: 'dist/types-generator.js', entryPoints: ['src/core/kit/types/types-bundle.ts'] },
  { filter: /[\\/]kit-bundle$/, outfile: 'dist/kit.js', entryPoints: ['src/core/kit/kit-bundle.ts'] },
  { filter: /^jsonc-parser$/, outfile: 'dist/jsonc-parser.js', stdin: { contents: "export * from 'jsonc-parser';", resolveDir: '.', loader: 'js' } },
];

// ajv's standalone code for a root schema, generated by src/core/ajv-engine.ts at every build (and in
// watch mode whenever the root schema or the generator changes). Neither is committed: the schemas are.
const precompiledValidators = {
  name: 'precompiled-validators',
  setup(build) {
    build.onResolve({ filter: /^precompiled-validators:/ }, (args) => ({ path: args.path.split(':')[1], namespace: 'precompiled-validators' }));
    build.onLoad({ filter: /.*/, namespace: 'precompiled-validators' }, async ({ path: provider }) => {
      const engine = await loadTs('src/core/ajv-engine.ts');
      const schema = engine.ROOT_SCHEMAS[provider];
      return {
        contents: engine.standaloneValidatorSource(engine.readSchemaFiles('schemas', [schema]), provider),
        resolveDir: '.',
        loader: 'js',
        watchFiles: ['src/core/ajv-engine.ts', join('schemas', schema)],
      };
    });
  },
};
/** A TypeScript module of ours loaded into this script (bundled in memory; its packages from node_modules). */
async function loadTs(entry) {
  const { outputFiles } = await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', packages: 'external', write: false });
  const module = { exports: {} };
  new Function('require', 'module', 'exports', outputFiles[0].text)(createRequire(import.meta.url), module, module.exports);
  return module.exports;
}

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
  ...onDemand.map(({ filter: _filter, ...entry }) => ({ ...common, ...entry, plugins: [onDemandBundles, precompiledValidators] })),
  { ...common, entryPoints: ['src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, plugins: [onDemandBundles] },
];

const listTs = (dir) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => join(dir, f));
// The benchmarks and the host's tests validate with the validators the product ships (dist/validators-*.js).
const shippedValidators = {
  name: 'shipped-validators',
  setup(build) {
    build.onResolve({ filter: /[\\/]precompiled[\\/](chat2desk|iqchannels)$/ }, (args) =>
      args.kind === 'require-call' ? { path: `../../../dist/validators-${args.path.split(/[\\/]/).pop()}.js`, external: true } : undefined,
    );
  },
};
const testBuilds = [
  // Runs inside the VS Code extension host: `vscode` and mocha come from the host / node_modules.
  {
    ...common,
    entryPoints: ['test/integration/index.ts'],
    outfile: 'out/test/integration/index.js',
    packages: 'external',
    sourcemap: 'inline',
    plugins: [shippedValidators],
  },
  { ...common, entryPoints: listTs('test/harness'), outdir: 'out/test/harness', packages: 'external' },
  { ...common, entryPoints: listTs('test/bench'), outdir: 'out/test/bench', packages: 'external', plugins: [shippedValidators] },
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
// A fresh dist/ every build: a bundle left from an older layout would hide a missing one (the CLI package
// once shipped a stale file that only a clean clone lacked).
if (!watch) rmSync('dist', { recursive: true, force: true });
packTemplates();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('[esbuild] watching for changes');
} else {
  const results = await Promise.all(builds.map((options) => esbuild.build(analyze ? { ...options, metafile: true } : options)));
  if (analyze) for (const r of results) console.log(await esbuild.analyzeMetafile(r.metafile, { verbose: false }));
  chmodSync('dist/cli.js', 0o755);
  // @vscode/test-electron spawns the host shim as an executable.
  if (tests) chmodSync('out/test/harness/code-shim.js', 0o755);
}
