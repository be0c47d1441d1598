import * as vscode from 'vscode';
import type { HashAlgorithm } from '../../results/hashes';
import type { HashViewProvider } from '../hashes/hashViewProvider';
import { COMMANDS } from '../commandIds';

const COPY_UNIQUE: [string, HashAlgorithm][] = [
  [COMMANDS.copyUniqueSha256, 'SHA256'],
  [COMMANDS.copyUniqueMd5, 'MD5'],
  [COMMANDS.copyUniqueSha1, 'SHA1'],
  [COMMANDS.copyUniqueImphash, 'IMPHASH'],
];

/** "Copy all unique <ALGO>": one command per algorithm, the newline-separated list for a bulk lookup. */
export function registerCopyUniqueHashesCommands(hashes: HashViewProvider): vscode.Disposable {
  return vscode.Disposable.from(...COPY_UNIQUE.map(([id, algorithm]) => vscode.commands.registerCommand(id, () => hashes.copyUnique(algorithm))));
}
