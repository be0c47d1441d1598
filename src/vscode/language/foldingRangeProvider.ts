import * as vscode from 'vscode';
import { foldingRanges } from '../../spl/languageService';

export class SplFoldingRangeProvider implements vscode.FoldingRangeProvider {
  provideFoldingRanges(document: vscode.TextDocument): vscode.FoldingRange[] {
    return foldingRanges(document.getText()).map((f) => new vscode.FoldingRange(f.startLine, f.endLine, vscode.FoldingRangeKind.Region));
  }
}
