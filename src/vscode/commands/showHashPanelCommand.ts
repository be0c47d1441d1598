import * as vscode from 'vscode';

export function registerShowHashPanelCommand(): vscode.Disposable {
  return vscode.commands.registerCommand('splWorkbench.showHashPanel', () => vscode.commands.executeCommand('splWorkbench.hashes.focus'));
}
