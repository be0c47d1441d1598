/**
 * VirusTotal from the grid, in a real VS Code: a hunt on the local engine, right-click → "Look up these
 * rows' hashes in VirusTotal", the key typed into VS Code's password box, and the Hashes panel shows
 * each SHA256's malicious/total exactly as the v3-shaped test server reports it, "not in VirusTotal" for
 * an unknown one. `virusTotal.apiUrl` points at that server over HTTPS, its certificate from a throw-away
 * CA that the extension host trusts (NODE_EXTRA_CA_CERTS): the client verifies against the system store.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createCertificateAuthority, issueCertificate } from '../../src/server/certificate';
import { startVirusTotalTestServer, type VirusTotalTestServer } from '../../src/virustotal/testServer';
import type { BrowserGlobals } from './lib/dom-types';
import { waitForGrid } from './lib/grid';
import { useHuntWorkbench } from './lib/hunt';

const KEY = 'e2e-vt-key-8d31c0';
const h = (c: string, n: number) => c.repeat(n);
const EVIL = { sha256: h('a', 64), sha1: h('b', 40), md5: h('c', 32) };
const CLEAN = { sha256: h('d', 64), sha1: h('e', 40), md5: h('f', 32) };
const UNKNOWN = { sha256: h('9', 64), sha1: h('8', 40), md5: h('7', 32) };
const list = (f: typeof EVIL) => `SHA1=${f.sha1.toUpperCase()},MD5=${f.md5.toUpperCase()},SHA256=${f.sha256.toUpperCase()},IMPHASH=${h('1', 32)}`;

describe('VirusTotal verdicts from the grid\'s context menu', function () {
  this.timeout(300_000);
  let server: VirusTotalTestServer | undefined;
  const hunt = useHuntWorkbench({
    name: 'virustotal',
    open: 'vt.spl',
    files: async (dir) => {
      const ca = createCertificateAuthority('SPL Workbench e2e test CA', 1);
      writeFileSync(path.join(dir, 'ca.pem'), ca.certPem);
      server = await startVirusTotalTestServer({
        apiKey: KEY,
        certificate: issueCertificate(['127.0.0.1'], ca),
        files: [
          { ...EVIL, stats: { malicious: 61, suspicious: 1, undetected: 8 }, label: 'trojan.emotet/generic', meaningfulName: 'invoice.exe', lastAnalysisDate: 1717243200 },
          { ...CLEAN, stats: { undetected: 60, harmless: 12 }, meaningfulName: 'notepad.exe', lastAnalysisDate: 1717000000 },
        ],
      });
      const rows = [
        { Image: 'C:\\Users\\x\\invoice.exe', Hashes: list(EVIL) },
        { Image: 'C:\\Windows\\notepad.exe', Hashes: list(CLEAN) },
        { Image: 'C:\\tmp\\new.exe', Hashes: list(UNKNOWN) },
      ].map((r, i) => JSON.stringify({ _time: `2024-06-01T12:00:0${i}Z`, EventCode: '1', ...r }));
      writeFileSync(path.join(dir, 'vt.jsonl'), rows.join('\n') + '\n');
      writeFileSync(path.join(dir, 'vt.spl'), 'EventCode=1\n| table Image Hashes\n');
      return {
        env: { NODE_EXTRA_CA_CERTS: path.join(dir, 'ca.pem') },
        userSettings: {
          'splWorkbench.local.dataFiles': [path.join(dir, 'vt.jsonl')],
          'splWorkbench.virusTotal.apiUrl': server.url,
          'splWorkbench.defaultTimeRange': '',
        },
      };
    },
  });

  after(async () => {
    await server?.close();
  });

  it('looks up the selected rows after the key prompt and shows each verdict in the Hashes panel', async () => {
    const wb = hunt.wb;
    await wb.goToLine(1);
    await wb.pressInEditor('Control+Enter');
    const { frame } = await waitForGrid(wb, (g) => g.headers.includes('SHA256') && g.rows.length === 3, 'the three rows');
    await wb.runCommand('SPL Workbench: Show Hashes Panel');
    await frame.locator('.grid-rows .row[data-row="0"] .cell[data-col="0"]').click();
    await frame.locator('.grid-rows .row[data-row="2"] .cell[data-col="0"]').click({ modifiers: ['Shift'] });
    await frame.locator('.grid-rows .row[data-row="2"] .cell[data-col="0"]').click({ button: 'right' });
    await frame.locator('.context-menu').waitFor({ timeout: 10_000 });
    await frame.locator('.context-menu .menu-item', { hasText: 'in VirusTotal' }).click();
    await wb.answerInput('VirusTotal API key', 'Enter your VirusTotal API key', KEY);

    const panel = await wb.webviewFrame('not in VirusTotal', 120_000);
    await wb.screenshot('verdicts in the Hashes panel');
    const text = await panel.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body?.innerText ?? '');
    assert.match(text, /61\/70/, text);
    assert.match(text, /0\/72/, text);
    assert.match(text, /trojan\.emotet\/generic/, text);
    assert.deepEqual(server!.requests.map((r) => [r.path, r.keyMatched, r.status]).sort(), [
      [`/api/v3/files/${EVIL.sha256}`, true, 200], [`/api/v3/files/${CLEAN.sha256}`, true, 200], [`/api/v3/files/${UNKNOWN.sha256}`, true, 404],
    ].sort());
  });

  it('a second lookup from the palette is answered from the cache, with no request', async () => {
    const wb = hunt.wb;
    const before = server!.requests.length;
    await wb.runCommand('SPL Workbench: Look Up Unique Hashes in VirusTotal');
    // The status bar says how the lookup ended, as the user sees it.
    await wb.page.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.body?.innerText.includes('3 from cache, 0 requests') ?? false, undefined, { timeout: 60_000, polling: 100 });
    assert.equal(server!.requests.length, before);
  });
});
