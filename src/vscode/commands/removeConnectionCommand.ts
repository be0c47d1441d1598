import * as vscode from 'vscode';
import { readActiveConnectionId, readProfiles, writeActiveConnectionId, writeProfiles } from '../config';
import { pickProfile } from '../connections/pickProfile';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

export function registerRemoveConnectionCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.removeConnection, async (id?: string) => {
    const profile = await pickProfile('Remove which connection?', id);
    if (!profile) return;
    if (typeof id !== 'string') {
      const ok = await vscode.window.showWarningMessage(`Remove the connection "${profile.label}" and its stored credential?`, { modal: true }, 'Remove');
      if (ok !== 'Remove') return;
    }
    await s.credentials.delete(profile);
    await writeProfiles(readProfiles().profiles.filter((p) => p.id !== profile.id));
    if (readActiveConnectionId() === profile.id) await writeActiveConnectionId('');
    s.log.info(`Connection "${profile.label}" removed.`);
  });
}
