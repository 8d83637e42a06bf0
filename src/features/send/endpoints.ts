// Where to send: configured endpoints, this workspace's recent URLs, or a URL typed and checked live.
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import { redactUrl } from '../../core/redact';
import { parseEndpointUrl } from '../../core/send';
import { endpointSchema, parseList, type Endpoint } from '../../core/settings';
import { SETTINGS, SETTINGS_SECTION, STATE_KEYS } from '../ids';

const RECENT_KEY = STATE_KEYS.recentUrls;
const RECENT_LIMIT = 10;

export interface ChosenEndpoint {
  url: string;
  name?: string;
  account?: string;
  headers: Record<string, string>;
}

interface ConfiguredEndpoint extends Endpoint {
  /** Defined in workspace (folder) settings: a cloned repository can put anything there. */
  fromWorkspace: boolean;
}

export function configuredEndpoints(log: vscode.LogOutputChannel): ConfiguredEndpoint[] {
  const inspected = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown[]>('endpoints');
  const read = (raw: unknown, fromWorkspace: boolean) => {
    const { items, problems } = parseList(SETTINGS.endpoints, raw, endpointSchema);
    for (const p of problems) log.warn(p.message);
    return items.map((e) => ({ ...e, fromWorkspace }));
  };
  return [
    ...read(inspected?.workspaceFolderValue, true),
    ...read(inspected?.workspaceValue, true),
    ...read(inspected?.globalValue, false),
  ];
}

/** Remembers a URL for the picker; never one with a password in it (workspace state is plain text). */
export async function rememberUrl(state: vscode.Memento, url: string): Promise<void> {
  if (redactUrl(url) !== url) return;
  const recent = state.get<string[]>(RECENT_KEY, []).filter((u) => u !== url);
  await state.update(RECENT_KEY, [url, ...recent].slice(0, RECENT_LIMIT));
}

type PickItem = vscode.QuickPickItem & { endpoint?: ConfiguredEndpoint; url?: string; enter?: true };

export async function pickEndpoint(state: vscode.Memento, log: vscode.LogOutputChannel, title: string): Promise<ChosenEndpoint | undefined> {
  const endpoints = configuredEndpoints(log);
  const recent = state.get<string[]>(RECENT_KEY, []).filter((u) => !endpoints.some((e) => e.url === u));
  const items: PickItem[] = [
    ...(endpoints.length ? [{ label: vscode.l10n.t('Endpoints'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...endpoints.map((endpoint) => ({
      label: `$(globe) ${endpoint.name}`, description: redactUrl(endpoint.url),
      detail: [endpoint.account && vscode.l10n.t('account {0}', endpoint.account), endpoint.fromWorkspace && vscode.l10n.t('from workspace settings'), Object.keys(endpoint.headers).length && vscode.l10n.t('headers: {0}', Object.keys(endpoint.headers).join(', '))].filter(Boolean).join(' · ') || undefined,
      endpoint,
    })),
    ...(recent.length ? [{ label: vscode.l10n.t('Recently used'), kind: vscode.QuickPickItemKind.Separator }] : []),
    ...recent.map((url) => ({ label: `$(history) ${url}`, url })),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: `$(edit) ${vscode.l10n.t('Enter URL…')}`, description: vscode.l10n.t('e.g. {0}', 'http://localhost:3000/webhooks/chat2desk'), enter: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Send to which endpoint?'), matchOnDescription: true });
  if (!picked) return undefined;
  if (picked.endpoint) {
    const endpoint = picked.endpoint;
    try {
      parseEndpointUrl(endpoint.url);
    } catch (error) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Endpoint "{0}": {1}', endpoint.name, describeError(error)), vscode.l10n.t('Open Settings')).then((c) => c && vscode.commands.executeCommand('workbench.action.openSettings', SETTINGS.endpoints));
      return undefined;
    }
    if (endpoint.fromWorkspace && !vscode.workspace.isTrusted) {
      const confirm = await vscode.window.showWarningMessage(
        vscode.l10n.t('The endpoint "{0}" ({1}) comes from this workspace\'s settings, and the workspace is not trusted. Send a signed webhook there?', endpoint.name, redactUrl(endpoint.url)),
        { modal: true, detail: vscode.l10n.t('Anyone who can edit this repository can set this URL. The request carries a signature made with your API token (not the token itself).') }, vscode.l10n.t('Send'));
      if (confirm !== vscode.l10n.t('Send')) return undefined;
    }
    return { url: endpoint.url, name: endpoint.name, account: endpoint.account, headers: endpoint.headers };
  }
  if (picked.url) return { url: picked.url, headers: {} };
  const typed = await vscode.window.showInputBox({
    title, prompt: vscode.l10n.t('The URL of your webhook handler'), placeHolder: 'http://localhost:3000/webhooks/chat2desk', ignoreFocusOut: true,
    validateInput: (value) => { try { parseEndpointUrl(value); return undefined; } catch (error) { return describeError(error); } },
  });
  return typed === undefined ? undefined : { url: typed.trim(), headers: {} };
}
