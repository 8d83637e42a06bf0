// What a received webhook's actions (Save as Fixture, Replay, Deliver, Compare…) and Connect to My Chat2Desk
// Account do, required at first use (dist/listen-actions.js, a second bundle with `vscode` external: see
// esbuild.mjs). The view, the panel and the listener itself stay in the activation bundle.
export { CaptureController } from './capture-controller';
export { ConnectController } from './connect-controller';
