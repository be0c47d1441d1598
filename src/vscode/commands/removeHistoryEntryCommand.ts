import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HistoryService } from '../history/historyService';
import { historyRecordFrom } from '../history/historyTreeProvider';

export function registerRemoveHistoryEntryCommand(history: HistoryService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.removeHistoryEntry, (arg?: unknown) => {
    const r = historyRecordFrom(arg, history);
    if (r) history.remove(r.id);
  });
}
