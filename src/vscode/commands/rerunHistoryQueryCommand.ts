import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HistoryService } from '../history/historyService';
import { historyRecordFrom } from '../history/historyTreeProvider';

/** Runs a recorded query again, with its time range, where searches run now. */
export function registerRerunHistoryQueryCommand(history: HistoryService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.rerunHistoryQuery, async (arg?: unknown) => {
    const r = historyRecordFrom(arg, history);
    if (!r) return undefined;
    return vscode.commands.executeCommand<number | undefined>(COMMANDS.runQuery, {
      query: r.query,
      earliest: r.earliest,
      latest: r.latest,
      ...(r.documentUri ? { uri: r.documentUri } : {}),
    });
  });
}
