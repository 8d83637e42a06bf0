// The precompiled validators of the two root schemas. In dist/ this module never exists: esbuild.mjs
// generates the standalone code from schemas/ at build time and bundles it as dist/validators.js, which
// validate.ts's require('./precompiled-validators') loads. From source (unit tests, tsx) this stand-in
// generates the same code from the same schemas once per process and evaluates it, so the tests run
// the code the product ships, not a runtime-compiled schema.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { readSchemaFiles, standaloneValidatorsSource } from './ajv-engine';
import type { Validate } from './validate';

const source = standaloneValidatorsSource(readSchemaFiles(join(__dirname, '..', '..', 'schemas')));
const generated = { exports: {} as Record<string, Validate> };
// The generated code is a CommonJS module that requires ajv-formats' format checks.
new Function('require', 'module', 'exports', source)(createRequire(__filename), generated, generated.exports);

export const chat2desk: Validate = generated.exports.chat2desk;
export const iqchannels: Validate = generated.exports.iqchannels;
