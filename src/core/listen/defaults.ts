// Listen's defaults, apart from the listener itself: settings and the CLI's help read them without
// loading the listener (a second bundle, see listener-bundle.ts).
import type { CapturedResponse } from './capture';

export const DEFAULT_LISTEN_PORT = 4848;
export const DEFAULT_TOLERANCE_SECONDS = 300;
export const DEFAULT_REPLY: CapturedResponse = { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"ok":true}' };
