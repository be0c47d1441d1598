import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { applyFilter, QueryEditError } from '../../spl';
import type { ResultsPanels } from '../results/resultsPanels';
import { findRunQuery } from '../run/queryDocument';
import type { SearchRun } from '../run/searchRun';
import type { Services } from '../services';

/** What the fields sidebar (or automation) passes: the run, the field, one of its values. */
export interface AddToQueryArgs {
  runId?: number;
  field: string;
  /** null: the rows where the field is absent. */
  value: string | null;
  exclude?: boolean;
  /** Run the edited query at once. */
  rerun?: boolean;
}

function parseArgs(arg: unknown): AddToQueryArgs {
  if (typeof arg !== 'object' || arg === null) throw new Error('Add to Query needs a field and a value.');
  const a = arg as Record<string, unknown>;
  if (typeof a['field'] !== 'string') throw new Error('Add to Query needs a field name.');
  if (a['value'] !== null && typeof a['value'] !== 'string') throw new Error('Add to Query needs a value (text) or null.');
  return {
    field: a['field'],
    value: a['value'],
    exclude: a['exclude'] === true,
    rerun: a['rerun'] === true,
    ...(typeof a['runId'] === 'number' ? { runId: a['runId'] } : {}),
  };
}

/**
 * `splWorkbench.addToQuery` / `splWorkbench.excludeFromQuery`: writes `field="value"` (or
 * `NOT field="value"`) into the run's query in its `.spl` editor, and re-runs it when asked.
 * Returns the edited query text, or undefined when nothing was changed.
 */
export function registerAddToQueryCommands(s: Services, panels: ResultsPanels): vscode.Disposable[] {
  const handler = (exclude: boolean) => async (arg: unknown): Promise<string | undefined> => {
    const args = parseArgs(arg);
    const run = findRun(s, panels, args.runId);
    if (!run) {
      void vscode.window.showInformationMessage('No run to edit: run a query from an .spl file first.');
      return undefined;
    }
    const found = await findRunQuery(run);
    if (!found) {
      void vscode.window.showWarningMessage(run.documentUri
        ? 'The query of these results is no longer in its file (it was edited since it ran): add the filter by hand, or run the query again.'
        : 'These results did not come from an .spl file, so there is no query to edit.');
      return undefined;
    }
    let edit;
    try {
      edit = applyFilter(found.document.getText(found.range), { field: args.field, value: args.value, exclude: exclude || args.exclude === true });
    } catch (e) {
      if (e instanceof QueryEditError) {
        void vscode.window.showWarningMessage(e.message);
        return undefined;
      }
      throw e;
    }
    const editor = await vscode.window.showTextDocument(found.document, { preserveFocus: false, preview: false, viewColumn: vscode.ViewColumn.One });
    const at = found.document.positionAt(found.document.offsetAt(found.range.start) + edit.offset);
    const applied = await editor.edit((b) => b.insert(at, edit.insert));
    if (!applied) throw new Error('The editor refused the edit.');
    const end = found.document.positionAt(found.document.offsetAt(at) + edit.insert.length);
    editor.selection = new vscode.Selection(at, end);
    editor.revealRange(new vscode.Range(at, end));
    if (args.rerun) await vscode.commands.executeCommand(COMMANDS.runQuery, { uri: found.document.uri.toString(), line: found.range.start.line });
    return edit.text;
  };
  return [
    vscode.commands.registerCommand(COMMANDS.addToQuery, handler(false)),
    vscode.commands.registerCommand(COMMANDS.excludeFromQuery, handler(true)),
  ];
}

function findRun(s: Services, panels: ResultsPanels, id: number | undefined): SearchRun | undefined {
  if (id === undefined) return s.runs.current;
  return s.runs.allRuns.find((r) => r.id === id) ?? panels.all.map((p) => p.run).find((r) => r?.id === id);
}
