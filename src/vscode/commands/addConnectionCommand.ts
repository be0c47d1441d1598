import * as vscode from 'vscode';
import { type ConnectionProfile, parseProfile } from '../../search/connections/profile';
import { readProfiles, writeActiveConnectionId, writeProfiles } from '../config';
import { promptForProfile, promptForSecret } from '../connections/prompts';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

/** Automation form (tests, other extensions): a profile and its secret, no prompts. */
interface AddConnectionArgs {
  profile: unknown;
  secret?: string;
  activate?: boolean;
}

export function registerAddConnectionCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.addConnection, async (args?: AddConnectionArgs): Promise<string | undefined> => {
    const { profiles } = readProfiles();
    let profile: ConnectionProfile | undefined;
    if (args && typeof args === 'object' && 'profile' in args) {
      profile = parseProfile(args.profile);
      if (typeof args.secret === 'string') await s.credentials.set(profile, args.secret);
    } else {
      profile = await promptForProfile({}, profiles.map((p) => p.id));
      if (!profile) return undefined;
      if (!(await promptForSecret(profile, s.credentials))) return undefined;
    }
    const next = profiles.filter((p) => p.id !== profile.id);
    next.push(profile);
    await writeProfiles(next);
    if (!args || args.activate !== false) await writeActiveConnectionId(profile.id);
    s.log.info(`Connection "${profile.label}" (${profile.url}, TLS ${profile.tls}) saved.`);
    return profile.id;
  });
}
