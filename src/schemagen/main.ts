// npm run schemas [-- --docs DIR] [--out DIR]: regenerates schemas/ from the vendor documents.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { generateSchemas } from './generate';

const args = process.argv.slice(2);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const repo = resolve(__dirname, '..', '..');
const docsDir = resolve(option('--docs') ?? process.env.WEBHOOK_STUDIO_DOCS ?? join(repo, '..', 'shared', 'docs'));
const outDir = resolve(option('--out') ?? join(repo, 'schemas'));

const { files, examples } = generateSchemas(docsDir);
rmSync(outDir, { recursive: true, force: true });
for (const [path, content] of files) {
  mkdirSync(dirname(join(outDir, path)), { recursive: true });
  writeFileSync(join(outDir, path), content);
}
console.log(`schemas: ${files.size} files from ${examples.length} documented examples -> ${outDir}`);
