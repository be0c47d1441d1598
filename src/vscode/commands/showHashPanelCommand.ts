import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';

export function registerShowHashPanelCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showHashPanel, () => vscode.commands.executeCommand('splWorkbench.hashes.focus'));
}
