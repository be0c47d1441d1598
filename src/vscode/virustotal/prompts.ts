import * as vscode from 'vscode';
import type { VirusTotalKeyStore } from './keyStore';

export const KEY_PROMPT_TITLE = 'VirusTotal API key';

/** Asks for the key with a password box and stores it for `origin`; undefined when the user gave up. */
export async function promptForVirusTotalKey(keys: VirusTotalKeyStore, origin: string, reason?: string): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: KEY_PROMPT_TITLE,
    prompt: `${reason ? reason + ' ' : ''}Enter your VirusTotal API key (your profile page on virustotal.com shows it). It is kept in VS Code's SecretStorage and only ever sent to ${origin}.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() === '' ? 'Required' : /\s/.test(v.trim()) || v.trim().length > 256 ? 'Not an API key' : undefined),
  });
  if (value === undefined) return undefined;
  await keys.set(origin, value.trim());
  return value.trim();
}

const NOTICE_SHOWN = 'splWorkbench.virusTotal.noticeShown';
const TERMS = 'https://docs.virustotal.com/reference/public-vs-premium-api';

/** Once per installation: the public API is for non-commercial use, and what its limits are. */
export function showFirstUseNotice(state: vscode.Memento, perMinute: number, perDay: number): void {
  if (state.get<boolean>(NOTICE_SHOWN)) return;
  void state.update(NOTICE_SHOWN, true);
  void vscode.window.showInformationMessage(
    `VirusTotal's public API is free for non-commercial use only, and limited to 4 requests a minute and 500 a day (15.5k a month). `
    + `SPL Workbench sends only file hashes, at most ${perMinute} a minute and ${perDay} a day as configured, and keeps the answers in a local cache. `
    + 'For commercial use you need a premium key.',
    'Read the Terms',
  ).then((choice) => {
    if (choice) void vscode.env.openExternal(vscode.Uri.parse(TERMS));
  });
}
