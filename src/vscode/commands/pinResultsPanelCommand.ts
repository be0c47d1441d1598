import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import type { ResultsPanels } from '../results/resultsPanels';

/** Pins the active results panel: the next run of the same file opens a new panel beside it. */
export function registerPinResultsPanelCommand(panels: ResultsPanels): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.pinResultsPanel, () => {
    const panel = panels.active;
    if (!panel) {
      void vscode.window.showInformationMessage('Open a results panel first: pinning keeps its results when the file runs again.');
      return false;
    }
    if (!panels.pin(panel)) void vscode.window.setStatusBarMessage('This results panel is already pinned.', 3000);
    return true;
  });
}
