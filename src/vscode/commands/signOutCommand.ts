import * as vscode from 'vscode';
import { pickProfile } from '../connections/pickProfile';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

export function registerSignOutCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.signOut, async (id?: string) => {
    const profile = await pickProfile('Sign out of which connection?', id);
    if (!profile) return;
    await s.credentials.delete(profile);
    s.log.info(`Signed out of "${profile.label}"; its credential was deleted.`);
    if (typeof id !== 'string') void vscode.window.showInformationMessage(`Signed out of ${profile.label}.`);
  });
}
