import * as vscode from 'vscode';
import { signatureAt } from '../../spl/languageService';

export const SIGNATURE_TRIGGERS = ['(', ','];

export class SplSignatureHelpProvider implements vscode.SignatureHelpProvider {
  provideSignatureHelp(document: vscode.TextDocument, position: vscode.Position): vscode.SignatureHelp | undefined {
    const sig = signatureAt(document.getText(), document.offsetAt(position));
    if (!sig) return undefined;
    const info = new vscode.SignatureInformation(sig.label, sig.documentation);
    info.parameters = sig.parameters.map((p) => new vscode.ParameterInformation(p));
    const help = new vscode.SignatureHelp();
    help.signatures = [info];
    help.activeSignature = 0;
    help.activeParameter = sig.activeParameter;
    return help;
  }
}
