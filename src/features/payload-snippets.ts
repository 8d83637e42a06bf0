// Completions in an empty Chat2Desk / IQChannels payload file: one snippet per documented event,
// inserting the documented example. Found by typing the event name (see core/payload-snippets.ts).
import * as vscode from 'vscode';
import { providerForFixture } from '../core/association';
import type { Provider } from '../core/provider';
import { loadPayloadSnippets, wantsPayloadSnippet, type PayloadSnippet } from '../core/payload-snippets';

export function registerPayloadSnippets(context: vscode.ExtensionContext, schemasDir: string): void {
  const loaded = new Map<Provider, PayloadSnippet[]>();
  const snippetsOf = (provider: Provider) => {
    if (!loaded.has(provider)) loaded.set(provider, loadPayloadSnippets(schemasDir, provider, vscode.env.language));
    return loaded.get(provider)!;
  };
  const provider: vscode.CompletionItemProvider = {
    provideCompletionItems(document, position) {
      const text = document.getText();
      const payloadProvider = providerForFixture(document.uri.path, text);
      if (!payloadProvider || !wantsPayloadSnippet(text)) return undefined;
      const range = document.getWordRangeAtPosition(position, /[\w-]+/) ?? new vscode.Range(position, position);
      return snippetsOf(payloadProvider).map((snippet, index) => {
        const item = new vscode.CompletionItem({ label: snippet.label, description: snippet.description }, vscode.CompletionItemKind.Snippet);
        item.insertText = new vscode.SnippetString().appendText(snippet.text);
        item.filterText = snippet.filterText;
        item.sortText = String(index).padStart(3, '0');
        item.range = range;
        item.documentation = new vscode.MarkdownString().appendCodeblock(snippet.text, 'json');
        return item;
      });
    },
  };
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider([{ language: 'json' }, { language: 'jsonc' }], provider));
}
