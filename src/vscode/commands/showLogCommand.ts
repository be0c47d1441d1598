import * as vscode from 'vscode';
import type { Services } from '../services';

export function registerShowLogCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('splWorkbench.showLog', () => s.log.show());
}
