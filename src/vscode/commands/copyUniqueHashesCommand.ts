import * as vscode from 'vscode';
import type { HashAlgorithm } from '../../results/hashes';
import type { HashViewProvider } from '../hashes/hashViewProvider';

const COMMANDS: [string, HashAlgorithm][] = [
  ['splWorkbench.copyUniqueSha256', 'SHA256'],
  ['splWorkbench.copyUniqueMd5', 'MD5'],
  ['splWorkbench.copyUniqueSha1', 'SHA1'],
  ['splWorkbench.copyUniqueImphash', 'IMPHASH'],
];

/** "Copy all unique <ALGO>": one command per algorithm, the newline-separated list for a bulk lookup. */
export function registerCopyUniqueHashesCommands(hashes: HashViewProvider): vscode.Disposable {
  return vscode.Disposable.from(...COMMANDS.map(([id, algorithm]) => vscode.commands.registerCommand(id, () => hashes.copyUnique(algorithm))));
}
