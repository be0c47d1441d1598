import * as vscode from 'vscode';
import type { HashViewProvider } from '../hashes/hashViewProvider';
import type { VirusTotalService } from '../virustotal/virusTotalService';
import { lookUpHashes } from './lookUpHashesInVirusTotalCommand';
import { COMMANDS } from '../commandIds';

/** The same lookup, asking VirusTotal again even for hashes the cache has a fresh answer for. */
export function registerRefreshVirusTotalVerdictsCommand(vt: VirusTotalService, hashes: HashViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.refreshVirusTotalVerdicts, (args?: { scope?: 'all' | 'selected' }) =>
    lookUpHashes(vt, hashes, { scope: args?.scope === 'selected' ? 'selected' : 'all', refresh: true }));
}
