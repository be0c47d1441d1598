import * as vscode from 'vscode';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

export function registerShowLogCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showLog, () => s.log.show());
}
