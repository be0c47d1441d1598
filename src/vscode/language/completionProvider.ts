import * as vscode from 'vscode';
import { completeAt, type CompletionKind } from '../../spl/languageService';

const KIND: Record<CompletionKind, vscode.CompletionItemKind> = {
  command: vscode.CompletionItemKind.Keyword,
  function: vscode.CompletionItemKind.Function,
  option: vscode.CompletionItemKind.Property,
  keyword: vscode.CompletionItemKind.Keyword,
  timeModifier: vscode.CompletionItemKind.Value,
};

/** Characters after which a completion list is worth opening without the user asking. */
export const COMPLETION_TRIGGERS = ['|', '[', '=', ' ', '('];

export class SplCompletionProvider implements vscode.CompletionItemProvider {
  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionList {
    const text = document.getText();
    const result = completeAt(text, document.offsetAt(position));
    const range = new vscode.Range(document.positionAt(result.start), document.positionAt(result.end));
    const items = result.items.map((i) => {
      const item = new vscode.CompletionItem({ label: i.label, description: i.detail }, KIND[i.kind]);
      item.detail = i.detail;
      if (i.documentation) item.documentation = new vscode.MarkdownString(i.documentation);
      if (i.insertText) item.insertText = i.insertText;
      item.range = range;
      return item;
    });
    return new vscode.CompletionList(items, false);
  }
}
