// Settings several features read the same way.
import * as vscode from 'vscode';
import type { BodyFormat } from '../core/provider';
import { bodyFormatSchema, timeoutSecondsSchema } from '../core/settings';
import { DEFAULTS, LISTEN_DEFAULTS, LISTEN_SETTINGS_SECTION, SETTINGS_SECTION } from './ids';

/** webhookStudio.timeoutSeconds in milliseconds: how long a handler or the API may take to answer. */
export function requestTimeoutMs(): number {
  return timeoutSecondsSchema.parse(vscode.workspace.getConfiguration(SETTINGS_SECTION).get('timeoutSeconds')) * 1000;
}

/** How payloads become requests: the body format, whether to check schemas first, whether IQChannels payloads are signed. */
export interface PayloadSettings {
  bodyFormat: BodyFormat;
  validateBeforeSend: boolean;
  signIqChannels: boolean;
}

export function payloadSettings(): PayloadSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return {
    bodyFormat: bodyFormatSchema.parse(config.get('bodyFormat')),
    validateBeforeSend: config.get<boolean>('validateBeforeSend', DEFAULTS.validateBeforeSend),
    signIqChannels: config.get<boolean>('signIQChannelsPayloads', DEFAULTS.signIQChannelsPayloads),
  };
}

/** webhookStudio.listen.port: where the listener listens (or would). */
export function listenPort(): number {
  return vscode.workspace.getConfiguration(LISTEN_SETTINGS_SECTION).get('port', LISTEN_DEFAULTS.port);
}
