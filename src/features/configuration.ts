// The extension's one reader (and writer) of settings: the only caller of getConfiguration, asserted by
// test/unit/features/configuration.test.ts. Each setting group is read through its schema in core/settings.ts,
// so a hand-edited wrong value reads as the default (lists: their bad entries are reported and skipped).
import * as vscode from 'vscode';
import {
  AccountsSetting,
  codeLensEnabledSchema,
  endpointSchema,
  fixturesFolderSchema,
  listenSettingsSchema,
  parseList,
  payloadSettingsSchema,
  timeoutSecondsSchema,
  type Endpoint,
  type ListenSettings,
  type PayloadSettings,
  type SettingsProblem,
} from '../core/settings';
import { LISTEN_SETTINGS_SECTION, SETTINGS, SETTINGS_SECTION } from './ids';

const settings = () => vscode.workspace.getConfiguration(SETTINGS_SECTION);
const listenSection = () => vscode.workspace.getConfiguration(LISTEN_SETTINGS_SECTION);

/** webhookStudio.timeoutSeconds in milliseconds: how long a handler or the API may take to answer. */
export function requestTimeoutMs(): number {
  return timeoutSecondsSchema.parse(settings().get('timeoutSeconds')) * 1000;
}

/** How payloads become requests: the body format, whether to check schemas first, whether IQChannels payloads are signed. */
export function payloadSettings(): PayloadSettings {
  const config = settings();
  return payloadSettingsSchema.parse({
    bodyFormat: config.get('bodyFormat'),
    validateBeforeSend: config.get('validateBeforeSend'),
    signIQChannelsPayloads: config.get('signIQChannelsPayloads'),
  });
}

/** webhookStudio.codeLens.enabled: the Send and Run Suite lenses above fixtures and suites. */
export function codeLensEnabled(): boolean {
  return codeLensEnabledSchema.parse(settings().get('codeLens.enabled'));
}

/** webhookStudio.accounts, parsed once per change; each problem reported once. */
export function accountsSetting(report: (problem: SettingsProblem) => void): AccountsSetting {
  return new AccountsSetting(() => settings().get('accounts'), report);
}

/** A configured endpoint, and where it was configured. */
export interface ConfiguredEndpoint extends Endpoint {
  /** Defined in workspace (folder) settings: a cloned repository can put anything there. */
  fromWorkspace: boolean;
}

/** webhookStudio.endpoints of every scope (folder, workspace, then the user's), bad entries reported and skipped. */
export function configuredEndpoints(log: { warn(message: string): void }): ConfiguredEndpoint[] {
  const inspected = settings().inspect<unknown>('endpoints');
  const read = (raw: unknown, fromWorkspace: boolean) => {
    const { items, problems } = parseList(SETTINGS.endpoints, raw, endpointSchema);
    for (const p of problems) log.warn(p.message);
    return items.map((e) => ({ ...e, fromWorkspace }));
  };
  return [...read(inspected?.workspaceFolderValue, true), ...read(inspected?.workspaceValue, true), ...read(inspected?.globalValue, false)];
}

/** Appends an endpoint to the user's webhookStudio.endpoints, keeping the entries there as written. */
export async function addUserEndpoint(endpoint: { name: string; url: string }): Promise<void> {
  const config = settings();
  const saved = config.inspect<unknown>('endpoints')?.globalValue;
  await config.update('endpoints', [...(Array.isArray(saved) ? saved : []), endpoint], vscode.ConfigurationTarget.Global);
}

/** webhookStudio.listen.*, read when the listener starts (or a setting it applies at once changes). */
export function listenSettings(): ListenSettings {
  const config = listenSection();
  const keys = ['port', 'account', 'toleranceSeconds', 'replyStatus', 'replyBody', 'forwardTo', 'historySize', 'maxStoredBodyKB'] as const;
  return listenSettingsSchema.parse(Object.fromEntries(keys.map((key) => [key, config.get(key)])));
}

/** webhookStudio.listen.fixturesFolder as written (trimmed): a path, relative to the workspace folder or absolute; '' when unset. */
export function fixturesFolderSetting(): string {
  return fixturesFolderSchema.parse(listenSection().get('fixturesFolder')).trim();
}

/** Remembers the fixtures folder: in the workspace's settings when a folder is open, else the user's. */
export async function updateFixturesFolder(path: string, inWorkspace: boolean): Promise<void> {
  await listenSection().update('fixturesFolder', path, inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
}

/** The workbench's "open walkthroughs on install" (workbench.welcomePage.walkthroughs.openOnInstall): only an explicit false turns it off. */
export function walkthroughsOpenOnInstall(): boolean {
  return vscode.workspace.getConfiguration('workbench').get('welcomePage.walkthroughs.openOnInstall') !== false;
}
