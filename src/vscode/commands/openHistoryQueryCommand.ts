import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HistoryService } from '../history/historyService';
import { historyRecordFrom } from '../history/historyTreeProvider';

/** Opens a recorded query in a new SPL editor (never into the file it came from, which may have changed). */
export function registerOpenHistoryQueryCommand(history: HistoryService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openHistoryQuery, async (arg?: unknown) => {
    const r = historyRecordFrom(arg, history);
    if (!r) return undefined;
    const doc = await vscode.workspace.openTextDocument({ language: 'spl', content: `${r.query}\n` });
    await vscode.window.showTextDocument(doc, { preview: true });
    return doc.uri.toString();
  });
}
