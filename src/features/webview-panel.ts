// The base of every webview panel: one panel beside the editor, created when first shown and revealed
// after; each page a fresh nonce in the shell of webview-page.ts; a button's message goes to the route
// of its command (unknown commands are dropped: the page is not trusted to name one).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewPage, type WebviewContent, type WebviewMessage } from './webview-page';

export type WebviewRoutes = Readonly<Record<string, (message: WebviewMessage) => void>>;

export abstract class WebviewPanelView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** What each command a page's buttons post does. */
  protected abstract readonly routes: WebviewRoutes;

  constructor(private readonly viewType: string) {}

  /** Shows the page under `title`, in the panel if it is open (without taking the focus), else in a new one. */
  protected render(title: string, content: WebviewContent): void {
    if (this.panel) this.panel.reveal(vscode.ViewColumn.Beside, true);
    else this.panel = this.create(title);
    this.panel.title = title;
    this.panel.webview.html = webviewPage(content, randomBytes(16).toString('base64'), this.panel.webview.cspSource);
  }

  /** Brings the panel to the front, focused; false when it is not open. */
  focus(): boolean {
    if (!this.panel) return false;
    this.panel.reveal(undefined, false);
    return true;
  }

  get isVisible(): boolean {
    return this.panel !== undefined;
  }

  dispose(): void {
    this.panel?.dispose();
  }

  private create(title: string): vscode.WebviewPanel {
    const panel = vscode.window.createWebviewPanel(
      this.viewType,
      title,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableFindWidget: true },
    );
    panel.onDidDispose(() => (this.panel = undefined));
    panel.webview.onDidReceiveMessage((message: Partial<WebviewMessage> | undefined) => {
      const command = message?.command;
      if (typeof command === 'string' && Object.hasOwn(this.routes, command)) this.routes[command]({ command, id: message?.id });
    });
    return panel;
  }
}
