import * as vscode from 'vscode';
import { promptForVirusTotalKey } from '../virustotal/prompts';
import type { VirusTotalService } from '../virustotal/virusTotalService';
import { COMMANDS } from '../commandIds';

/** Automation form (tests, other extensions): `{ key }`, no prompt. Returns whether a key was stored. */
export function registerSetVirusTotalKeyCommand(vt: VirusTotalService): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.setVirusTotalKey, async (args?: { key?: unknown }): Promise<boolean> => {
    const origin = vt.originOrReport();
    if (!origin) return false;
    if (typeof args?.key === 'string' && args.key.trim() !== '') {
      await vt.keys.set(origin, args.key.trim());
      return true;
    }
    return (await promptForVirusTotalKey(vt.keys, origin)) !== undefined;
  });
}
