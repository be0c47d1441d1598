import * as vscode from 'vscode';
import { COMMANDS } from '../commandIds';
import { LOCAL_CONNECTION_ID, readProfiles } from '../config';
import type { ConnectionState } from '../connections/connectionState';
import type { HistoryService } from '../history/historyService';
import { historyRecordFrom } from '../history/historyTreeProvider';

/**
 * Runs a recorded query again, with its time range, on the connection it ran on. When that connection
 * is gone the user is asked whether to run it where searches run now; `ifConnectionGone: 'useCurrent'`
 * (automation) answers yes without asking.
 */
export function registerRerunHistoryQueryCommand(history: HistoryService, connection: ConnectionState): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.rerunHistoryQuery, async (arg?: unknown) => {
    const r = historyRecordFrom(arg, history);
    if (!r) return undefined;
    // Records from before profile ids were kept, and every local run, name no profile: the local engine.
    const recorded = r.profileId ?? LOCAL_CONNECTION_ID;
    const exists = recorded === LOCAL_CONNECTION_ID || readProfiles().profiles.some((p) => p.id === recorded);
    if (!exists) {
      const useCurrent = typeof arg === 'object' && arg !== null && (arg as { ifConnectionGone?: unknown }).ifConnectionGone === 'useCurrent';
      const current = currentLabel(connection);
      if (!useCurrent) {
        const go = `Run on ${current}`;
        const answer = await vscode.window.showWarningMessage(
          `This query ran on "${r.target || recorded}", a connection that no longer exists.`,
          { modal: true, detail: `Run it on ${current} instead?` },
          go,
        );
        if (answer !== go) return undefined;
      }
    }
    return vscode.commands.executeCommand<number | undefined>(COMMANDS.runQuery, {
      query: r.query,
      earliest: r.earliest,
      latest: r.latest,
      ...(exists ? { connectionId: recorded } : {}),
      ...(r.documentUri ? { uri: r.documentUri } : {}),
    });
  });
}

function currentLabel(connection: ConnectionState): string {
  const active = connection.active;
  return active.kind === 'local' ? 'the local engine' : active.kind === 'splunk' ? `"${active.profile.label}"` : 'the connection you choose';
}
