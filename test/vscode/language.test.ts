/** The SPL language service in a real VS Code: diagnostics, completion, signature help and hover. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { extension, waitFor } from './support';

// A real detection from splunk/security_content (Apache 2.0): valid SPL with macros and tstats.
const DETECTION = '| tstats `security_content_summariesonly` count min(_time) as firstTime max(_time) as lastTime from datamodel=Endpoint.Processes where Processes.process_name=certutil.exe by Processes.dest Processes.user | `drop_dm_object_name(Processes)` | `security_content_ctime(firstTime)` | `certutil_filter`';

const DIR = mkdtempSync(path.join(tmpdir(), 'spl-language-'));
let files = 0;

/**
 * A new .spl file for each test. Not an untitled document: VS Code reuses the name of one just
 * closed (Untitled-1) while the extension host still holds the old model, and hands that back.
 */
async function open(content: string): Promise<vscode.TextDocument> {
  await extension().activate();
  const file = path.join(DIR, `query-${++files}.spl`);
  writeFileSync(file, content);
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  await vscode.window.showTextDocument(doc);
  assert.equal(doc.getText(), content, 'a fresh untitled document was not opened');
  return doc;
}

function positionAfter(doc: vscode.TextDocument, marker: string): vscode.Position {
  const at = doc.getText().indexOf(marker);
  assert.ok(at >= 0, `${marker} not in the document`);
  return doc.positionAt(at + marker.length);
}

describe('SPL language service in a real VS Code', () => {
  // An edited document asks whether to save when closed, which no one answers in a test run: revert.
  afterEach(async () => {
    for (let i = 0; i < 10 && vscode.window.activeTextEditor; i++) {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('shows an error for a seeded mistake, at its range, and none for a valid detection', async () => {
    const doc = await open(`${DETECTION}\n\nindex=sysmon | eval x=iff(a, b, c) | stats count`);
    const diags = await waitFor('diagnostics for the seeded mistake', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.length > 0 ? d : undefined;
    });
    assert.deepEqual(diags.map((d) => [d.severity, d.message, doc.getText(d.range)]), [
      [vscode.DiagnosticSeverity.Error, "Error in 'eval' command: The 'iff' function is unsupported or undefined. Did you mean 'if'?", 'iff'],
    ]);
  });

  it('updates diagnostics as the document is edited', async () => {
    const doc = await open('index=a | stats count');
    const editor = vscode.window.activeTextEditor!;
    await editor.edit((e) => e.insert(doc.positionAt(doc.getText().length), ' |'));
    const diags = await waitFor('the dangling pipe to be reported', () => {
      const d = vscode.languages.getDiagnostics(doc.uri);
      return d.some((x) => x.message === "Missing a search command after '|'.") ? d : undefined;
    });
    assert.equal(diags.length, 1);
  });

  it('lists commands with their summary after a pipe', async () => {
    const doc = await open('index=sysmon | ');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionAfter(doc, '| '));
    const stats = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'stats');
    assert.ok(stats, `stats not among ${list.items.length} items`);
    assert.match(String(stats.detail), /Aggregates/);
  });

  it('gives signature help inside an eval function call', async () => {
    const doc = await open('index=a | eval x=if(a=1, ');
    const help = await vscode.commands.executeCommand<vscode.SignatureHelp>('vscode.executeSignatureHelpProvider', doc.uri, positionAfter(doc, 'if(a=1, '));
    assert.equal(help.signatures[0]?.label, 'if(condition, then, else)');
    assert.equal(help.activeParameter, 1);
  });

  it('shows a command summary and its Search Reference link on hover', async () => {
    const doc = await open('index=a | stats count by host');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionAfter(doc, '| st'));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*stats\*\* \(command\): Aggregates/);
    assert.match(text, /SearchReference\/Stats/);
  });

  it('outlines each query block', async () => {
    const doc = await open('index=a\n| stats count\n\n| makeresults | eval x=1');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    assert.deepEqual(symbols.map((s) => s.name), ['index=a', 'makeresults']);
  });
});
