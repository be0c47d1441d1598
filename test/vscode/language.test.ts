/** The SPL language service in a real VS Code: diagnostics, completion, signature help and hover. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeSampleData } from '../../src/search/local/sampleData';
import { api, extension, setting, waitFor } from './support';

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

  it('formats the document and a selection: one command per line, the subsearch indented', async () => {
    const doc = await open('index=a | join host [search index=b | stats count by host] | table host count\n\nindex=c|head 1');
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true });
    const whole = new vscode.WorkspaceEdit();
    whole.set(doc.uri, edits);
    assert.ok(await vscode.workspace.applyEdit(whole));
    assert.equal(doc.getText(), 'index=a\n| join host [\n  search index=b\n  | stats count by host\n]\n| table host count\n\nindex=c\n| head 1');
    const again = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', doc.uri, { tabSize: 2, insertSpaces: true });
    assert.ok(again === undefined || again.length === 0, 'formatting a formatted document changes nothing');

    const other = await open('index=a|head 1\n\nindex=b|head 2');
    const line = other.lineAt(2).range;
    const rangeEdits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatRangeProvider', other.uri, line, { tabSize: 4, insertSpaces: true });
    const partial = new vscode.WorkspaceEdit();
    partial.set(other.uri, rangeEdits);
    assert.ok(await vscode.workspace.applyEdit(partial));
    assert.equal(other.getText(), 'index=a|head 1\n\nindex=b\n| head 2');
  });

  describe('with the local engine and its data', function () {
    this.timeout(60_000);
    let dataFile: string;

    before(async () => {
      dataFile = path.join(DIR, 'sysmon.jsonl');
      await writeSampleData(dataFile, 200, 5);
      await setting('local.dataFiles', [dataFile]);
      await setting('activeConnection', 'local');
    });

    after(async () => {
      await setting('local.dataFiles', undefined);
      await setting('activeConnection', undefined);
    });

    it('completes and hovers the fields of the document\'s last results, with counts and top values', async () => {
      const doc = await open('| makeresults count=3 | eval colour="red", n=1 | table colour n\n\n| makeresults | table ');
      vscode.window.activeTextEditor!.selection = new vscode.Selection(0, 2, 0, 2);
      const id = await vscode.commands.executeCommand<number>('splWorkbench.runQuery');
      const run = await (await api()).waitForRun(id);
      assert.equal(run.state, 'done', run.error?.message);
      const list = await waitFor('the last results\' fields in completion', async () => {
        const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(doc.getText().length));
        return l.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'colour') ? l : undefined;
      });
      const colour = list.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'colour')!;
      assert.equal(colour.kind, vscode.CompletionItemKind.Field);
      assert.equal(colour.detail, 'field (last results, 1 distinct value)');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, positionAfter(doc, 'table col'));
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(text, /\*\*colour\*\* \(field, last results\)/);
      assert.match(text, /1 distinct value in 3 rows/);
      assert.match(text, /\| red \| 3 \|/);
    });

    it('completes the macros of splWorkbench.local.macroFiles after a backtick and shows the expansion on hover', async () => {
      const macros = path.join(DIR, 'macros.conf');
      writeFileSync(macros, '[hunt_process_filter(1)]\nargs = image\ndefinition = EventCode=1 Image="*$image$"\n');
      await setting('local.macroFiles', [macros]);
      try {
        const doc = await open('index=main `hunt_pro');
        const item = await waitFor('the local macro in completion', async () => {
          // Resolving the items is what shows their documentation (built only then).
          const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionAfter(doc, '`hunt_pro'), undefined, 50);
          return l.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label).startsWith('hunt_process_filter'));
        });
        const docText = typeof item.documentation === 'string' ? item.documentation : item.documentation?.value ?? '';
        assert.match(docText, /EventCode=1 Image="\*\$image\$"/);
      } finally {
        await setting('local.macroFiles', undefined);
      }
    });

    it('completes the local data\'s fields and index values, and notes what the local engine does not run', async () => {
      const doc = await open('index= \n| cluster field=host\n| table Ima');
      // The first requests may come before the data files were read (they wait 400 ms at most).
      const labels = await waitFor('index values from the local data', async () => {
        const values = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionAfter(doc, 'index='));
        const l = values.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
        return l.length > 0 ? l : undefined;
      });
      assert.ok(labels.length > 0 && labels.every((l) => /^[\w-]+$/.test(l)), `index values: ${labels.join(', ')}`);
      const image = await waitFor('Image from the local data', async () => {
        const fields = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, positionAfter(doc, 'table Ima'));
        return fields.items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'Image');
      });
      assert.equal(image?.detail?.startsWith('field (local data'), true, String(image?.detail));
      const diags = await waitFor('the local engine note', () => {
        const d = vscode.languages.getDiagnostics(doc.uri);
        return d.some((x) => x.code === 'local-engine') ? d : undefined;
      });
      assert.deepEqual(diags.filter((d) => d.code === 'local-engine').map((d) => [d.severity, doc.getText(d.range)]), [[vscode.DiagnosticSeverity.Information, 'cluster']]);
    });
  });
});

