import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { describeOutcome, formatWhen, type HistoryRecord, queryLabel } from '../../history';
import type { HistoryService } from './historyService';

/** The History view in the SPL Workbench container: one row per run, newest first. */
export class HistoryTreeProvider implements vscode.TreeDataProvider<HistoryRecord> {
  static readonly viewId = 'splWorkbench.history';
  readonly onDidChangeTreeData: vscode.Event<void>;

  constructor(private readonly history: HistoryService) {
    this.onDidChangeTreeData = history.onDidChange;
  }

  getChildren(element?: HistoryRecord): HistoryRecord[] {
    return element ? [] : [...this.history.records];
  }

  getTreeItem(r: HistoryRecord): vscode.TreeItem {
    const item = new vscode.TreeItem(queryLabel(r.query, 80), vscode.TreeItemCollapsibleState.None);
    item.id = r.id;
    item.description = `${formatWhen(r.startedAt)} · ${r.target}`;
    // Plain text, never Markdown: a query pasted from elsewhere may hold anything.
    item.tooltip = [
      r.query.length > 2000 ? `${r.query.slice(0, 2000)}…` : r.query,
      '',
      `${describeOutcome(r)}`,
      `Ran on ${r.target}, ${r.timeLabel}, at ${formatWhen(r.startedAt)}${r.sid ? `, sid ${r.sid}` : ''}`,
      ...(r.error ? [`Error: ${r.error}`] : []),
      this.history.hasResults(r.id) ? 'Results kept in memory: reopen them from the context menu.' : '',
    ].join('\n');
    item.iconPath = new vscode.ThemeIcon(r.state === 'done' ? 'pass' : r.state === 'failed' ? 'error' : 'circle-slash');
    item.contextValue = this.history.hasResults(r.id) ? 'historyEntry.withResults' : 'historyEntry';
    item.command = { title: 'Open Query in Editor', command: COMMANDS.openHistoryQuery, arguments: [r] };
    return item;
  }
}

/** The record a history command was given: the tree's element, `{ id }`, or an id. */
export function historyRecordFrom(arg: unknown, history: HistoryService): HistoryRecord | undefined {
  const id = typeof arg === 'string' ? arg : typeof arg === 'object' && arg !== null && typeof (arg as { id?: unknown }).id === 'string' ? (arg as { id: string }).id : undefined;
  return id === undefined ? undefined : history.get(id);
}
