// Read-only documents of capture bodies (pretty-printed when JSON), for Compare with….
import * as vscode from 'vscode';
import type { Capture } from '../../core/listen/capture';
import { prettyJsonText } from '../../core/listen/reuse';

const CAPTURE_SCHEME = 'webhook-studio-capture';

export class CaptureDocuments implements vscode.Disposable {
  private readonly documents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(CAPTURE_SCHEME, {
    onDidChange: this.changed.event,
    provideTextDocumentContent: (uri) => this.documents.get(uri.toString()) ?? '',
  });

  /** A document named `name` holding the capture's body. */
  of(capture: Capture, name: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: CAPTURE_SCHEME, path: `/${name}` });
    this.documents.set(uri.toString(), prettyOf(capture));
    this.changed.fire(uri);
    return uri;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

function prettyOf(capture: Capture): string {
  try {
    JSON.parse(capture.body);
    return prettyJsonText(capture.body);
  } catch {
    return capture.body;
  }
}
