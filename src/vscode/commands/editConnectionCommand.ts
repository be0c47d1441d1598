import * as vscode from 'vscode';
import { originOf, secretKey } from '../../search/connections/profile';
import { readProfiles, writeProfiles } from '../config';
import { pickProfile } from '../connections/pickProfile';
import { promptForProfile, promptForSecret } from '../connections/prompts';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

export function registerEditConnectionCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.editConnection, async (id?: string) => {
    const old = await pickProfile('Edit which connection?', id);
    if (!old) return;
    const { profiles } = readProfiles();
    const edited = await promptForProfile(old, profiles.map((p) => p.id).filter((x) => x !== old.id));
    if (!edited) return;
    await writeProfiles(profiles.map((p) => (p.id === old.id ? edited : p)));
    // A secret belongs to an origin and identity; if either changed, the old secret must not follow.
    if (secretKey(old) !== secretKey(edited)) {
      await s.credentials.delete(old);
      const why = originOf(old.url) !== originOf(edited.url) ? 'The server changed, so the old credential was removed.' : 'The sign-in changed.';
      await promptForSecret(edited, s.credentials, why);
    }
    s.log.info(`Connection "${edited.label}" updated.`);
  });
}
