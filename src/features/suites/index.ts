// Contract suites in the Test Explorer: discovery, the Run / Run as Chat2Desk profiles (both with a
// continuous mode), CodeLens, the failure messages' actions and New Suite from Fixtures….
import * as vscode from 'vscode';
import type { SuiteRunMode, SuiteTestItem, SuiteTestKind } from '../../core/suites/types';
import type { Accounts } from '../accounts';
import type { DeliveryTimelines } from '../deliver/deliver-command';
import { COMMANDS } from '../ids';
import type { MessageActions } from './message-actions';
import { suiteActions } from './load-actions';
import { suiteCodeLensProvider } from './suite-codelens';
import { SuiteRunner, type SuiteTestResult } from './suite-run';
import { SUITE_GLOB, SuiteCatalogue, type SuiteEntry } from './suite-test-controller';

export interface SuitesServices {
  accounts: Accounts;
  schemasDir: string;
  timelines: DeliveryTimelines;
  log: vscode.LogOutputChannel;
}

/** What the Test Explorer shows, as plain data (the integration tests read it). */
export interface SuiteItemSnapshot {
  id: string;
  label: string;
  kind?: SuiteTestKind;
  range?: { startLine: number; endLine: number };
  error?: string;
  children: SuiteItemSnapshot[];
}

export interface SuitesApi {
  /** Waits for discovery, then the suite files' items. */
  items(): Promise<SuiteItemSnapshot[]>;
  /** Runs a suite (or one of its tests) as Run Suite does; `token` cancels it. */
  run(uri: vscode.Uri, testId?: string, mode?: SuiteRunMode, token?: vscode.CancellationToken): Promise<SuiteTestResult[] | undefined>;
}

export function registerSuitesFeature(context: vscode.ExtensionContext, services: SuitesServices): SuitesApi {
  const catalogue = new SuiteCatalogue(services.schemasDir);
  const runner = new SuiteRunner(catalogue, services.accounts, services.schemasDir, services.log);
  let messageActions: MessageActions | undefined;
  const actions = () => (messageActions ??= new (suiteActions().MessageActions)(runner, services.timelines, services.log));
  const { controller } = catalogue;
  const profile = (label: string, mode: SuiteRunMode, isDefault: boolean) =>
    controller.createRunProfile(label, vscode.TestRunProfileKind.Run, (request, token) => runner.handle(request, token, mode), isDefault, undefined, true);
  const runProfile = profile(vscode.l10n.t('Run'), 'run', true);
  const chat2deskProfile = profile(vscode.l10n.t('Run as Chat2Desk'), 'chat2desk', false);
  void catalogue.discover();

  /** Run Suite / Run Scenario (CodeLens, palette): a run of one item through the profile's handler; returns its results. */
  const runSuite = async (
    uri?: vscode.Uri,
    testId = 'suite',
    mode: SuiteRunMode = 'run',
    token?: vscode.CancellationToken,
  ): Promise<SuiteTestResult[] | undefined> => {
    const target = uri instanceof vscode.Uri ? uri : vscode.window.activeTextEditor?.document.uri;
    if (!target || !vscode.languages.match({ pattern: SUITE_GLOB }, { uri: target } as vscode.TextDocument)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Open a contract suite (a *.webhooks.json file), then run "Run Suite".'));
      return undefined;
    }
    const entry = catalogue.get(target) ?? (await catalogue.load(target));
    const item = entry?.items.get(testId);
    if (!entry || !item) return undefined;
    const cancel = new vscode.CancellationTokenSource();
    try {
      const request = new vscode.TestRunRequest([item], undefined, mode === 'chat2desk' ? chat2deskProfile : runProfile);
      return (await runner.runOnce(request, token ?? cancel.token, mode)).get(target.toString());
    } finally {
      cancel.dispose();
    }
  };

  context.subscriptions.push(
    catalogue,
    vscode.languages.registerCodeLensProvider({ pattern: SUITE_GLOB }, suiteCodeLensProvider(catalogue)),
    vscode.commands.registerCommand(COMMANDS.runSuite, (uri?: unknown, testId?: unknown, mode?: unknown) =>
      runSuite(uri instanceof vscode.Uri ? uri : undefined, typeof testId === 'string' ? testId : undefined, mode === 'chat2desk' ? 'chat2desk' : 'run'),
    ),
    vscode.commands.registerCommand(COMMANDS.saveActualAsFixture, (args) => actions().saveActualAsFixture(args)),
    vscode.commands.registerCommand(COMMANDS.openInDeliveryTimeline, (args) => actions().openInDeliveryTimeline(args)),
    vscode.commands.registerCommand(COMMANDS.copyFailureAsCurl, (args) => actions().copyAsCurl(args)),
    vscode.commands.registerCommand(COMMANDS.newSuite, (folder?: unknown) =>
      suiteActions().newSuite(services.accounts, services.log, folder instanceof vscode.Uri ? folder : undefined),
    ),
  );
  return {
    run: runSuite,
    items: async () => {
      await catalogue.discover();
      return catalogue.all().map((entry) => snapshotOf(entry, entry.suite?.tests));
    },
  };
}

function snapshotOf(entry: SuiteEntry, test: SuiteTestItem | undefined): SuiteItemSnapshot {
  const item = test ? entry.items.get(test.id)! : entry.root;
  return {
    id: test?.id ?? 'suite',
    label: item.label,
    kind: test?.kind,
    range: item.range && { startLine: item.range.start.line, endLine: item.range.end.line },
    error: item.error === undefined ? undefined : typeof item.error === 'string' ? item.error : item.error.value,
    children: (test?.children ?? []).map((child) => snapshotOf(entry, child)),
  };
}
