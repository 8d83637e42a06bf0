// The Received Webhook panel: one webview beside the editor showing the capture last opened; its
// buttons run the capture commands on that capture.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { captureTitle, type Capture } from '../../core/listen/capture';
import type * as CaptureHtml from './capture-html';
import { COMMANDS, WEBVIEWS } from '../ids';

/** The renderer is required when a panel first shows (the extension ships it as a second bundle, off the activation path). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const renderCaptureHtml: typeof CaptureHtml.renderCaptureHtml = (...args) => (require('./capture-html') as typeof CaptureHtml).renderCaptureHtml(...args);

export class CapturePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private shown: Capture | undefined;

  show(capture: Capture): void {
    this.shown = capture;
    if (!this.panel) {
      const panel = vscode.window.createWebviewPanel(
        WEBVIEWS.capture,
        vscode.l10n.t('Received Webhook'),
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, enableFindWidget: true },
      );
      panel.onDidDispose(() => (this.panel = undefined));
      panel.webview.onDidReceiveMessage((message: { command?: string }) => {
        const commands: Record<string, string> = {
          saveFixture: COMMANDS.saveCaptureAsFixture,
          replay: COMMANDS.replayCapture,
          editResend: COMMANDS.editAndResendCapture,
          copyCurl: COMMANDS.copyCaptureAsCurl,
        };
        if (this.shown && message.command && commands[message.command]) void vscode.commands.executeCommand(commands[message.command], { id: this.shown.id });
      });
      this.panel = panel;
    } else this.panel.reveal(vscode.ViewColumn.Beside, true);
    this.panel.title = `Received: ${captureTitle(capture)}`;
    this.panel.webview.html = renderCaptureHtml(capture, randomBytes(16).toString('base64'), this.panel.webview.cspSource);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
