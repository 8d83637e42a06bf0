// Run Suite above a suite file's first line and Run Scenario above each scenario, from the suites the
// Test Explorer loaded (so the lenses and the tests agree); off with webhookStudio.codeLens.enabled.
import * as vscode from 'vscode';
import { codeLensEnabled } from '../configuration';
import { COMMANDS } from '../ids';
import { toRange, type SuiteCatalogue } from './suite-test-controller';

export function suiteCodeLensProvider(catalogue: SuiteCatalogue): vscode.CodeLensProvider {
  const changed = new vscode.EventEmitter<void>();
  catalogue.onDidChange(() => changed.fire());
  return {
    onDidChangeCodeLenses: changed.event,
    provideCodeLenses(document) {
      if (!codeLensEnabled()) return [];
      const entry = catalogue.get(document.uri);
      if (!entry?.suite) return [];
      const top = new vscode.Range(0, 0, 0, 0);
      const lenses = [
        new vscode.CodeLens(top, { title: `$(run-all) ${vscode.l10n.t('Run Suite')}`, command: COMMANDS.runSuite, arguments: [document.uri] }),
        new vscode.CodeLens(top, {
          title: vscode.l10n.t('Run Suite as Chat2Desk'),
          tooltip: vscode.l10n.t("Each scenario through Chat2Desk's resends and the fault modes it names"),
          command: COMMANDS.runSuite,
          arguments: [document.uri, 'suite', 'chat2desk'],
        }),
      ];
      for (const scenario of entry.suite.tests.children.filter((test) => test.kind === 'scenario' && test.range))
        lenses.push(
          new vscode.CodeLens(toRange(scenario.range!).with({ end: toRange(scenario.range!).start }), {
            title: `$(run) ${vscode.l10n.t('Run Scenario')}`,
            command: COMMANDS.runSuite,
            arguments: [document.uri, scenario.id],
          }),
        );
      return lenses;
    },
  };
}
