import * as vscode from 'vscode';
import { pickProfile } from '../connections/pickProfile';
import { promptForSecret } from '../connections/prompts';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

export function registerSignInCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.signIn, async (id?: string) => {
    const profile = await pickProfile('Sign in to which connection?', id);
    if (profile && (await promptForSecret(profile, s.credentials))) {
      s.log.info(`Credential for "${profile.label}" updated.`);
    }
  });
}
