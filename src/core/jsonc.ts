// jsonc-parser, required on first use: the extension ships it as a second bundle (dist/jsonc-parser.js,
// see esbuild.mjs), kept off the activation path. Everything that edits JSON text goes through here.
import type * as JsoncParser from 'jsonc-parser';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const jsoncParser = (): typeof JsoncParser => require('jsonc-parser') as typeof JsoncParser;
