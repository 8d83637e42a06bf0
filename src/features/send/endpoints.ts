// Where to send: configured endpoints, this workspace's recent URLs, or a URL typed and checked live.
import * as vscode from 'vscode';
import { lastTargetOf, readMemory, rememberTarget, typedEndpointUrl, type EndpointMemory } from '../../core/endpoint-memory';
import { describeError } from '../../core/errors';
import { redactUrl } from '../../core/redact';
import { parseEndpointUrl } from '../../core/send';
import { withKeyboard } from '../keyboard-focus';
import { addUserEndpoint, configuredEndpoints, type ConfiguredEndpoint } from '../configuration';
import { SETTINGS, STATE_KEYS } from '../ids';

const RECENT_KEY = STATE_KEYS.recentUrls;
const LAST_BY_FILE_KEY = STATE_KEYS.lastEndpointByFile;

export interface ChosenEndpoint {
  url: string;
  name?: string;
  account?: string;
  headers: Record<string, string>;
}

/** Remembers a URL for the picker; never one with a password in it (workspace state is plain text). */
export async function rememberUrl(state: vscode.Memento, url: string, file?: string): Promise<void> {
  const next = rememberTarget(endpointMemory(state), url, file);
  await state.update(RECENT_KEY, next.recent);
  await state.update(LAST_BY_FILE_KEY, next.lastByFile);
}

function endpointMemory(state: vscode.Memento): EndpointMemory {
  return readMemory(state.get(RECENT_KEY), state.get(LAST_BY_FILE_KEY));
}

/** URLs sent to (or typed) in this workspace, newest first. */
export function recentUrls(state: vscode.Memento): string[] {
  return endpointMemory(state).recent;
}

/** Webhook Studio's own listener, as the Listen feature offers it to the picker. */
export interface ListenerOffer {
  /** Its URL while it runs. */
  url(): string | undefined;
  /** Starts it as Start Listening does; its URL, or undefined when it could not start (the user was told). */
  start(): Promise<string | undefined>;
}
type PickItem = vscode.QuickPickItem & { endpoint?: ConfiguredEndpoint; url?: string; enter?: true; startListener?: true; invalid?: true };

/** The "where to send" question of every way to send, with this workspace's memory and the listener to offer. */
export class EndpointPicker {
  constructor(
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
    private readonly listener: ListenerOffer,
  ) {}

  /**
   * Asks where to send. `file` (workspace-relative) makes the target it was last sent to the default
   * (first, so Enter sends there). The choice is remembered at once, typed URLs included, so a URL typed
   * once is offered again even when the send then fails.
   */
  async pick(title: string, file?: string): Promise<ChosenEndpoint | undefined> {
    const chosen = await chooseEndpoint(this.state, this.log, this.listener, title, file);
    if (chosen) await rememberUrl(this.state, chosen.url, file);
    return chosen;
  }
}

async function chooseEndpoint(
  state: vscode.Memento,
  log: vscode.LogOutputChannel,
  listener: ListenerOffer,
  title: string,
  file: string | undefined,
): Promise<ChosenEndpoint | undefined> {
  const picked = await withKeyboard(() => pickTarget(targetItems(state, log, listener, file), title));
  if (!picked || picked.invalid) return undefined;
  if (picked.endpoint) return confirmedEndpoint(picked.endpoint);
  if (picked.startListener) {
    const url = await listener.start();
    return url === undefined ? undefined : { url, name: vscode.l10n.t('Webhook Studio listener'), headers: {} };
  }
  if (picked.url) return { url: picked.url, headers: {} };
  const typed = await askUrl(title, vscode.l10n.t('The URL of your webhook handler'));
  return typed === undefined ? undefined : { url: typed, headers: {} };
}

/** The picker's list: the file's last target, the endpoints, the listener (started when picked), recent URLs, Enter URL…. */
function targetItems(state: vscode.Memento, log: vscode.LogOutputChannel, listener: ListenerOffer, file: string | undefined): PickItem[] {
  const endpoints = configuredEndpoints(log);
  const memory = endpointMemory(state);
  const recent = memory.recent.filter((u) => !endpoints.some((e) => e.url === u));
  const endpointItems: PickItem[] = endpoints.map((endpoint) => ({
    label: `$(globe) ${endpoint.name}`,
    description: redactUrl(endpoint.url),
    detail:
      [
        endpoint.account && vscode.l10n.t('account {0}', endpoint.account),
        endpoint.fromWorkspace && vscode.l10n.t('from workspace settings'),
        Object.keys(endpoint.headers).length && vscode.l10n.t('headers: {0}', Object.keys(endpoint.headers).join(', ')),
      ]
        .filter(Boolean)
        .join(' · ') || undefined,
    endpoint,
  }));
  const listening = listener.url();
  const listenerItem: PickItem = {
    label: `$(radio-tower) ${vscode.l10n.t('Webhook Studio listener')}`,
    description: listening ?? vscode.l10n.t('starts on 127.0.0.1'),
    detail: vscode.l10n.t('Receives on this machine and checks the signature (Received Webhooks view)'),
    ...(listening === undefined ? { startListener: true as const } : { url: listening }),
  };
  const recentItems: PickItem[] = recent.filter((url) => url !== listening).map((url) => ({ label: `$(history) ${url}`, url }));
  const last = lastTargetOf(memory, file);
  const lastItem =
    last === undefined ? undefined : [listenerItem, ...endpointItems, ...recentItems].find((item) => item.url === last || item.endpoint?.url === last);
  const others = (list: PickItem[]) => list.filter((item) => item !== lastItem);
  return [
    ...(lastItem ? [{ label: vscode.l10n.t('Last used for this file'), kind: vscode.QuickPickItemKind.Separator }, lastItem] : []),
    ...(others(endpointItems).length ? [{ label: vscode.l10n.t('Endpoints'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...others(endpointItems),
    // After the user's own endpoints: with none (a new user), the listener is the default, started when picked.
    ...(others([listenerItem]).length ? [{ label: vscode.l10n.t('Listening'), kind: vscode.QuickPickItemKind.Separator }, listenerItem] : []),
    ...(others(recentItems).length ? [{ label: vscode.l10n.t('Recently used'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...others(recentItems),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    {
      label: `$(edit) ${vscode.l10n.t('Enter URL…')}`,
      description: vscode.l10n.t('or type it above, e.g. {0}', 'http://localhost:3000/webhooks/chat2desk'),
      enter: true,
    },
  ];
}

/**
 * The list, where a URL typed into the filter is an item of its own, first: Enter sends there. What does
 * not parse as an endpoint URL says why and is not accepted.
 */
function pickTarget(items: PickItem[], title: string): Promise<PickItem | undefined> {
  const pick = vscode.window.createQuickPick<PickItem>();
  pick.title = title;
  pick.placeholder = vscode.l10n.t("Send to which endpoint? Or type your handler's URL");
  pick.matchOnDescription = true;
  pick.items = items;
  return new Promise((resolve) => {
    pick.onDidChangeValue((value) => {
      const typed = typedUrlItem(value, items);
      pick.items = typed ? [typed, ...items] : items;
      if (typed) pick.activeItems = [typed];
    });
    pick.onDidAccept(() => {
      const chosen = pick.activeItems[0];
      if (!chosen || chosen.invalid) return;
      resolve(chosen);
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/** What a URL typed into the picker becomes; nothing while the text does not look like a URL yet (it filters). */
function typedUrlItem(value: string, items: readonly PickItem[]): PickItem | undefined {
  const typed = typedEndpointUrl(value);
  if (!typed || ('url' in typed && items.some((item) => item.url === typed.url || item.endpoint?.url === typed.url))) return undefined;
  const shown = redactUrl(value.trim());
  return 'url' in typed
    ? { label: `$(arrow-right) ${shown}`, description: vscode.l10n.t('send to this URL'), alwaysShow: true, url: typed.url }
    : { label: `$(error) ${shown}`, description: typed.problem, alwaysShow: true, invalid: true };
}

/** A configured endpoint, once its URL is checked and, from an untrusted workspace's settings, the user agreed. */
async function confirmedEndpoint(endpoint: ConfiguredEndpoint): Promise<ChosenEndpoint | undefined> {
  try {
    parseEndpointUrl(endpoint.url);
  } catch (error) {
    void vscode.window
      .showErrorMessage(vscode.l10n.t('Endpoint "{0}": {1}', endpoint.name, describeError(error)), vscode.l10n.t('Open Settings'))
      .then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS.endpoints));
    return undefined;
  }
  if (endpoint.fromWorkspace && !vscode.workspace.isTrusted) {
    const send = vscode.l10n.t('Send');
    const confirm = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The endpoint "{0}" ({1}) comes from this workspace\'s settings, and the workspace is not trusted. Send a signed webhook there?',
        endpoint.name,
        redactUrl(endpoint.url),
      ),
      {
        modal: true,
        detail: vscode.l10n.t(
          'Anyone who can edit this repository can set this URL. The request carries a signature made with your API token (not the token itself).',
        ),
      },
      send,
    );
    if (confirm !== send) return undefined;
  }
  return { url: endpoint.url, name: endpoint.name, account: endpoint.account, headers: endpoint.headers };
}

/** An input box for a handler's URL, checked as it is typed; the URL trimmed, or undefined when cancelled. */
export async function askUrl(title: string, prompt: string, value?: string): Promise<string | undefined> {
  const typed = await withKeyboard(() =>
    vscode.window.showInputBox({
      title,
      prompt,
      value,
      placeHolder: 'http://localhost:3000/webhooks/chat2desk',
      ignoreFocusOut: true,
      validateInput: (text) => {
        try {
          parseEndpointUrl(text);
          return undefined;
        } catch (error) {
          return describeError(error);
        }
      },
    }),
  );
  return typed?.trim();
}

/**
 * "Save as Endpoint" (the response view): adds the URL to the user's webhookStudio.endpoints under a
 * name the user gives, unless it is there already. Returns the endpoint's name, or undefined.
 */
export async function saveAsEndpoint(url: string, log: vscode.LogOutputChannel, presetName?: string): Promise<string | undefined> {
  const existing = configuredEndpoints(log).find((e) => !e.fromWorkspace && e.url === url);
  if (existing) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already the endpoint "{1}".', redactUrl(url), existing.name));
    return existing.name;
  }
  const name =
    presetName ??
    (await withKeyboard(() =>
      vscode.window.showInputBox({
        title: vscode.l10n.t('Save as Endpoint'),
        prompt: vscode.l10n.t('A name for {0}, shown when you send', redactUrl(url)),
        value: endpointNameFor(url),
        validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Give the endpoint a name.') : undefined),
      }),
    ));
  if (name === undefined || name.trim() === '') return undefined;
  await addUserEndpoint({ name: name.trim(), url });
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved "{0}" in your webhookStudio.endpoints setting.', name.trim()));
  return name.trim();
}

/** The name an endpoint gets unless the user gives one: its host and port. */
export function endpointNameFor(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return vscode.l10n.t('My handler'); // the URL was checked before sending; keep the plain name
  }
}
