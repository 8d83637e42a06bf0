// The actions on a failed test's message (Test Results, the peek view): Save Actual as Fixture, Open in
// Delivery Timeline, Copy as cURL. VS Code passes `{ test, message }`; the artifacts are those of the
// test's last failing run (a message passed back is a copy, so it cannot carry them itself).
import * as vscode from 'vscode';
import type { DeliveryTimeline } from '../../core/delivery/engine';
import { uniqueFileName } from '../../core/listen/reuse';
import type { DeliveryTimelines } from '../deliver/deliver-command';
import { fixturesFolder } from '../fixtures-folder';
import { actualFileName, curlOfArtifacts, fixtureText } from './suite-results';
import type { FailureRecord, SuiteRunner } from './suite-run';

export interface MessageArgs {
  test?: vscode.TestItem;
  /** Instead of `test`: its id (`<suite URI>#<runner id>`). */
  testItemId?: string;
  /** Tests and scripts: which body to save and where, without asking. */
  which?: 'response' | 'request';
  folder?: string;
}

export class MessageActions {
  constructor(
    private readonly runner: SuiteRunner,
    private readonly timelines: DeliveryTimelines,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  private record(args: MessageArgs | undefined): FailureRecord | undefined {
    const id = args?.test?.id ?? args?.testItemId;
    const record = id === undefined ? undefined : this.runner.failures.get(id);
    if (!record)
      void vscode.window.showInformationMessage(vscode.l10n.t('Run the test again: what it sent and received is kept only for its last failing run.'));
    return record;
  }

  async saveActualAsFixture(args?: MessageArgs): Promise<vscode.Uri | undefined> {
    const record = this.record(args);
    if (!record) return undefined;
    const { request, response } = record.artifacts;
    const which = args?.which ?? (await this.pickBody(!!request, !!response));
    const body = which === 'request' ? request && Buffer.from(request.body).toString('utf8') : response?.body;
    if (!which || body === undefined) return undefined;
    const folder = args?.folder
      ? vscode.Uri.file(args.folder)
      : await fixturesFolder(vscode.l10n.t('Where should fixtures from suite runs go? (asked once: webhookStudio.listen.fixturesFolder)'));
    if (!folder) return undefined;
    await vscode.workspace.fs.createDirectory(folder);
    const taken = new Set((await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name));
    const name = uniqueFileName(actualFileName(record.entry.suite?.name ?? 'suite', record.testId, which), (n) => taken.has(n));
    const uri = vscode.Uri.joinPath(folder, name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(fixtureText(body)));
    this.log.info(`Saved the ${which} of ${record.testId} as ${uri.fsPath}`);
    if (!args?.folder) await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }

  private async pickBody(hasRequest: boolean, hasResponse: boolean): Promise<'response' | 'request' | undefined> {
    if (hasRequest !== hasResponse) return hasRequest ? 'request' : 'response';
    const picked = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('The response body'), description: vscode.l10n.t('what the handler answered'), which: 'response' as const },
        { label: vscode.l10n.t('The request body'), description: vscode.l10n.t('the payload as it was sent'), which: 'request' as const },
      ],
      { placeHolder: vscode.l10n.t('Save which body as a fixture?') },
    );
    return picked?.which;
  }

  async openInDeliveryTimeline(args?: MessageArgs): Promise<boolean> {
    const record = this.record(args);
    if (!record) return false;
    if (!record.artifacts.timeline) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This test did not run through Deliver: use "Run as Chat2Desk" to get a delivery timeline.'));
      return false;
    }
    await this.timelines.show(`${record.entry.suite?.name ?? ''} · ${args?.test?.label ?? record.testId}`, record.artifacts.timeline as DeliveryTimeline);
    return true;
  }

  async copyAsCurl(args?: MessageArgs): Promise<string | undefined> {
    const record = this.record(args);
    const curl = record && curlOfArtifacts(record.artifacts);
    if (!record) return undefined;
    if (!curl) {
      void vscode.window.showInformationMessage(vscode.l10n.t('This test has no single request to copy.'));
      return undefined;
    }
    await vscode.env.clipboard.writeText(curl);
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('cURL command copied')}`, 3000);
    return curl;
  }
}
