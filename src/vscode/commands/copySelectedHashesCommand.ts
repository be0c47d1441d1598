import * as vscode from 'vscode';
import type { HashViewProvider } from '../hashes/hashViewProvider';

export function registerCopySelectedHashesCommand(hashes: HashViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand('splWorkbench.copySelectedHashes', () => hashes.copySelected());
}
