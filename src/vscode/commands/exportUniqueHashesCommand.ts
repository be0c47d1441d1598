import * as vscode from 'vscode';
import { HASH_ALGORITHMS, type HashAlgorithm } from '../../results/hashes';
import type { HashViewProvider } from '../hashes/hashViewProvider';
import { COMMANDS } from '../commandIds';

export function registerExportUniqueHashesCommand(hashes: HashViewProvider): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.exportUniqueHashes, async (arg?: { algorithm?: string; target?: string }) => {
    let algorithm = HASH_ALGORITHMS.find((a) => a === arg?.algorithm);
    if (!algorithm) {
      algorithm = (await vscode.window.showQuickPick([...HASH_ALGORITHMS], { title: 'Export the unique hashes of which algorithm?' })) as HashAlgorithm | undefined;
      if (!algorithm) return undefined;
    }
    return hashes.exportUnique(algorithm, typeof arg?.target === 'string' ? arg.target : undefined);
  });
}
