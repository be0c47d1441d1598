import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { type RunLookup, searchLogUri } from '../jobs/jobDetailsProvider';

/** Fetches the job's search.log from Splunk and shows it in a read-only editor. */
export function registerShowSearchLogCommand(lookup: RunLookup): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showSearchLog, async (runId?: unknown) => {
    const run = lookup(typeof runId === 'number' ? runId : undefined);
    if (!run) {
      void vscode.window.showInformationMessage('No run yet: run a query to see its search log.');
      return undefined;
    }
    const doc = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Fetching search.log' }, () => vscode.workspace.openTextDocument(searchLogUri(run)));
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Active });
    return doc.getText();
  });
}
