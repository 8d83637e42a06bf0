// Entry point the VS Code extension host loads (extensionTestsPath): runs the suites with mocha.
import Mocha from 'mocha';

export async function run(): Promise<void> {
  // WEBHOOK_STUDIO_GREP runs only the tests whose titles match (npm run test:integration passes it on).
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec', grep: process.env.WEBHOOK_STUDIO_GREP });
  // The suites are bundled into this file; expose describe/it before their modules evaluate.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  if (process.env.WEBHOOK_STUDIO_BENCH === '1') {
    await import('./host-bench');
  } else if (process.env.WEBHOOK_STUDIO_LOCALE === 'ru') {
    await import('./l10n-ru.test');
  } else {
    await import('./activation.test');
    await import('./commands.test');
    await import('./schemas.test');
    await import('./send.test');
    await import('./webhooks-view.test');
    await import('./deliver.test');
    await import('./listen.test');
    await import('./first-minute.test');
    await import('./types.test');
    await import('./suites.test');
    await import('./handler-kit.test');
  }
  const failures = await new Promise<number>((done) => mocha.run(done));
  if (failures > 0) throw new Error(`${failures} integration test(s) failed`);
}
