import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { RunLookup } from '../jobs/jobDetailsProvider';

export function registerCopySidCommand(lookup: RunLookup): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.copySid, async (runId?: unknown) => {
    const sid = lookup(typeof runId === 'number' ? runId : undefined)?.sid;
    if (!sid) {
      void vscode.window.showInformationMessage('No job sid yet: run a query first.');
      return undefined;
    }
    await vscode.env.clipboard.writeText(sid);
    void vscode.window.setStatusBarMessage(`Copied sid ${sid}`, 3000);
    return sid;
  });
}
