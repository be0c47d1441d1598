import * as vscode from 'vscode';
import { documentSymbols } from '../../spl/languageService';

/** The outline: one entry per query block, named by how it starts. */
export class SplDocumentSymbolProvider implements vscode.DocumentSymbolProvider {
  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    return documentSymbols(document.getText()).map((s) => {
      const range = new vscode.Range(document.positionAt(s.start), document.positionAt(s.end));
      const selection = new vscode.Range(document.positionAt(s.nameStart), document.positionAt(Math.min(s.nameEnd, s.end)));
      return new vscode.DocumentSymbol(s.name, s.detail, vscode.SymbolKind.Function, range, range.contains(selection) ? selection : range);
    });
  }
}
