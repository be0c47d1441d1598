import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { jobDetailsUri, type JobDetailsProvider, type RunLookup } from '../jobs/jobDetailsProvider';

/** Opens the job details of a run (the focused results panel's by default) in a read-only editor. */
export function registerShowJobDetailsCommand(provider: JobDetailsProvider, lookup: RunLookup): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.showJobDetails, async (runId?: unknown) => {
    const run = lookup(typeof runId === 'number' ? runId : undefined);
    if (!run) {
      void vscode.window.showInformationMessage('No run yet: run a query to see its job details.');
      return undefined;
    }
    const uri = jobDetailsUri(run);
    provider.refresh(run);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Active });
    return doc.getText();
  });
}
