// The precompiled validators from source. In dist/ the modules precompiled/chat2desk and
// precompiled/iqchannels never exist: esbuild.mjs generates each platform's standalone code from schemas/
// at build time and bundles it as dist/validators-<provider>.js, which validate.ts's require loads. From
// source (unit tests, tsx) these stand-ins run the same generator over the same schemas once per process
// and evaluate its code, so the tests run the code the product ships, not a runtime-compiled schema.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readSchemaFiles, ROOT_SCHEMAS, standaloneValidatorSource } from '../ajv-engine';
import type { Validate } from '../ajv-engine';

export function validatorFromSource(provider: keyof typeof ROOT_SCHEMAS): Validate {
  const source = standaloneValidatorSource(readSchemaFiles(join(__dirname, '..', '..', '..', 'schemas'), [ROOT_SCHEMAS[provider]]), provider);
  const generated = { exports: {} as { validate: Validate } };
  // The generated code is a CommonJS module that requires ajv-formats' format checks.
  new Function('require', 'module', 'exports', source)(createRequire(__filename), generated, generated.exports);
  return generated.exports.validate;
}
