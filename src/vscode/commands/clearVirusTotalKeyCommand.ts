import * as vscode from 'vscode';
import type { Logger } from '../logger';
import type { VirusTotalService } from '../virustotal/virusTotalService';
import { COMMANDS } from '../commandIds';

export function registerClearVirusTotalKeyCommand(vt: VirusTotalService, log: Logger): vscode.Disposable {
  return vscode.commands.registerCommand(COMMANDS.clearVirusTotalKey, async (args?: { quiet?: boolean }) => {
    const origin = vt.originOrReport();
    if (!origin) return;
    await vt.keys.delete(origin);
    log.info(`The VirusTotal API key for ${origin} was deleted.`);
    if (!args?.quiet) void vscode.window.showInformationMessage(`The VirusTotal API key for ${origin} was deleted.`);
  });
}
