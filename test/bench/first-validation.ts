// Run by cold-start.ts in a fresh Node process: `node first-validation.js precompiled|runtime <schemas dir>`
// prints how long the first validation of the documented inbox took, loading included: the precompiled
// validator (dist/validators-chat2desk.js, what the product does) or ajv compiling the root schema (what it did).
// Everything is required inside the timed span, so neither side starts with the other's modules loaded.
/* eslint-disable @typescript-eslint/no-require-imports */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [how, schemasDir] = process.argv.slice(2);
const inbox = JSON.parse(readFileSync(join(schemasDir, 'examples/chat2desk/inbox.json'), 'utf8')) as unknown;
const started = performance.now();
const validate = how === 'runtime' ? compiledAtRuntime() : precompiled();
const valid = validate(inbox);
process.stdout.write(`${JSON.stringify({ ms: performance.now() - started, valid })}\n`);

function compiledAtRuntime() {
  const { compileValidators, readSchemaFiles } = require('../../src/core/ajv-engine') as typeof import('../../src/core/ajv-engine');
  return compileValidators(readSchemaFiles(schemasDir))('chat2desk.schema.json');
}

function precompiled() {
  const { PayloadValidator } = require('../../src/core/validate') as typeof import('../../src/core/validate');
  return new PayloadValidator().validatorFor('chat2desk.schema.json');
}
