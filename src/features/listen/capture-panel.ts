// The Received Webhook panel: one webview beside the editor showing the capture last opened; its
// buttons run the capture commands on that capture.
import * as vscode from 'vscode';
import { captureTitle, type Capture } from '../../core/listen/capture';
import { WebviewPanelView, type WebviewRoutes } from '../webview-panel';
import type * as CaptureHtml from './capture-html';
import { COMMANDS, WEBVIEWS } from '../ids';

/** The renderer is required when a panel first shows (the extension ships it as a second bundle, off the activation path). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const capturePage: typeof CaptureHtml.capturePage = (...args) => (require('./capture-html') as typeof CaptureHtml).capturePage(...args);

/** The page's buttons, and the command each runs on the capture shown. */
const BUTTON_COMMANDS = {
  saveFixture: COMMANDS.saveCaptureAsFixture,
  replay: COMMANDS.replayCapture,
  editResend: COMMANDS.editAndResendCapture,
  copyCurl: COMMANDS.copyCaptureAsCurl,
};

export class CapturePanel extends WebviewPanelView {
  private shown: Capture | undefined;
  protected readonly routes: WebviewRoutes = Object.fromEntries(
    Object.entries(BUTTON_COMMANDS).map(([button, command]) => [
      button,
      () => {
        if (this.shown) void vscode.commands.executeCommand(command, { id: this.shown.id });
      },
    ]),
  );

  constructor() {
    super(WEBVIEWS.capture);
  }

  show(capture: Capture): void {
    this.shown = capture;
    this.render(`Received: ${captureTitle(capture)}`, capturePage(capture));
  }
}
