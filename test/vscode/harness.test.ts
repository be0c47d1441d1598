/**
 * Checks of the harness itself: the tests really run inside VS Code's Node extension host, in the
 * fixture workspace, and can drive commands end to end. The command registered here belongs to the
 * test suite only (it proves command execution works; it is not part of the extension).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { workspaceFile } from './support';

describe('extension-host harness', () => {
  it('runs in a Node extension host of VS Code >= 1.95', () => {
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major === 1 && (minor ?? 0) >= 95, `VS Code ${vscode.version}`);
    assert.match(process.version, /^v\d+\./);
    assert.equal(typeof require('node:http').createServer, 'function');
  });

  it('opens the fixture workspace with its hunts', async () => {
    const found = await vscode.workspace.findFiles('**/*.{spl,splunk}');
    const names = found.map((u) => u.path.split('/').pop()).sort();
    assert.ok(names.includes('hunt.spl'), `found: ${names.join(', ')}`);
    const stat = await vscode.workspace.fs.stat(workspaceFile('hunt.spl'));
    assert.ok(stat.size > 0);
  });

  it('runs a command registered by the test suite and gets its result back', async () => {
    const registration = vscode.commands.registerCommand('splWorkbenchTest.echo', (x: number) => x * 2);
    try {
      assert.equal(await vscode.commands.executeCommand('splWorkbenchTest.echo', 21), 42);
    } finally {
      registration.dispose();
    }
  });
});
