import * as vscode from 'vscode';
import { hoverAt } from '../../spl/languageService';
import type { FactsSource } from './completionProvider';

export class SplHoverProvider implements vscode.HoverProvider {
  constructor(private readonly facts?: FactsSource) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const facts = this.facts ? await this.facts(document.uri) : undefined;
    const h = hoverAt(document.getText(), document.offsetAt(position), facts);
    if (!h) return undefined;
    // Not trusted, no HTML: field values and macro definitions come from results and servers.
    const markdown = new vscode.MarkdownString(h.markdown);
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(h.start), document.positionAt(h.end)));
  }
}
