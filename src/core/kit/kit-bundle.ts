// What the extension loads only when a handler-kit command runs (dist/kit.js, a second bundle: see
// esbuild.mjs); the CLI shares the same file. Pure; its errors are told apart by shape (`code`), its
// texts by core/l10n's shared slot.
export { FRAMEWORKS, findFramework } from './frameworks';
export { nextSteps, SUITE_FILE, writeScaffold } from './scaffold';
export { signatureCheckText } from './signature-check';
export { templateSource } from './templates';
