import * as vscode from 'vscode';
import type { SettingsState } from '../settingsState';
import { COMMANDS } from '../commandIds';

/** Flips the setting; open panels follow its change event. */
export function registerToggleHashColumnsCommand(settings: SettingsState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.toggleHashColumns, async () => {
    const next = !settings.current.splitHashColumns;
    await settings.update('hashes.splitColumns', next);
    return next;
  });
}
