import * as vscode from 'vscode';
import { hoverAt } from '../../spl/languageService';

export class SplHoverProvider implements vscode.HoverProvider {
  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const h = hoverAt(document.getText(), document.offsetAt(position));
    if (!h) return undefined;
    // Not trusted: the text is ours, but links should never run commands.
    const markdown = new vscode.MarkdownString(h.markdown);
    return new vscode.Hover(markdown, new vscode.Range(document.positionAt(h.start), document.positionAt(h.end)));
  }
}
