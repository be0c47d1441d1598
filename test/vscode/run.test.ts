/**
 * A query in an .spl editor becomes rows in the result store, inside a real VS Code: on the built-in
 * local engine, and through the real splunk-sdk client over HTTPS to the project's own server.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Papa from 'papaparse';
import * as vscode from 'vscode';
import { fileSource } from '../../src/engine';
import { issueCertificate, startServer, type RunningServer } from '../../src/server';
import type { RunSnapshot } from '../../src/vscode/api';
import { writeSampleData } from '../../src/search/local/sampleData';
import { api, closeAllEditors, runAtLine as runInEditor, setting, waitFor, workspaceFile } from './support';
import { startTlsGuard, type Recorder } from '../support/netGuards';

const PASSWORD = 'correct-horse-battery-staple';
const HUNT = [
  '``` process creation with hashes ```',
  'EventCode=1 Image="*\\\\powershell.exe"',
  '| head 7',
  '| table _time host Image CommandLine Hashes',
  '',
  '| makeresults count=3',
  '| eval n=1',
].join('\n');

const runAtLine = (line: number, text = HUNT): Promise<RunSnapshot> => runInEditor(line, text);

describe('Running SPL from the editor', function () {
  this.timeout(60_000);
  let dir: string;
  let dataFile: string;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'spl-run-'));
    dataFile = path.join(dir, 'sysmon.jsonl');
    await writeSampleData(dataFile, 3000, 11);
    await setting('local.dataFiles', [dataFile]);
    await setting('activeConnection', 'local');
    await vscode.commands.executeCommand('splWorkbench.chooseTimeRange', { earliest: '', latest: '' });
  });

  after(async () => {
    await setting('local.dataFiles', undefined);
    await setting('activeConnection', undefined);
    await closeAllEditors();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('on the built-in local engine', () => {
    it('runs the block under the cursor and splits Hashes into four columns after it', async () => {
      const run = await runAtLine(2);
      assert.equal(run.state, 'done', run.error?.message);
      assert.equal(run.rowCount, 7);
      assert.deepEqual(run.fields, ['_time', 'host', 'Image', 'CommandLine', 'Hashes', 'SHA1', 'MD5', 'SHA256', 'IMPHASH']);
      for (const row of run.rows(0, 7)) {
        assert.match(String(row[2]), /powershell\.exe$/i);
        const sha256 = row[7];
        if (sha256 !== null) assert.ok(String(row[4]).toUpperCase().includes(`SHA256=${String(sha256)}`), 'SHA256 column does not come from Hashes');
      }
      assert.ok(run.rows(0, 7).some((r) => r[7] !== null), 'no row had a SHA256');
    });

    it('open panels follow hashes.splitColumns and hashes.case as soon as the settings change', async () => {
      const run = await runAtLine(2);
      assert.equal(run.state, 'done', run.error?.message);
      const workbench = await api();
      const latest = (): RunSnapshot => workbench.latestRun()!;
      const sha256 = (): string | undefined => {
        const snap = latest();
        const col = snap.fields.indexOf('SHA256');
        return col < 0 ? undefined : snap.rows(0, snap.rowCount).map((r) => r[col]).find((v): v is string => typeof v === 'string');
      };
      try {
        await setting('hashes.case', 'lower');
        await waitFor('lower-case hashes in the open panel', () => { const h = sha256(); return h !== undefined && h === h.toLowerCase() && /[a-f]/.test(h); });
        await setting('hashes.splitColumns', false);
        await waitFor('the split columns to go', () => !latest().fields.includes('SHA256'));
        assert.deepEqual(latest().fields, ['_time', 'host', 'Image', 'CommandLine', 'Hashes']);
      } finally {
        await setting('hashes.case', undefined);
        await setting('hashes.splitColumns', undefined);
      }
      await waitFor('the split columns to come back in upper case', () => { const h = sha256(); return h !== undefined && h === h.toUpperCase(); });
    });

    it('runs only the second block when the cursor is in it', async () => {
      const run = await runAtLine(6);
      assert.equal(run.state, 'done', run.error?.message);
      assert.equal(run.rowCount, 3);
      assert.ok(run.fields.includes('n'));
    });

    it('says the engine\'s syntax error in plain words', async () => {
      const run = await runAtLine(0, 'EventCode=1 | frobnicate x');
      assert.equal(run.state, 'failed');
      assert.match(run.error!.message, /Unknown search command 'frobnicate'/);
    });

    it('exports the latest results from the palette command to CSV, neutralising formulas', async () => {
      const run = await runAtLine(0, 'EventCode=1 | head 25 | table host Image CommandLine Hashes');
      assert.equal(run.state, 'done', run.error?.message);
      const target = path.join(dir, 'export.csv');
      const written = await vscode.commands.executeCommand<string>('splWorkbench.exportResults', { scope: 'all', format: 'csv', columns: 'shown', target });
      assert.equal(written, target);
      const lines = readFileSync(target, 'utf8').split('\r\n').filter(Boolean);
      assert.equal(lines[0], 'host,Image,CommandLine,Hashes,SHA1,MD5,SHA256,IMPHASH');
      const parsed = Papa.parse<string[]>(readFileSync(target, 'utf8'), { skipEmptyLines: true }).data;
      assert.equal(parsed.length, 26);
      for (const [i, row] of parsed.slice(1).entries()) {
        const original = String(run.rows(i, 1)[0]![2] ?? '');
        assert.equal(row[2], /^[=+\-@\t\r\n]/.test(original) ? `'${original}` : original);
      }
    });

    it('a workspace cannot turn formula neutralisation off or change the multivalue separator', async () => {
      const folder = workspaceFile('.vscode');
      const workspaceValue = () => vscode.workspace.getConfiguration('splWorkbench').inspect('results.reusePanel')?.workspaceValue;
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'settings.json'), Buffer.from(JSON.stringify({
        'splWorkbench.export.neutraliseFormulas': false,
        'splWorkbench.export.multivalueSeparator': '|',
        // A window-scoped setting in the same file tells when VS Code has read it.
        'splWorkbench.results.reusePanel': 'perRun',
      })));
      try {
        await waitFor('VS Code to read the workspace settings', () => workspaceValue() === 'perRun');
        const run = await runAtLine(0, '| makeresults | eval cmd="=1+2" | eval mv=split("a;b", ";") | table cmd mv');
        assert.equal(run.state, 'done', run.error?.message);
        const target = path.join(dir, 'workspace-settings.csv');
        await vscode.commands.executeCommand('splWorkbench.exportResults', { scope: 'all', format: 'csv', columns: 'shown', target });
        const parsed = Papa.parse<string[]>(readFileSync(target, 'utf8'), { skipEmptyLines: true }).data;
        assert.deepEqual(parsed, [['cmd', 'mv'], ["'=1+2", 'a\nb']]);
      } finally {
        await vscode.workspace.fs.delete(folder, { recursive: true });
        await waitFor('VS Code to drop the workspace settings', () => workspaceValue() === undefined);
      }
    });

    it('stops at splWorkbench.maxResults and says the result set was truncated', async () => {
      await setting('maxResults', 25);
      try {
        const run = await runAtLine(0, 'EventCode=*');
        assert.equal(run.state, 'done', run.error?.message);
        assert.equal(run.rowCount, 25);
        assert.equal(run.truncated, true);
      } finally {
        await setting('maxResults', undefined);
      }
    });
  });

  // 127.0.0.2, not 127.0.0.1: VS Code's proxy patch leaves only localhost and 127.0.0.1 alone, and a
  // real Splunk server is never on either. A guard in front of the TLS port records cleartext.
  describe('on the project\'s Splunk-compatible server at https://127.0.0.2 over HTTPS, through splunk-sdk', () => {
    let server: RunningServer;
    let guard: Recorder;

    before(async () => {
      server = await startServer({ source: fileSource(dataFile), users: { admin: PASSWORD }, protocol: 'https', certificate: issueCertificate(['127.0.0.2']) });
      guard = await startTlsGuard('127.0.0.2', { host: '127.0.0.1', port: server.port });
    });
    afterEach(() => assert.deepEqual(guard.violations, [], 'something reached the TLS port in the clear'));
    after(async () => {
      await vscode.commands.executeCommand('splWorkbench.removeConnection', 'it-pinned');
      await vscode.commands.executeCommand('splWorkbench.removeConnection', 'it-system');
      await guard.close();
      await server.close();
    });

    async function connect(id: string, tls: Record<string, unknown>, secret = PASSWORD): Promise<void> {
      await vscode.commands.executeCommand('splWorkbench.addConnection', {
        profile: { id, label: id, url: `https://${guard.address}`, auth: 'password', username: 'admin', ...tls },
        secret,
      });
    }

    it('gets the same rows as the local engine, with the certificate pinned by fingerprint', async () => {
      const local = await runAtLine(2);
      await connect('it-pinned', { tls: 'fingerprint', fingerprint: server.fingerprint256 });
      const remote = await runAtLine(2);
      assert.equal(remote.state, 'done', remote.error?.message);
      assert.match(remote.sid ?? '', /\S/, 'no sid from the server');
      assert.equal(remote.target, 'it-pinned');
      assert.deepEqual(remote.fields, local.fields);
      assert.deepEqual(remote.rows(0, 7), local.rows(0, 7));
    });

    it('refuses the self-signed certificate in the default mode and shows its fingerprint', async () => {
      await connect('it-system', { tls: 'system' });
      const seen = server.requests.length;
      const run = await runAtLine(2);
      assert.equal(run.state, 'failed');
      const text = `${run.error!.message} ${run.error!.detail ?? ''} ${run.error!.fingerprint ?? ''}`;
      assert.ok(text.includes(server.fingerprint256!), `the error does not show the fingerprint: ${text}`);
      assert.equal(run.error!.kind, 'tls-untrusted');
      assert.deepEqual(server.requests.slice(seen), [], 'a request got through although the certificate is not trusted');
    });

    /** Starts `query` on the pinned connection while the server makes jobs take `slowJobMs`; `then` gets the run id. */
    async function whileJobsAreSlow(slowJobMs: number, query: string, then: (id: number) => Promise<void>): Promise<void> {
      await vscode.commands.executeCommand('splWorkbench.chooseConnection', 'it-pinned');
      server.faults.set({ slowJobMs });
      try {
        const doc = await vscode.workspace.openTextDocument({ language: 'spl', content: query });
        await vscode.window.showTextDocument(doc);
        await then(await vscode.commands.executeCommand<number>('splWorkbench.runQuery'));
      } finally {
        server.faults.set({ slowJobMs: 0 });
      }
    }

    it('cancelling leaves no running job on the server', async () => {
      await whileJobsAreSlow(20_000, 'EventCode=3 | stats count by host', async (id) => {
        await waitFor('the job to run on the server', () => server.jobs.runningSids().length > 0, 15_000);
        await vscode.commands.executeCommand('splWorkbench.cancelQuery', id);
        const run = await (await api()).waitForRun(id);
        assert.equal(run.state, 'cancelled');
        await waitFor('the server to have no running job', () => server.jobs.runningSids().length === 0, 10_000);
      });
    });

    it('shows the first results while the job runs (Splunk preview), then the final ones', async () => {
      await whileJobsAreSlow(5000, 'EventCode=1 | head 30 | table _time host Image', async (id) => {
        const a = await api();
        const preview = await waitFor('preview rows while the job runs', () => {
          const r = a.latestRun();
          return r && r.id === id && r.state === 'running' && r.rowCount > 0 ? r : undefined;
        }, 15_000);
        assert.deepEqual(preview.fields, ['_time', 'host', 'Image']);
        const run = await a.waitForRun(id);
        assert.equal(run.state, 'done', run.error?.message);
        assert.equal(run.rowCount, 30);
      });
    });

    it('a failed job\'s message reaches the error notification as text, never as a command link', async () => {
      const shown: string[] = [];
      const window = vscode.window as { showErrorMessage: (message: string, ...rest: unknown[]) => Thenable<unknown> };
      const real = window.showErrorMessage;
      // The real notification is still shown; the spy only records the message VS Code renders.
      window.showErrorMessage = (message, ...rest) => {
        shown.push(message);
        return real.call(vscode.window, message, ...rest);
      };
      await connect('it-pinned', { tls: 'fingerprint', fingerprint: server.fingerprint256 });
      server.faults.set({ failJobs: "Error in 'search' command: [x](command:workbench.action.terminal.new)" });
      try {
        const run = await runAtLine(2);
        assert.equal(run.state, 'failed');
        assert.equal(run.error!.kind, 'job-failed');
        const text = await waitFor('the error notification', () => shown.find((m) => m.includes('workbench.action.terminal.new')));
        // VS Code's notification link syntax (base/common/linkedText.ts).
        const link = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;
        assert.doesNotMatch(text, link);
        assert.ok(text.replaceAll('\u200b', '').includes('[x](command:workbench.action.terminal.new)'), `the server's text is not shown as it is: ${text}`);
      } finally {
        window.showErrorMessage = real;
        server.faults.set({ failJobs: null });
      }
    });

    it('a wrong password is a sign-in error that never shows the password', async () => {
      await connect('it-pinned', { tls: 'fingerprint', fingerprint: server.fingerprint256 }, 'not-the-password');
      const run = await runAtLine(2);
      assert.equal(run.state, 'failed');
      assert.equal(run.error!.kind, 'auth-failed');
      assert.ok(!JSON.stringify(run.error).includes('not-the-password'));
      await connect('it-pinned', { tls: 'fingerprint', fingerprint: server.fingerprint256 });
    });
  });
});
