// The zod/mini functions the shapes use, with English messages: shapes.ts requires this module on the
// first parse, and the extension ships it as a second bundle (dist/zod-engine.js, see esbuild.mjs).
// Named exports, not the namespace, so the bundle keeps only these.
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// Without a locale, zod/mini says "Invalid input"; settings and API problems quote these messages.
config(en());

export {
  _default,
  array,
  boolean,
  catch,
  enum,
  gte,
  int,
  looseObject,
  lte,
  minLength,
  nullable,
  number,
  object,
  optional,
  positive,
  record,
  string,
  trim,
  union,
  unknown,
  url,
} from 'zod/mini';
