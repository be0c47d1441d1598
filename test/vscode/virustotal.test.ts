/**
 * Look Up Unique Hashes in VirusTotal inside a real VS Code: a hunt on the local engine, the key set
 * through the set-key command, `virusTotal.apiUrl` pointing at the v3-shaped test server over HTTPS
 * (its certificate from a CA the runner makes the extension host trust, because the client only
 * ever verifies against the system trust store). A second lookup is answered from the cache.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { issueCertificate, type CertificateBundle } from '../../src/server/certificate';
import type { LookupReport } from '../../src/vscode/virustotal/virusTotalService';
import { startVirusTotalTestServer, type VirusTotalTestServer } from '../../src/virustotal/testServer';
import { api, closeAllEditors, runAtLine, setting, waitFor } from './support';

const KEY = 'extension-host-vt-key-4f1c2e';
const h = (c: string, n: number) => c.repeat(n);
const EVIL = { sha256: h('a', 64), sha1: h('b', 40), md5: h('c', 32) };
const CLEAN = { sha256: h('d', 64), sha1: h('e', 40), md5: h('f', 32) };
const UNKNOWN = { sha256: h('9', 64), sha1: h('8', 40), md5: h('7', 32) };
const IMP = h('1', 32);
const list = (f: { sha256: string; sha1: string; md5: string }) => `SHA1=${f.sha1.toUpperCase()},MD5=${f.md5.toUpperCase()},SHA256=${f.sha256.toUpperCase()},IMPHASH=${IMP.toUpperCase()}`;

function maxInWindow(times: number[]): number {
  return Math.max(0, ...times.map((t) => times.filter((u) => u >= t && u < t + 60_000).length));
}

describe('VirusTotal lookups in VS Code', function () {
  this.timeout(60_000);
  let server: VirusTotalTestServer;
  let dir: string;

  before(async function () {
    const caFile = process.env['SPL_TEST_CA_FILE'];
    if (!caFile) throw new Error('SPL_TEST_CA_FILE is not set: run this suite through npm run test:vscode, which makes the test CA the extension host trusts.');
    const ca = JSON.parse(readFileSync(caFile!, 'utf8')) as CertificateBundle;
    server = await startVirusTotalTestServer({
      apiKey: KEY,
      certificate: issueCertificate(['127.0.0.1'], ca),
      files: [
        { ...EVIL, stats: { malicious: 61, suspicious: 1, undetected: 8, 'type-unsupported': 4 }, label: 'trojan.emotet/generic', meaningfulName: 'invoice.exe', lastAnalysisDate: 1717243200 },
        { ...CLEAN, stats: { undetected: 60, harmless: 12 }, meaningfulName: 'notepad.exe', lastAnalysisDate: 1717000000 },
      ],
    });
    dir = mkdtempSync(path.join(tmpdir(), 'spl-vt-'));
    const rows = [
      { Image: 'C:\\Users\\x\\invoice.exe', Hashes: list(EVIL) },
      { Image: 'C:\\Windows\\notepad.exe', Hashes: list(CLEAN) },
      { Image: 'C:\\Users\\x\\invoice.exe', Hashes: list(EVIL) },
      { Image: 'C:\\tmp\\new.exe', Hashes: list(UNKNOWN) },
      { Image: 'C:\\tmp\\imp-only.dll', Hashes: `IMPHASH=${IMP}` },
    ].map((r, i) => JSON.stringify({ _time: `2024-06-01T12:00:0${i}Z`, EventCode: '1', ...r }));
    writeFileSync(path.join(dir, 'vt.jsonl'), rows.join('\n') + '\n');
    await setting('local.dataFiles', [path.join(dir, 'vt.jsonl')]);
    await setting('activeConnection', 'local');
    await vscode.commands.executeCommand('splWorkbench.chooseTimeRange', { earliest: '', latest: '' });
    await setting('virusTotal.apiUrl', server.url);
    assert.equal(await vscode.commands.executeCommand('splWorkbench.setVirusTotalKey', { key: KEY }), true);
  });

  after(async () => {
    if (!server) return;
    await vscode.commands.executeCommand('splWorkbench.clearVirusTotalKey', { quiet: true });
    await setting('virusTotal.apiUrl', undefined);
    await setting('virusTotal.requestsPerMinute', undefined);
    await setting('local.dataFiles', undefined);
    await setting('activeConnection', undefined);
    await closeAllEditors();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('looks up each unique SHA256 within the rate; the VT column shows malicious/total as the server reports it', async () => {
    const run = await runAtLine(0, 'EventCode=1 | table Image Hashes');
    assert.equal(run.state, 'done', run.error?.message);
    assert.equal(run.rowCount, 5);
    const report = await vscode.commands.executeCommand<LookupReport>('splWorkbench.lookUpHashesInVirusTotal');
    assert.deepEqual(report, { total: 3, found: 2, notFound: 1, failed: 0, fromCache: 0, requests: 3 });
    assert.deepEqual(server.requests.map((r) => [r.path, r.keyMatched, r.status]), [
      [`/api/v3/files/${EVIL.sha256}`, true, 200], [`/api/v3/files/${CLEAN.sha256}`, true, 200], [`/api/v3/files/${UNKNOWN.sha256}`, true, 404],
    ]);
    assert.ok(maxInWindow(server.requests.map((r) => r.at)) <= 4);

    // The grid's VT column is recomputed shortly after the last answer (changes are batched).
    const byImage = await waitFor('the VT column to show every answer', async () => {
      const snap = (await api()).latestRun()!;
      const vt = snap.fields.indexOf('VT');
      if (vt < 0) return undefined;
      assert.ok(vt > snap.fields.indexOf('IMPHASH'), `the VT column is not after the hash columns: ${snap.fields.join(',')}`);
      const image = snap.fields.indexOf('Image');
      const map = Object.fromEntries(snap.rows(0, 5).map((r) => [String(r[image]).split('\\').pop(), r[vt]]));
      return map['notepad.exe'] && map['new.exe'] ? map : undefined;
    });
    assert.deepEqual(byImage, { 'invoice.exe': '61/70 trojan.emotet/generic', 'notepad.exe': '0/72', 'new.exe': 'not in VirusTotal', 'imp-only.dll': null });
  });

  it('a second lookup comes from the cache, with no request', async () => {
    const before = server.requests.length;
    const report = await vscode.commands.executeCommand<LookupReport>('splWorkbench.lookUpHashesInVirusTotal');
    assert.deepEqual(report, { total: 3, found: 2, notFound: 1, failed: 0, fromCache: 3, requests: 0 });
    assert.equal(server.requests.length, before);
  });

  it('refresh asks again', async () => {
    // Three more within the minute would wait for the 4-a-minute window; the rate is the user's to raise.
    await setting('virusTotal.requestsPerMinute', 10);
    const before = server.requests.length;
    const report = await vscode.commands.executeCommand<LookupReport>('splWorkbench.refreshVirusTotalVerdicts');
    assert.equal(report.requests, 3);
    assert.equal(server.requests.length, before + 3);
  });
});
