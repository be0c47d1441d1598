import * as vscode from 'vscode';
import type { DocumentFacts } from '../../spl/documentFacts';
import { completeAt, type CompletionKind } from '../../spl/languageService';

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  command: vscode.CompletionItemKind.Keyword,
  function: vscode.CompletionItemKind.Function,
  option: vscode.CompletionItemKind.Property,
  keyword: vscode.CompletionItemKind.Keyword,
  timeModifier: vscode.CompletionItemKind.Value,
  field: vscode.CompletionItemKind.Field,
  value: vscode.CompletionItemKind.Value,
  macro: vscode.CompletionItemKind.Snippet,
};

/** Characters after which a completion list is worth opening without the user asking. */
export const COMPLETION_TRIGGERS = ['|', '[', '=', ' ', '(', '`'];

export type FactsSource = (uri: vscode.Uri) => Promise<DocumentFacts>;

export class SplCompletionProvider implements vscode.CompletionItemProvider {
  private readonly lazyDocs = new WeakMap<vscode.CompletionItem, () => string>();

  constructor(private readonly facts?: FactsSource) {}

  resolveCompletionItem(item: vscode.CompletionItem): vscode.CompletionItem {
    const doc = this.lazyDocs.get(item);
    // Not trusted and no HTML, like the rest: macro definitions come from servers and files.
    if (doc) item.documentation = new vscode.MarkdownString(doc());
    return item;
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionList> {
    const facts = this.facts ? await this.facts(document.uri) : undefined;
    const text = document.getText();
    const result = completeAt(text, document.offsetAt(position), facts);
    const range = new vscode.Range(document.positionAt(result.start), document.positionAt(result.end));
    const items = result.items.map((i) => {
      const item = new vscode.CompletionItem({ label: i.label, description: i.detail }, KIND[i.kind]);
      item.detail = i.detail;
      // Not trusted and no HTML: macro definitions and values come from servers and results.
      if (i.documentation) item.documentation = new vscode.MarkdownString(i.documentation);
      else if (i.resolveDocumentation) this.lazyDocs.set(item, i.resolveDocumentation);
      if (i.insertText) item.insertText = i.insertText;
      item.range = range;
      return item;
    });
    return new vscode.CompletionList(items, false);
  }
}
