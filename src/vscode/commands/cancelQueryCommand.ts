import * as vscode from 'vscode';
import type { Services } from '../services';

export function registerCancelQueryCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand('splWorkbench.cancelQuery', (runId?: number) => {
    if (!s.runs.cancel(typeof runId === 'number' ? runId : undefined)) {
      void vscode.window.showInformationMessage('No search is running.');
    }
  });
}
