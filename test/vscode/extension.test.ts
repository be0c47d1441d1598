/** The extension loads into a real VS Code: manifest, activation, language ids, commands. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, extension, openInEditor, waitFor } from './support';

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
}

describe('SPL Workbench in a real VS Code extension host', () => {
  after(closeAllEditors);

  it('is installed as the extension under development, with its built bundle', async () => {
    const ext = extension();
    assert.equal(ext.packageJSON.displayName, 'SPL Workbench');
    const main = vscode.Uri.joinPath(ext.extensionUri, 'dist', 'extension.js');
    const stat = await vscode.workspace.fs.stat(main);
    assert.ok(stat.size > 0, `${main.toString()} is empty`);
  });

  it('is not active at startup and activates when an .spl file opens', async () => {
    const activeAtStart = (globalThis as { splWorkbenchActiveAtStart?: boolean }).splWorkbenchActiveAtStart;
    assert.equal(activeAtStart, false, 'the extension was already active before any .spl file was opened');
    await openInEditor('hunt.spl');
    await waitFor('the extension to activate after opening hunt.spl', () => extension().isActive);
  });

  it('assigns the spl language id to .spl files', async () => {
    const editor = await openInEditor('hunt.spl');
    assert.equal(editor.document.languageId, 'spl');
  });

  it('assigns the spl language id to .splunk files', async () => {
    const editor = await openInEditor('hunts', 'lateral-movement.splunk');
    assert.equal(editor.document.languageId, 'spl');
  });

  it('registers spl as a known language', async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes('spl'), `spl missing from ${languages.length} languages`);
  });

  it('contributes "SPL Workbench: Run Query" to the command palette', () => {
    const commands = (extension().packageJSON.contributes?.commands ?? []) as CommandContribution[];
    const run = commands.find((c) => c.command === 'splWorkbench.runQuery');
    assert.ok(run, 'splWorkbench.runQuery is not contributed');
    assert.equal(`${run.category}: ${run.title}`, 'SPL Workbench: Run Query');
  });

  it('registers splWorkbench.runQuery once activated', async () => {
    await extension().activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('splWorkbench.runQuery'), 'splWorkbench.runQuery has no handler after activation');
  });
});
