// What the handler kit's commands do (Generate Types…, New Webhook Handler…, Insert Signature Check…),
// required at first use (dist/kit-commands.js, a second bundle with `vscode` external: see esbuild.mjs).
export { generateTypes } from './generate-types';
export { insertSignatureCheck, newWebhookHandler } from './handler-kit';
