// The commands on one received webhook, one method each: Open, Save as Fixture, Replay, Edit and Resend,
// Deliver as Chat2Desk, Compare with…, Copy as cURL, Delete. Replay goes through the prepare-then-send
// flow (endpoint, then the token with Set API Token resuming it) and the sender (history, redaction, view).
import * as vscode from 'vscode';
import { captureTitle, type Capture } from '../../core/listen/capture';
import { captureAsCurl, fixtureFromCapture, replayRequest, saveFixtureIn, uniqueFileName, type Fixture, type ReplayMode } from '../../core/listen/reuse';
import type { WebhookResponse } from '../../core/send';
import type { Accounts } from '../accounts';
import { listenSettings } from '../configuration';
import type { DeliverCommandArgs } from '../deliver/run-settings';
import { fixturesFolder } from '../fixtures-folder';
import type { ChosenEndpoint, EndpointPicker } from '../send/endpoints';
import type { SendFlow } from '../send/prepare-send';
import type { WebhookSender } from '../send/webhook-sender';
import type { CaptureArgs } from './capture-args';
import type { CaptureDocuments } from './capture-documents';
import type { CapturePanel } from './capture-panel';
import type { ListenService } from './listen-service';
import { COMMANDS } from '../ids';

export interface CaptureControllerDeps {
  /** Where Edit and Resend puts its document when no folder is open. */
  storage: vscode.Uri;
  service: ListenService;
  accounts: Accounts;
  flow: SendFlow;
  endpoints: EndpointPicker;
  sender: WebhookSender;
  panel: CapturePanel;
  documents: CaptureDocuments;
  log: vscode.LogOutputChannel;
}

interface ReplayChoices {
  target: ChosenEndpoint;
  mode: 'original' | 'resigned';
}

export class CaptureController {
  constructor(private readonly deps: CaptureControllerDeps) {}

  async open(capture: Capture): Promise<Capture> {
    this.deps.panel.show(capture);
    return capture;
  }

  async saveAsFixture(capture: Capture, args: CaptureArgs): Promise<vscode.Uri | undefined> {
    const fixture = fixtureFromCapture(capture);
    const folder = args.folder
      ? vscode.Uri.file(args.folder)
      : await fixturesFolder(vscode.l10n.t('Where should fixtures from received webhooks go? (asked once: webhookStudio.listen.fixturesFolder)'));
    if (!folder) return undefined;
    await vscode.workspace.fs.createDirectory(folder);
    // On disk, created exclusively as the CLI does (never overwriting, never through a link).
    const uri = folder.scheme === 'file' ? vscode.Uri.file(saveFixtureIn(folder.fsPath, fixture)) : await saveThroughFs(folder, fixture);
    this.deps.log.info(`Saved capture ${capture.id} as ${uri.fsPath}`);
    if (!args.folder) await vscode.window.showTextDocument(uri, { preview: false });
    return uri;
  }

  /** The captured bytes again, with the original signature or re-signed; the answer, as Send records and shows it. */
  async replay(capture: Capture, args: CaptureArgs): Promise<WebhookResponse | undefined> {
    const { accounts, service, flow, sender, log } = this.deps;
    const title = captureTitle(capture);
    const prepared = await flow.prepare<ReplayChoices>({
      items: [],
      validate: false,
      anyway: '',
      // The listener's account verified it: by default, its token re-signs.
      account: accounts.find(args.account) ?? service.verifyingAccount,
      choose: async () => {
        const target = args.url ? { url: args.url, headers: {} } : await this.deps.endpoints.pick(vscode.l10n.t('Replay {0}', title));
        const mode = target && (args.mode ?? (await pickReplayMode(title, target.url)));
        // The capture's own headers are replayed, not the endpoint's.
        return target && mode && { target: { url: target.url, name: target.name, headers: {} }, mode };
      },
      target: (choices) => choices.target,
      signs: (choices) => choices.mode === 'resigned',
      resume: (choices, account) => this.replay(capture, { ...args, url: choices.target.url, mode: choices.mode, account: account.name }),
    });
    if (!prepared) return undefined;
    const { target, mode } = prepared.choices;
    const how: ReplayMode = mode === 'resigned' && prepared.apiToken ? { kind: 'resigned', apiToken: prepared.apiToken } : { kind: 'original' };
    const request = replayRequest(capture, target.url, how);
    const source = how.kind === 'original' ? vscode.l10n.t('replay of {0} (original signature)', title) : vscode.l10n.t('replay of {0} (re-signed)', title);
    const signed = how.kind === 'resigned' || Object.keys(request.headers).some((name) => name.toLowerCase() === 'x-signature');
    const [exchange] = await sender.sendRequests([{ source, request, provider: capture.payload.provider, signed, wrongSignature: false }], target.url);
    log.info(`Replayed capture ${capture.id}: ${exchange?.response ? exchange.response.status : (exchange?.error?.message ?? 'cancelled')}`);
    return exchange?.response;
  }

  /** The capture as an untitled fixture to edit, then Send as Signed Webhook (through the same flow as any send). */
  async editAndResend(capture: Capture): Promise<vscode.TextDocument> {
    if (capture.bodyEncoding !== 'utf8') throw new Error(vscode.l10n.t("This capture's body is not text, so it cannot be edited as JSON."));
    const { fileName, text } = fixtureFromCapture(capture);
    const root = vscode.workspace.workspaceFolders?.[0]?.uri ?? this.deps.storage;
    // An untitled document with a fixture's name: the schema applies, and Save puts it beside the fixtures.
    const name = fileName.replace(/(\.\w+)?\.json$/, (ext) => `-edited${ext}`);
    const uri = vscode.Uri.joinPath(
      root,
      uniqueFileName(name, (n) => vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith(`/${n}`))),
    ).with({ scheme: 'untitled' });
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
    if (document.languageId !== 'json') await vscode.languages.setTextDocumentLanguage(document, 'json');
    void vscode.window
      .showInformationMessage(
        vscode.l10n.t('Edit the payload, then send it with "Send as Signed Webhook" (editor title or context menu).'),
        vscode.l10n.t('Send Now'),
      )
      .then((c) => c && vscode.commands.executeCommand(COMMANDS.sendSignedWebhook, document.uri));
    return document;
  }

  /** A real delivery, rehearsed: the captured body goes through Deliver (Chat2Desk's resends, re-signed). */
  async deliver(capture: Capture, args: CaptureArgs): Promise<unknown> {
    if (capture.truncated) throw new Error(vscode.l10n.t('This capture was stored truncated (its body was over the size limit), so it cannot be delivered.'));
    if (capture.bodyEncoding !== 'utf8') throw new Error(vscode.l10n.t("This capture's body is not text, so it cannot be delivered as a payload."));
    const deliverArgs: DeliverCommandArgs = {
      payloads: [{ source: captureTitle(capture), text: capture.body, provider: capture.payload.provider }],
      ...(args.url ? { url: args.url } : {}),
    };
    return vscode.commands.executeCommand(COMMANDS.deliverAsChat2Desk, undefined, undefined, deliverArgs);
  }

  async compare(capture: Capture, args: CaptureArgs): Promise<vscode.Uri[] | undefined> {
    const others = (await this.deps.service.captures()).list().filter((c) => c.id !== capture.id);
    if (others.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('There is no other received webhook to compare with.'));
      return undefined;
    }
    const other = args.otherId
      ? others.find((c) => c.id === args.otherId)
      : (
          await vscode.window.showQuickPick(
            others
              .slice()
              .reverse()
              .map((c) => ({ label: captureTitle(c), description: `${c.receivedAt.replace('T', ' ').slice(0, 19)} · ${c.signature.status}`, capture: c })),
            { title: vscode.l10n.t('Compare {0} with…', captureTitle(capture)) },
          )
        )?.capture;
    if (!other) return undefined;
    const left = this.deps.documents.of(other, `${other.id}/${captureTitle(other)}.json`);
    const right = this.deps.documents.of(capture, `${capture.id}/${captureTitle(capture)}.json`);
    await vscode.commands.executeCommand(
      'vscode.diff',
      left,
      right,
      `${captureTitle(other)} (${other.receivedAt.slice(11, 19)}) ↔ ${captureTitle(capture)} (${capture.receivedAt.slice(11, 19)})`,
    );
    return [left, right];
  }

  async copyAsCurl(capture: Capture): Promise<string> {
    const base = this.deps.service.address?.url ?? `http://127.0.0.1:${listenSettings().port}`;
    const curl = captureAsCurl(capture, `${base}${capture.path}${capture.query}`);
    await vscode.env.clipboard.writeText(curl);
    vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('cURL command copied')}`, 3000);
    return curl;
  }

  async delete(capture: Capture): Promise<boolean> {
    return (await this.deps.service.captures()).remove(capture.id);
  }
}

async function pickReplayMode(title: string, url: string): Promise<ReplayChoices['mode'] | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      {
        label: `$(history) ${vscode.l10n.t('Original bytes and signature')}`,
        description: vscode.l10n.t('exactly as received: a true replay (a handler checking X-Timestamp may reject it as stale)'),
        id: 'original' as const,
      },
      {
        label: `$(key) ${vscode.l10n.t('Re-signed with a fresh timestamp')}`,
        description: vscode.l10n.t('same bytes, new X-Timestamp and X-Signature from the account token'),
        id: 'resigned' as const,
      },
    ],
    { title: vscode.l10n.t('Replay {0} to {1}', title, url) },
  );
  return picked?.id;
}

/** A fixture in a folder of another file system (a virtual workspace): under a name not taken. */
async function saveThroughFs(folder: vscode.Uri, fixture: Fixture): Promise<vscode.Uri> {
  const taken = new Set((await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name));
  const uri = vscode.Uri.joinPath(
    folder,
    uniqueFileName(fixture.fileName, (name) => taken.has(name)),
  );
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(fixture.text));
  return uri;
}
