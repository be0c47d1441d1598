import * as vscode from 'vscode';
import { LOCAL_CONNECTION_ID, SECTION, writeActiveConnectionId } from '../config';
import { COMMANDS } from '../commandIds';

export function registerChooseLocalDataCommand(): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.chooseLocalData, async () => {
    const files = await vscode.window.showOpenDialog({
      title: 'Files for the local engine',
      canSelectMany: true,
      filters: { 'Events (JSON Lines, JSON, CSV)': ['jsonl', 'ndjson', 'json', 'csv'], 'All files': ['*'] },
    });
    if (!files?.length) return;
    await vscode.workspace.getConfiguration(SECTION).update('local.dataFiles', files.map((f) => f.fsPath), vscode.ConfigurationTarget.Global);
    await writeActiveConnectionId(LOCAL_CONNECTION_ID);
    void vscode.window.showInformationMessage(`The local engine now searches ${files.length} file${files.length === 1 ? '' : 's'}. Clear the setting splWorkbench.local.dataFiles to go back to the sample data.`);
  });
}
