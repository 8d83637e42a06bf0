// The types generator (the model and the four emitters), required on first use: the extension keeps it
// off its activation path, and the extension and the CLI share one copy.
import type * as TypesBundle from './types-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const typesGenerator = (): typeof TypesBundle => require('./types-bundle') as typeof TypesBundle;
