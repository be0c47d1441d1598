/**
 * The hunting loop in a real VS Code: runs land in History and reopen, "Exclude" and "Add to query"
 * write quoted terms into the query's editor and re-run it, a pinned panel keeps its results, and
 * job details (and the search log of a Splunk job) show what ran.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { fileSource } from '../../src/engine';
import { startServer, type RunningServer } from '../../src/server';
import { writeSampleData } from '../../src/search/local/sampleData';
import type { FieldStats } from '../../src/results/fieldSummary';
import type { RunSnapshot } from '../../src/vscode/api';
import { api, closeAllEditors, setting, waitFor } from './support';

const PASSWORD = 'hunting-pw-Example-1';

async function openSpl(text: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument({ language: 'spl', content: text });
  const editor = await vscode.window.showTextDocument(doc);
  editor.selection = new vscode.Selection(0, 1, 0, 1);
  return editor;
}

async function runEditor(editor: vscode.TextEditor, line = 0): Promise<RunSnapshot> {
  await vscode.window.showTextDocument(editor.document);
  const id = await vscode.commands.executeCommand<number | undefined>('splWorkbench.runQuery', { uri: editor.document.uri.toString(), line });
  assert.equal(typeof id, 'number', 'the run command did not start a run');
  return (await api()).waitForRun(id!);
}

/** Waits for the run after `previous` to finish (a command started it). */
async function nextRun(previous: number): Promise<RunSnapshot> {
  const latest = await waitFor('the re-run', () => {
    const r = (async () => (await api()).latestRun())();
    return r.then((x) => (x && x.id > previous ? x : undefined));
  }, 20_000);
  return (await api()).waitForRun(latest.id);
}

describe('Hunting: history, add to query, pinned panels, job details', function () {
  this.timeout(90_000);
  let dir: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'spl-hunt-'));
    const dataFile = path.join(dir, 'sysmon.jsonl');
    await writeSampleData(dataFile, 3000, 5);
    await setting('local.dataFiles', [dataFile]);
    await setting('activeConnection', 'local');
    await vscode.commands.executeCommand('splWorkbench.chooseTimeRange', { earliest: '', latest: '' });
    await vscode.commands.executeCommand('splWorkbench.history.clear', { confirm: false });
  });

  after(async () => {
    await setting('local.dataFiles', undefined);
    await setting('activeConnection', undefined);
    await closeAllEditors();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('query history', () => {
    it('records each run (query, where, time range, sid, state, counts) newest first, and reopens kept results', async () => {
      const first = await runEditor(await openSpl('EventCode=1 | head 4 | table host Image'));
      const failed = await runEditor(await openSpl('EventCode=1 | frobnicate'));
      assert.equal(failed.state, 'failed');
      const history = await (await api()).history();
      const [newest, older] = history;
      assert.ok(newest && older, `expected two runs in History, got ${history.length}`);
      assert.equal(newest.query, 'search EventCode=1 | frobnicate');
      assert.equal(newest.state, 'failed');
      assert.match(newest.error ?? '', /frobnicate/);
      assert.equal(older.query, 'search EventCode=1 | head 4 | table host Image');
      assert.equal(older.state, 'done');
      assert.equal(older.resultCount, 4);
      assert.equal(older.sid, first.sid);
      assert.match(older.target, /local engine/);
      assert.equal(older.timeLabel, 'All time');
      assert.ok(older.durationMs >= 0 && older.startedAt <= Date.now());
      assert.equal(older.hasResults, true, 'the done run keeps its results in memory');
      assert.equal(newest.hasResults, false, 'a failed run keeps none');

      const before = (await api()).resultsPanels().length;
      assert.equal(await vscode.commands.executeCommand('splWorkbench.history.reopenResults', older.id), true);
      const panels = (await api()).resultsPanels();
      assert.equal(panels.length, before + 1, 'reopening opens a panel of its own');
      assert.ok(panels.some((p) => p.runId === first.id));
    });

    it('re-runs a recorded query and opens it in an editor', async () => {
      const [latest] = await (await api()).history();
      const done = (await (await api()).history()).find((r) => r.state === 'done')!;
      const previous = (await api()).latestRun()!.id;
      await vscode.commands.executeCommand('splWorkbench.history.rerun', done.id);
      const again = await nextRun(previous);
      assert.equal(again.query, done.query);
      assert.equal(again.rowCount, 4);
      const history = await (await api()).history();
      assert.equal(history[0]!.query, done.query, 'the re-run is recorded too');
      assert.notEqual(history[0]!.id, latest!.id);

      const uri = await vscode.commands.executeCommand<string>('splWorkbench.history.openQuery', done.id);
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
      assert.equal(doc.languageId, 'spl');
      assert.equal(doc.getText().trim(), done.query);
    });

    it('keeps results of at most history.keepResultsOfRuns runs', async () => {
      await setting('history.keepResultsOfRuns', 1);
      try {
        await runEditor(await openSpl('| makeresults count=2'));
        await runEditor(await openSpl('| makeresults count=3'));
        const kept = (await (await api()).history()).filter((r) => r.hasResults);
        assert.deepEqual(kept.map((r) => r.query), ['| makeresults count=3']);
      } finally {
        await setting('history.keepResultsOfRuns', undefined);
      }
    });
  });

  describe('Add to query and Exclude', () => {
    it('Exclude writes NOT field="value" before the first pipe, and the re-run has fewer rows', async () => {
      const editor = await openSpl('EventCode=1 | table host Image');
      const run = await runEditor(editor);
      const image = String(run.rows(0, 1)[0]![1]);
      const withImage = run.rows(0, run.rowCount).filter((r) => r[1] === image).length;
      assert.ok(withImage > 0 && withImage < run.rowCount);
      const text = await vscode.commands.executeCommand<string>('splWorkbench.excludeFromQuery', { runId: run.id, field: 'Image', value: image, rerun: true });
      const quoted = `"${image.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
      assert.equal(editor.document.getText(), `EventCode=1 NOT Image=${quoted} | table host Image`);
      assert.equal(text, editor.document.getText());
      const rerun = await nextRun(run.id);
      assert.equal(rerun.state, 'done', rerun.error?.message);
      assert.equal(rerun.rowCount, run.rowCount - withImage);
      assert.ok(rerun.rows(0, rerun.rowCount).every((r) => r[1] !== image));
    });

    it('the field figures of a run lead to Exclude: the query gains NOT field="value" and the re-run drops those rows', async () => {
      const editor = await openSpl('EventCode=1 | table host Image');
      const run = await runEditor(editor);
      const fields = await vscode.commands.executeCommand<FieldStats[]>('splWorkbench.showFields', { runId: run.id, list: true });
      const host = fields.find((f) => f.field === 'host')!;
      assert.equal(host.share, 1);
      const top = host.top[0]!;
      assert.equal(top.count, run.rows(0, run.rowCount).filter((r) => r[0] === top.value).length);
      // Splunk matches search terms without regard to case, so the re-run also drops other spellings.
      const dropped = run.rows(0, run.rowCount).filter((r) => String(r[0]).toLowerCase() === top.value.toLowerCase()).length;
      await vscode.commands.executeCommand('splWorkbench.excludeFromQuery', { runId: run.id, field: 'host', value: top.value, rerun: true });
      assert.equal(editor.document.getText(), `EventCode=1 NOT host="${top.value}" | table host Image`);
      const rerun = await nextRun(run.id);
      assert.equal(rerun.rowCount, run.rowCount - dropped);
      const history = await (await api()).history();
      assert.deepEqual(history.slice(0, 2).map((r) => r.query), [`search EventCode=1 NOT host="${top.value}" | table host Image`, 'search EventCode=1 | table host Image']);
    });

    it('quotes hostile values so the query still means one term, and refuses those no quoting makes safe', async () => {
      const editor = await openSpl('| makeresults count=2 | eval CommandLine="a"');
      const run = await runEditor(editor);
      await vscode.commands.executeCommand('splWorkbench.addToQuery', { runId: run.id, field: 'CommandLine', value: 'x" | delete | search "\\' });
      assert.equal(editor.document.getText(), '| makeresults count=2 | eval CommandLine="a" | search CommandLine="x\\" | delete | search \\"\\\\"');
      const before = editor.document.getText();
      const refused = await vscode.commands.executeCommand('splWorkbench.addToQuery', { runId: run.id, field: 'CommandLine', value: 'two\nlines' });
      assert.equal(refused, undefined);
      assert.equal(editor.document.getText(), before, 'a refused value must not touch the editor');
      await assert.rejects(Promise.resolve(vscode.commands.executeCommand('splWorkbench.addToQuery', { runId: run.id, field: 42, value: 'x' })), /field name/);
    });

    it('finds the query again after lines above it moved', async () => {
      const editor = await openSpl('EventCode=3 | table host DestinationPort');
      const run = await runEditor(editor);
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '| makeresults\n\n'));
      await vscode.commands.executeCommand('splWorkbench.addToQuery', { runId: run.id, field: 'host', value: 'ws-1' });
      assert.equal(editor.document.getText(), '| makeresults\n\nEventCode=3 host="ws-1" | table host DestinationPort');
    });
  });

  describe('pinned results panels', () => {
    it('the next run of a pinned panel\'s file opens a new panel, and the pinned one keeps its run', async () => {
      const editor = await openSpl('| makeresults count=1');
      const first = await runEditor(editor);
      assert.equal(await vscode.commands.executeCommand('splWorkbench.pinResultsPanel'), true);
      const second = await runEditor(editor);
      const panels = (await api()).resultsPanels();
      assert.ok(panels.some((p) => p.runId === first.id && p.pinned), JSON.stringify(panels));
      assert.ok(panels.some((p) => p.runId === second.id && !p.pinned), JSON.stringify(panels));
      const third = await runEditor(editor);
      const after = (await api()).resultsPanels();
      assert.equal(after.length, panels.length, 'an unpinned panel is reused as before');
      assert.ok(after.some((p) => p.runId === third.id && !p.pinned));
      assert.ok(after.some((p) => p.runId === first.id && p.pinned));
    });
  });

  describe('job details', () => {
    it('shows the local engine\'s counts and timings', async () => {
      const run = await runEditor(await openSpl('EventCode=1 | head 3'));
      const text = await vscode.commands.executeCommand<string>('splWorkbench.showJobDetails', run.id);
      assert.match(text, /Job details \(local engine\)/);
      assert.ok(text.includes(run.sid!), text);
      assert.match(text, /Scanned events: +[\d,]+/);
      assert.match(text, /Results: +3\b/);
      assert.match(text, /Duration: +[\d.]+ s/);
      assert.doesNotMatch(text, /Search mode/);
      assert.equal(await vscode.commands.executeCommand('splWorkbench.copySid', run.id), run.sid);
    });

    describe('on a Splunk connection (the project\'s server over loopback HTTP)', () => {
      let server: RunningServer;
      before(async () => {
        server = await startServer({ source: fileSource(path.join(dir, 'sysmon.jsonl')), users: { admin: PASSWORD }, protocol: 'http' });
        await vscode.commands.executeCommand('splWorkbench.addConnection', {
          profile: { id: 'hunt-http', label: 'hunt-http', url: `http://127.0.0.1:${server.port}`, auth: 'password', username: 'admin' },
          secret: PASSWORD,
        });
        await setting('splunk.keepFinishedJobs', true);
      });
      after(async () => {
        await setting('splunk.keepFinishedJobs', undefined);
        await vscode.commands.executeCommand('splWorkbench.chooseSearchMode', 'verbose');
        await vscode.commands.executeCommand('splWorkbench.removeConnection', 'hunt-http');
        await setting('activeConnection', 'local');
        await server.close();
      });

      it('shows the sid, the search mode, the counts and the Splunk Web link, and fetches the search log', async () => {
        await vscode.commands.executeCommand('splWorkbench.chooseSearchMode', 'fast');
        const run = await runEditor(await openSpl('EventCode=1 | head 3'));
        assert.equal(run.state, 'done', run.error?.message);
        assert.equal(run.target, 'hunt-http');
        const text = await vscode.commands.executeCommand<string>('splWorkbench.showJobDetails', run.id);
        assert.match(text, /Job details \(Splunk\)/);
        assert.match(text, /adhoc_search_level=fast/);
        assert.match(text, /Scanned events: +[\d,]+/);
        assert.ok(text.includes(`http://127.0.0.1:8000/app/search/search?sid=${encodeURIComponent(run.sid!)}`), text);
        const log = await vscode.commands.executeCommand<string>('splWorkbench.showSearchLog', run.id);
        assert.ok(log.includes(`sid=${run.sid}`), log);
        assert.match(log, /adhoc_search_level=fast/);
      });

      it('re-runs a History entry on the connection it ran on, not the active one; on the current one only when that is gone and the user agrees', async () => {
        const run = await runEditor(await openSpl('EventCode=1 | head 2'));
        assert.equal(run.target, 'hunt-http');
        const entry = (await (await api()).history()).find((r) => r.sid === run.sid)!;
        await setting('activeConnection', 'local');
        await vscode.commands.executeCommand('splWorkbench.history.rerun', entry.id);
        const again = await nextRun(run.id);
        assert.equal(again.target, 'hunt-http', 'the re-run went where the entry ran');
        assert.equal(again.rowCount, 2);

        await vscode.commands.executeCommand('splWorkbench.addConnection', {
          profile: { id: 'hunt-gone', label: 'hunt-gone', url: `http://127.0.0.1:${server.port}`, auth: 'password', username: 'admin' },
          secret: PASSWORD,
        });
        const onGone = await runEditor(await openSpl('EventCode=1 | head 3'));
        assert.equal(onGone.target, 'hunt-gone');
        const goneEntry = (await (await api()).history()).find((r) => r.sid === onGone.sid)!;
        await vscode.commands.executeCommand('splWorkbench.removeConnection', 'hunt-gone');
        await setting('activeConnection', 'local');
        await vscode.commands.executeCommand('splWorkbench.history.rerun', { id: goneEntry.id, ifConnectionGone: 'useCurrent' });
        const onCurrent = await nextRun(onGone.id);
        assert.match(onCurrent.target, /local engine/);
        assert.equal(onCurrent.rowCount, 3);
        await setting('activeConnection', 'hunt-http');
      });
    });
  });
});
