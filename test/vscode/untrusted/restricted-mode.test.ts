/**
 * Runs in a separate pass with workspace trust enabled and the folder not trusted (Restricted Mode).
 * The manifest declares limited support: the language works, running searches must wait for trust.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openInEditor, waitFor } from '../support';

describe('SPL Workbench in an untrusted workspace', () => {
  after(closeAllEditors);

  it('runs with the workspace untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still highlights: .spl files get the spl language and the extension activates', async () => {
    const editor = await openInEditor('hunt.spl');
    assert.equal(editor.document.languageId, 'spl');
    await waitFor('the extension to activate in Restricted Mode', () => extension().isActive);
  });

  it('refuses to run a search, even when the command is invoked directly', async () => {
    await openInEditor('hunt.spl');
    const api = (await extension().activate()) as { latestRun(): unknown };
    const result = await vscode.commands.executeCommand('splWorkbench.runQuery', { query: '| makeresults count=1' });
    assert.equal(result, undefined, 'the run command started a run in Restricted Mode');
    assert.equal(api.latestRun(), undefined);
  });

  it('declares limited support for untrusted workspaces', () => {
    const trust = extension().packageJSON.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
  });
});
