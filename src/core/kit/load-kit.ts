// The handler kit (frameworks, scaffold writer, signature-check snippets), required on first use: the
// extension keeps it off its activation path, and the extension and the CLI share one copy.
import type * as KitBundle from './kit-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const kitBundle = (): typeof KitBundle => require('./kit-bundle') as typeof KitBundle;
