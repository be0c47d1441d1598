import * as vscode from 'vscode';
import type { ConnectionProfile } from '../../search/connections/profile';
import { readProfiles } from '../config';
import { COMMANDS } from '../commandIds';

/** Lets the user pick one of their profiles (or takes the id given by automation). */
export async function pickProfile(title: string, id?: unknown): Promise<ConnectionProfile | undefined> {
  const { profiles, problems } = readProfiles();
  if (typeof id === 'string') return profiles.find((p) => p.id === id);
  if (profiles.length === 0) {
    const msg = problems.length ? `No usable connection: ${problems[0]}` : 'There are no Splunk connections yet.';
    const add = await vscode.window.showInformationMessage(msg, 'Add Connection');
    if (add) await vscode.commands.executeCommand(COMMANDS.addConnection);
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    profiles.map((p) => ({ label: p.label, description: p.url, detail: `${p.auth === 'token' ? 'token' : `user ${p.username}`} · TLS ${p.tls}`, profile: p })),
    { title },
  );
  return pick?.profile;
}
