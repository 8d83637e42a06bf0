// What every command handler shares: one reading of the values VS Code (or automation) calls it with,
// and one way to log and show a failure instead of throwing it at VS Code.
import * as vscode from 'vscode';
import { describeError } from '../core/errors';

/** A command's arguments, whatever called it. */
export interface CommandInput<A, N> {
  /** The view node it runs on: an item's inline action or context menu. */
  node: N | undefined;
  /** The file clicked in the Explorer, or the editor whose title or context menu ran it. */
  uri: vscode.Uri | undefined;
  /** The Explorer's multi-selection (the clicked file among them); empty otherwise. */
  uris: vscode.Uri[];
  /** Automation arguments (keybindings, tasks, tests, other features); later values win; {} when none. */
  args: A;
}

/**
 * Sorts the values a command was called with. Every view node here is a plain object with a string
 * `type` (webhooks, received webhooks, delivery runs), so such an object is never taken for arguments.
 */
export function commandInput<A extends object, N = never>(values: readonly unknown[], isNode?: (value: unknown) => value is N): CommandInput<A, N> {
  const input: CommandInput<Partial<A>, N> = { node: undefined, uri: undefined, uris: [], args: {} };
  for (const value of values) {
    if (value instanceof vscode.Uri) input.uri ??= value;
    else if (Array.isArray(value)) {
      if (input.uris.length === 0) input.uris = value.filter((v): v is vscode.Uri => v instanceof vscode.Uri);
    } else if (isNode?.(value)) input.node ??= value;
    else if (typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type !== 'string') Object.assign(input.args, value);
  }
  return input as CommandInput<A, N>;
}

export interface FailureReport {
  /** Prefixes the log line (`<logAs>: <error>`); the error alone without it. */
  logAs?: string;
  /** What the notification says instead of the error (described with its hint). */
  message?: string;
  /** Buttons on the notification; the one clicked is what the returned promise resolves to. */
  actions?: string[];
}

/** Logs a failure, with its cause, and shows it as an error notification. */
export function showFailure(log: vscode.LogOutputChannel, error: unknown, report: FailureReport = {}): Thenable<string | undefined> {
  const described = describeError(error);
  log.error(report.logAs ? `${report.logAs}: ${described}` : described);
  return vscode.window.showErrorMessage(report.message ?? described, ...(report.actions ?? []));
}

/** A command handler whose failures are logged and shown (see showFailure); it then resolves to undefined. */
export function reportingFailures<A extends unknown[], R>(
  log: vscode.LogOutputChannel,
  run: (...args: A) => Promise<R>,
  report?: (error: unknown) => FailureReport,
): (...args: A) => Promise<R | undefined> {
  return async (...args) => {
    try {
      return await run(...args);
    } catch (error) {
      void showFailure(log, error, report?.(error));
      return undefined;
    }
  };
}
