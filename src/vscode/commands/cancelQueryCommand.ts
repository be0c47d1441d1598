import * as vscode from 'vscode';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

export function registerCancelQueryCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.cancelQuery, (runId?: number) => {
    if (!s.runs.cancel(typeof runId === 'number' ? runId : undefined)) {
      void vscode.window.showInformationMessage('No search is running.');
    }
  });
}
