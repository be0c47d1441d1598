import * as vscode from 'vscode';
import { LOCAL_CONNECTION_ID, readActiveConnectionId, readProfiles, writeActiveConnectionId } from '../config';
import type { Services } from '../services';
import { COMMANDS } from '../commandIds';

type Choice = vscode.QuickPickItem & { id: string };

export function registerChooseConnectionCommand(s: Services): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.chooseConnection, async (id?: string): Promise<string | undefined> => {
    const { profiles, problems } = readProfiles();
    if (typeof id === 'string') {
      if (id !== LOCAL_CONNECTION_ID && !profiles.some((p) => p.id === id)) throw new Error(`No connection profile has the id "${id}".`);
      // Choosing the id already in the setting fires no change event, so end a session-only connection here.
      s.connection.useForSession(undefined);
      await writeActiveConnectionId(id);
      return id;
    }
    const current = readActiveConnectionId();
    const items: Choice[] = [
      { id: LOCAL_CONNECTION_ID, label: '$(database) Built-in local engine', description: current === LOCAL_CONNECTION_ID ? 'active' : '', detail: 'Runs SPL on this machine over the Sysmon sample data or your own JSON/CSV files. No account needed.' },
      ...profiles.map((p) => ({ id: p.id, label: `$(server) ${p.label}`, description: `${p.url}${current === p.id ? ' · active' : ''}`, ...(p.tls === 'insecure' ? { detail: '⚠ certificate verification off' } : {}) })),
      { id: '__add', label: '$(add) Add a Splunk server…' },
    ];
    const pick = await vscode.window.showQuickPick(items, {
      title: 'Where should searches run?',
      ...(problems.length ? { placeHolder: `Some connection settings were ignored: ${problems.join(' ')}` } : {}),
    });
    if (!pick) return undefined;
    if (pick.id === '__add') return (await vscode.commands.executeCommand<string | undefined>(COMMANDS.addConnection)) ?? undefined;
    s.connection.useForSession(undefined);
    await writeActiveConnectionId(pick.id);
    s.connection.refresh();
    return pick.id;
  });
}
