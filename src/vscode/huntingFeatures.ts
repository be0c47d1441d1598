import * as vscode from 'vscode';
import { registerAddToQueryCommands } from './commands/addToQueryCommand';
import { registerChooseSearchModeCommand } from './commands/chooseSearchModeCommand';
import { registerClearHistoryCommand } from './commands/clearHistoryCommand';
import { registerCopyHistoryQueryCommand } from './commands/copyHistoryQueryCommand';
import { registerCopySidCommand } from './commands/copySidCommand';
import { registerOpenHistoryQueryCommand } from './commands/openHistoryQueryCommand';
import { registerOpenInSplunkWebCommand } from './commands/openInSplunkWebCommand';
import { registerPinResultsPanelCommand } from './commands/pinResultsPanelCommand';
import { registerRemoveHistoryEntryCommand } from './commands/removeHistoryEntryCommand';
import { registerReopenHistoryResultsCommand } from './commands/reopenHistoryResultsCommand';
import { registerRerunHistoryQueryCommand } from './commands/rerunHistoryQueryCommand';
import { registerSearchHistoryCommand } from './commands/searchHistoryCommand';
import { registerShowFieldsCommand } from './commands/showFieldsCommand';
import { registerShowJobDetailsCommand } from './commands/showJobDetailsCommand';
import { registerShowSearchLogCommand } from './commands/showSearchLogCommand';
import { HistoryService } from './history/historyService';
import { HistoryTreeProvider } from './history/historyTreeProvider';
import { JOB_SCHEME, JobDetailsProvider, type RunLookup } from './jobs/jobDetailsProvider';
import type { ResultsPanels } from './results/resultsPanels';
import type { Services } from './services';

/**
 * The hunting loop around the grid: query history (view, quick pick, re-run, reopen), search mode,
 * job details and search log, pinned results panels, and "Add to query" / "Exclude".
 */
export function registerHuntingFeatures(s: Services, panels: ResultsPanels): { history: HistoryService; disposables: vscode.Disposable[] } {
  const history = new HistoryService(s.context.workspaceState, s.runs, s.log, s.settings);
  const lookup: RunLookup = (id) => {
    if (id === undefined) return s.runs.current;
    return s.runs.allRuns.find((r) => r.id === id)
      ?? panels.all.map((p) => p.run).find((r) => r?.id === id)
      ?? history.records.map((r) => history.resultsOf(r.id)).find((r) => r?.id === id);
  };
  const jobs = new JobDetailsProvider(s, lookup);
  const disposables: vscode.Disposable[] = [
    history,
    jobs,
    vscode.window.registerTreeDataProvider(HistoryTreeProvider.viewId, new HistoryTreeProvider(history)),
    vscode.workspace.registerTextDocumentContentProvider(JOB_SCHEME, jobs),
    s.runs.onDidStart((run) => {
      const sub = run.onDidUpdate(() => jobs.refresh(run));
      void run.finished.then(() => sub.dispose());
    }),
    registerChooseSearchModeCommand(s.searchMode),
    registerSearchHistoryCommand(history),
    registerRerunHistoryQueryCommand(history, s.connection),
    registerOpenHistoryQueryCommand(history),
    registerCopyHistoryQueryCommand(history),
    registerReopenHistoryResultsCommand(history, panels),
    registerRemoveHistoryEntryCommand(history),
    registerClearHistoryCommand(history),
    registerPinResultsPanelCommand(panels),
    registerShowFieldsCommand(lookup),
    registerShowJobDetailsCommand(jobs, lookup),
    registerShowSearchLogCommand(lookup),
    registerCopySidCommand(lookup),
    registerOpenInSplunkWebCommand(lookup),
    ...registerAddToQueryCommands(s, panels),
  ];
  return { history, disposables };
}
