// What a tree node shows, as plain data: the tree models (webhooks, deliveries, received webhooks) return
// it without importing `vscode`, and tree-item.ts is the one place that turns it into a TreeItem.
export interface NodePresentation {
  id: string;
  label: string;
  description?: string;
  /** Markdown (escaped by the model where it quotes outside text). */
  tooltip?: string;
  /** A codicon id and an optional theme color id. */
  icon: { id: string; color?: string };
  collapsible: 'none' | 'collapsed' | 'expanded';
  contextValue: string;
}
