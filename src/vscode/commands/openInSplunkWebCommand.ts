import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { jobWebLink, type RunLookup } from '../jobs/jobDetailsProvider';

/** Opens the run's job in Splunk Web (the profile's webUrl, else the management host on port 8000). */
export function registerOpenInSplunkWebCommand(lookup: RunLookup): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.openInSplunkWeb, async (runId?: unknown) => {
    const run = lookup(typeof runId === 'number' ? runId : undefined);
    const link = run ? jobWebLink(run) : undefined;
    if (!run || !link) {
      void vscode.window.showInformationMessage(run && !run.profileId ? 'This run used the local engine: there is no Splunk Web for it.' : 'No Splunk job to open: run a query on a Splunk connection first.');
      return undefined;
    }
    await vscode.env.openExternal(vscode.Uri.parse(link, true));
    return link;
  });
}
