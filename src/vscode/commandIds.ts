/**
 * Every command id the extension registers or calls, in one place: package.json contributes the same
 * list (test/unit/vscode/commandIds.test.ts keeps them equal). Plain TypeScript so tests can read it.
 */
export const COMMANDS = {
  runQuery: 'splWorkbench.runQuery',
  cancelQuery: 'splWorkbench.cancelQuery',
  chooseTimeRange: 'splWorkbench.chooseTimeRange',
  chooseConnection: 'splWorkbench.chooseConnection',
  addConnection: 'splWorkbench.addConnection',
  editConnection: 'splWorkbench.editConnection',
  removeConnection: 'splWorkbench.removeConnection',
  signIn: 'splWorkbench.signIn',
  signOut: 'splWorkbench.signOut',
  chooseLocalData: 'splWorkbench.chooseLocalData',
  showLog: 'splWorkbench.showLog',
  exportResults: 'splWorkbench.exportResults',
  toggleHashColumns: 'splWorkbench.toggleHashColumns',
  showHashPanel: 'splWorkbench.showHashPanel',
  copyUniqueSha256: 'splWorkbench.copyUniqueSha256',
  copyUniqueMd5: 'splWorkbench.copyUniqueMd5',
  copyUniqueSha1: 'splWorkbench.copyUniqueSha1',
  copyUniqueImphash: 'splWorkbench.copyUniqueImphash',
  copySelectedHashes: 'splWorkbench.copySelectedHashes',
  exportUniqueHashes: 'splWorkbench.exportUniqueHashes',
  lookUpHashesInVirusTotal: 'splWorkbench.lookUpHashesInVirusTotal',
  refreshVirusTotalVerdicts: 'splWorkbench.refreshVirusTotalVerdicts',
  setVirusTotalKey: 'splWorkbench.setVirusTotalKey',
  clearVirusTotalKey: 'splWorkbench.clearVirusTotalKey',
  pinCertificate: 'splWorkbench.pinCertificate',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Commands that are registered but not in the palette (called by prompts and notifications). */
export const INTERNAL_COMMANDS: readonly CommandId[] = [COMMANDS.pinCertificate];
