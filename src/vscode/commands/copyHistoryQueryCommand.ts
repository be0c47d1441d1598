import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HistoryService } from '../history/historyService';
import { historyRecordFrom } from '../history/historyTreeProvider';

export function registerCopyHistoryQueryCommand(history: HistoryService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.copyHistoryQuery, async (arg?: unknown) => {
    const r = historyRecordFrom(arg, history);
    if (!r) return;
    await vscode.env.clipboard.writeText(r.query);
    void vscode.window.setStatusBarMessage('Query copied', 2000);
  });
}
