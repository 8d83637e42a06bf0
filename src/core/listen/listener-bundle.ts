// What the extension loads only when it starts listening (dist/listen-engine.js, a second bundle: see
// esbuild.mjs); the CLI shares the same file. Pure; its errors are told apart by shape, its texts by
// core/l10n's shared slot.
export { Listener } from './listener';
