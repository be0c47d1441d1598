/** Helpers shared by the extension-host suites. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RunSnapshot, SplWorkbenchApi } from '../../src/vscode/api';

export const EXTENSION_ID = 'spl-workbench.spl-workbench';

export function extension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not loaded in this VS Code`);
  return ext;
}

/** The fixture workspace the runners open (test/fixtures/workspace). */
export function workspaceFile(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is not open');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

export async function openInEditor(...parts: string[]): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceFile(...parts));
  return vscode.window.showTextDocument(doc);
}

/** Polls until `check` returns a value that is not undefined/false, or fails with `what`. */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export const fixtureName = (uri: vscode.Uri): string => path.posix.basename(uri.path);

export async function api(): Promise<SplWorkbenchApi> {
  return (await extension().activate()) as SplWorkbenchApi;
}

/** Sets a user-level setting (`splWorkbench.<key>`, or any section's with `section`). */
export async function setting(key: string, value: unknown, section = 'splWorkbench'): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Opens `text` in an SPL editor, puts the cursor on `line`, runs the command like Ctrl+Enter does. */
export async function runAtLine(line: number, text: string): Promise<RunSnapshot> {
  const doc = await vscode.workspace.openTextDocument({ language: 'spl', content: text });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(line, 2, line, 2);
  const id = await vscode.commands.executeCommand<number | undefined>('splWorkbench.runQuery');
  assert.equal(typeof id, 'number', 'the run command did not start a run');
  return (await api()).waitForRun(id!);
}
