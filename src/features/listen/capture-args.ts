// What a capture command is called with: a node of the Received Webhooks view, automation arguments
// ({ id, url, mode, … }: tests, keybindings), or nothing (the view's selection). One place turns each
// into the capture and its arguments, and shows a failure instead of throwing it at VS Code.
import * as vscode from 'vscode';
import { describeError } from '../../core/errors';
import type { Capture } from '../../core/listen/capture';
import type { ListenService } from './listen-service';
import type { ReceivedNode } from './received-model';

/** Automation arguments (tests, keybindings): skip the prompts. */
export interface CaptureArgs {
  id?: string;
  url?: string;
  mode?: 'original' | 'resigned';
  /** The account whose token re-signs (default: the listener's). */
  account?: string;
  folder?: string;
  otherId?: string;
  port?: number;
  skipConfirmation?: boolean;
  removeLeftovers?: boolean;
}

export type CaptureCommand<T> = (capture: Capture, args: CaptureArgs) => Promise<T>;

export class CaptureCommands {
  constructor(
    private readonly service: ListenService,
    private readonly view: vscode.TreeView<ReceivedNode>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** A command handler that finds the capture, merges the arguments, and reports failures. */
  handler<T>(run: CaptureCommand<T>): (nodeOrArgs?: unknown, extra?: unknown) => Promise<T | undefined> {
    return async (nodeOrArgs, extra) => {
      const capture = await this.captureOf(nodeOrArgs);
      if (!capture) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select a received webhook in the Received Webhooks view first.'));
        return undefined;
      }
      try {
        return await run(capture, { ...argsOf(nodeOrArgs), ...argsOf(extra) });
      } catch (error) {
        this.log.error(describeError(error));
        void vscode.window.showErrorMessage(describeError(error));
        return undefined;
      }
    };
  }

  private async captureOf(nodeOrArgs: unknown): Promise<Capture | undefined> {
    if (typeof nodeOrArgs === 'object' && nodeOrArgs !== null) {
      const node = nodeOrArgs as ReceivedNode & CaptureArgs;
      if (node.type === 'capture') return (await this.service.captures()).get(node.capture.id) ?? node.capture;
      if (typeof node.id === 'string') return (await this.service.captures()).get(node.id);
    }
    const selected = this.view.selection.find((n) => n.type === 'capture');
    return selected?.type === 'capture' ? selected.capture : undefined;
  }
}

/** Automation arguments, or none when the value is a view node. */
export function argsOf(value: unknown): CaptureArgs {
  return typeof value === 'object' && value !== null && (value as ReceivedNode).type === undefined ? (value as CaptureArgs) : {};
}
