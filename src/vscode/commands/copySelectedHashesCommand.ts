import * as vscode from 'vscode';
import type { HashViewProvider } from '../hashes/hashViewProvider';
import { COMMANDS } from '../commandIds';

export function registerCopySelectedHashesCommand(hashes: HashViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.copySelectedHashes, () => hashes.copySelected());
}
