import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { HistoryService } from '../history/historyService';
import { historyRecordFrom } from '../history/historyTreeProvider';
import type { ResultsPanels } from '../results/resultsPanels';

/** Shows a recorded run's results again, in a panel of its own, while they are still in memory. */
export function registerReopenHistoryResultsCommand(history: HistoryService, panels: ResultsPanels): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.reopenHistoryResults, async (arg?: unknown) => {
    const r = historyRecordFrom(arg, history);
    if (!r) return false;
    const run = history.resultsOf(r.id);
    if (!run) {
      const again = await vscode.window.showInformationMessage(
        'The results of this run are no longer in memory (History keeps the last runs within splWorkbench.history.keepResultsOfRuns and keepResultsRowBudget). Run it again?',
        'Run Again',
      );
      if (again) await vscode.commands.executeCommand(COMMANDS.rerunHistoryQuery, r);
      return false;
    }
    panels.show(run, { newPanel: true });
    return true;
  });
}
