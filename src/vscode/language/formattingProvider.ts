import * as vscode from 'vscode';
import { formatDocumentEdits, formatRangeEdits, type FormatEdit, type FormatOptions } from '../../spl/format';

function formatOptions(document: vscode.TextDocument, options: vscode.FormattingOptions): FormatOptions {
  return {
    indent: options.insertSpaces ? ' '.repeat(options.tabSize) : '\t',
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  };
}

function toTextEdits(document: vscode.TextDocument, edits: FormatEdit[]): vscode.TextEdit[] {
  return edits.map((e) => vscode.TextEdit.replace(new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText));
}

/** Format Document and Format Selection (a selection is widened to the query blocks it touches). */
export class SplFormattingProvider implements vscode.DocumentFormattingEditProvider, vscode.DocumentRangeFormattingEditProvider {
  provideDocumentFormattingEdits(document: vscode.TextDocument, options: vscode.FormattingOptions): vscode.TextEdit[] {
    return toTextEdits(document, formatDocumentEdits(document.getText(), formatOptions(document, options)));
  }

  provideDocumentRangeFormattingEdits(document: vscode.TextDocument, range: vscode.Range, options: vscode.FormattingOptions): vscode.TextEdit[] {
    const text = document.getText();
    return toTextEdits(document, formatRangeEdits(text, document.offsetAt(range.start), document.offsetAt(range.end), formatOptions(document, options)));
  }
}
