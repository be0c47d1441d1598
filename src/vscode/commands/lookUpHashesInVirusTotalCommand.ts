import * as vscode from 'vscode';
import type { HashViewProvider } from '../hashes/hashViewProvider';
import type { LookupReport, VirusTotalService } from '../virustotal/virusTotalService';
import { COMMANDS } from '../commandIds';

/** From the palette, the Hashes panel and the grid's context menu; `refresh` bypasses the cache. */
interface LookUpArgs {
  scope?: 'all' | 'selected';
  refresh?: boolean;
}

export const LOOK_UP_COMMAND = COMMANDS.lookUpHashesInVirusTotal;

export async function lookUpHashes(vt: VirusTotalService, hashes: HashViewProvider, args: LookUpArgs | undefined): Promise<LookupReport | undefined> {
  const scope = args?.scope === 'selected' ? 'selected' : 'all';
  const targets = await hashes.lookupTargets(scope);
  if (!targets) {
    void vscode.window.showInformationMessage('Run a search first: there are no results to take hashes from.');
    return undefined;
  }
  if (targets.ids.length === 0) {
    const why = targets.withoutFileId > 0 ? ' Only IMPHASH values were found: an IMPHASH names an import table, not a file, so VirusTotal cannot look it up.' : '';
    void vscode.window.showInformationMessage(`The ${scope === 'selected' ? 'selected rows hold' : 'results hold'} no SHA256, SHA1 or MD5 to look up.${why}`);
    return undefined;
  }
  const report = await vt.lookUp(targets.ids, { refresh: args?.refresh === true });
  hashes.sortByVerdict();
  return report;
}

export function registerLookUpHashesInVirusTotalCommand(vt: VirusTotalService, hashes: HashViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(LOOK_UP_COMMAND, (args?: LookUpArgs) => lookUpHashes(vt, hashes, args));
}
