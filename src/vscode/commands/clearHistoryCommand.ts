import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HistoryService } from '../history/historyService';

export function registerClearHistoryCommand(history: HistoryService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.clearHistory, async (arg?: { confirm?: boolean }) => {
    if (history.records.length === 0) return;
    if (arg?.confirm !== false) {
      const ok = await vscode.window.showWarningMessage(`Clear the query history of this workspace (${history.records.length} runs)?`, { modal: true }, 'Clear');
      if (ok !== 'Clear') return;
    }
    history.clear();
  });
}
