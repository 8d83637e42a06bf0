// What a capture command is called with: a node of the Received Webhooks view, automation arguments
// ({ id, url, mode, … }: tests, keybindings), or nothing (the view's selection). One place turns each
// into the capture and its arguments, and shows a failure instead of throwing it at VS Code.
import * as vscode from 'vscode';
import type { Capture } from '../../core/listen/capture';
import { commandInput, reportingFailures } from '../commands';
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
    const failing = reportingFailures(this.log, run);
    return async (nodeOrArgs, extra) => {
      // The capture is named by the first value (a node, or `{ id }`); arguments come from both.
      const first = commandInput<CaptureArgs, CaptureNode>([nodeOrArgs], isCaptureNode);
      const capture = await this.captureOf(first.node, first.args.id);
      if (!capture) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Select a received webhook in the Received Webhooks view first.'));
        return undefined;
      }
      return failing(capture, commandInput<CaptureArgs>([nodeOrArgs, extra]).args);
    };
  }

  private async captureOf(node: CaptureNode | undefined, id: string | undefined): Promise<Capture | undefined> {
    if (node) return (await this.service.captures()).get(node.capture.id) ?? node.capture;
    if (typeof id === 'string') return (await this.service.captures()).get(id);
    const selected = this.view.selection.find((n) => n.type === 'capture');
    return selected?.type === 'capture' ? selected.capture : undefined;
  }
}

type CaptureNode = Extract<ReceivedNode, { type: 'capture' }>;
const isCaptureNode = (value: unknown): value is CaptureNode => typeof value === 'object' && value !== null && (value as ReceivedNode).type === 'capture';
