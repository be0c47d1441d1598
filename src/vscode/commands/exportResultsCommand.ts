import * as vscode from 'vscode';
import type { ExportFormat } from '../../results/exportWriter';
import type { ExportScope } from '../../shared/protocol';
import type { ResultsPanels } from '../results/resultsPanels';
import { exportResults } from '../results/exportFlow';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

interface ExportArgs {
  scope?: ExportScope;
  format?: ExportFormat;
  columns?: 'shown' | 'all';
  target?: string;
}

/** Export from the palette: acts on the results panel the user looked at last. */
export function registerExportResultsCommand(s: Services, panels: ResultsPanels): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.exportResults, async (args?: ExportArgs) => {
    const panel = panels.active;
    if (!panel?.run || !panel.grid) {
      void vscode.window.showInformationMessage('Run a search first: there are no results to export.');
      return undefined;
    }
    const a = args && typeof args === 'object' ? args : {};
    return exportResults(panel.grid, panel.run, s.log, s.settings.current, {
      ...(a.scope === 'view' || a.scope === 'all' ? { scope: a.scope } : {}),
      ...(a.format ? { format: a.format } : {}),
      ...(a.columns ? { columns: a.columns } : {}),
      ...(typeof a.target === 'string' ? { target: a.target } : {}),
    });
  });
}
