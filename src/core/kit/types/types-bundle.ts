// What the extension loads only when it generates types (dist/types-generator.js, a second bundle: see
// esbuild.mjs); the CLI shares the same file. Pure, and it speaks no language: the output is the same
// bytes whatever the locale.
export { generateTypesFrom } from './generate';
