// Settings several features read the same way.
import * as vscode from 'vscode';
import { timeoutSecondsSchema } from '../core/settings';
import { SETTINGS_SECTION } from './ids';

/** webhookStudio.timeoutSeconds in milliseconds: how long a handler or the API may take to answer. */
export function requestTimeoutMs(): number {
  return timeoutSecondsSchema.parse(vscode.workspace.getConfiguration(SETTINGS_SECTION).get('timeoutSeconds')) * 1000;
}
