// The commands of Deliver as Chat2Desk… (controller, run-setting questions, progress), required at the first
// delivery (dist/deliver-commands.js, a second bundle with `vscode` external: see esbuild.mjs), so
// activation carries only the Delivery Timeline view and the command registrations.
export { DeliverController } from './deliver-controller';
