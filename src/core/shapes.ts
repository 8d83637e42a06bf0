// zod for runtime shapes, in its tree-shakable "mini" form: the classic `zod` entry bundles every check
// and locale (459 KB of the activation bundle); this pulls in only what the shapes use. Import it as
// `import * as z from './shapes'` (a namespace, so the bundler keeps only the functions called). English
// messages are loaded once here, so a shape reports "expected number, received string", not "Invalid input".
import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';
