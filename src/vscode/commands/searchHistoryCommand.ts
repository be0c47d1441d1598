import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { describeOutcome, formatWhen, type HistoryRecord, queryLabel } from '../../history';
import type { HistoryService } from '../history/historyService';

type Action = 'rerun' | 'openQuery' | 'copyQuery' | 'reopenResults';

const HISTORY_ACTIONS: Record<Action, string> = {
  rerun: COMMANDS.rerunHistoryQuery,
  openQuery: COMMANDS.openHistoryQuery,
  copyQuery: COMMANDS.copyHistoryQuery,
  reopenResults: COMMANDS.reopenHistoryResults,
};

/**
 * A searchable quick pick over the history (the query, where it ran, its sid and state all match),
 * then what to do with the picked run.
 */
export function registerSearchHistoryCommand(history: HistoryService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.searchHistory, async () => {
    if (history.records.length === 0) {
      void vscode.window.showInformationMessage('No runs yet in this workspace: run a query first.');
      return;
    }
    const pick = await vscode.window.showQuickPick(
      history.records.map((r) => ({
        label: queryLabel(r.query),
        description: `${formatWhen(r.startedAt)} · ${r.target}`,
        detail: `${describeOutcome(r)} · ${r.timeLabel}${r.sid ? ` · sid ${r.sid}` : ''}`,
        record: r,
      })),
      { title: 'Query history', placeHolder: 'Type to filter by query text, connection, sid or state', matchOnDescription: true, matchOnDetail: true },
    );
    if (!pick) return;
    const action = await pickAction(pick.record, history);
    if (action) await vscode.commands.executeCommand(HISTORY_ACTIONS[action], pick.record);
  });
}

async function pickAction(r: HistoryRecord, history: HistoryService): Promise<Action | undefined> {
  const actions: { label: string; action: Action }[] = [
    { label: '$(play) Run Again', action: 'rerun' },
    { label: '$(go-to-file) Open Query in Editor', action: 'openQuery' },
    { label: '$(copy) Copy Query', action: 'copyQuery' },
  ];
  if (history.hasResults(r.id)) actions.splice(1, 0, { label: '$(table) Reopen Results', action: 'reopenResults' });
  return (await vscode.window.showQuickPick(actions, { title: queryLabel(r.query, 60) }))?.action;
}
