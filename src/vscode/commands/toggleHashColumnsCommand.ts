import * as vscode from 'vscode';
import { readSettings, SECTION } from '../config';
import type { ResultsPanels } from '../results/resultsPanels';

/** Flips the setting; open panels follow it. */
export function registerToggleHashColumnsCommand(panels: ResultsPanels): vscode.Disposable {
  return vscode.commands.registerCommand('splWorkbench.toggleHashColumns', async () => {
    const next = !readSettings().splitHashColumns;
    await vscode.workspace.getConfiguration(SECTION).update('hashes.splitColumns', next, vscode.ConfigurationTarget.Global);
    for (const p of panels.all) p.setHashColumns(next);
    return next;
  });
}
