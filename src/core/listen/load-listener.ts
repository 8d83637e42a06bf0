// The listener (its HTTP server, signature and payload verdicts), required on first use: the extension
// keeps it off its activation path, and the extension and the CLI share one copy.
import type * as ListenerBundle from './listener-bundle';

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const listenerBundle = (): typeof ListenerBundle => require('./listener-bundle') as typeof ListenerBundle;
