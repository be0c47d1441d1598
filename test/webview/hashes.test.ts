/**
 * The REAL hash panel bundle (dist/webview/hashes.js, built by scripts/build.mjs) in headless Chromium, under the
 * production CSP, with a stub `acquireVsCodeApi` (the neighbour) that records what the panel posts. The data comes
 * from the real host-side model over real Sysmon values.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { HashPanelModel, selectedRowHashes, summariseHashes } from '../../src/results/hashSummary';
import { isHashPanelToHost, type HostToHashPanel, type HashPanelToHost } from '../../src/shared/hashProtocol';
import { SYSMON_COLUMNS, SYSMON_ROWS, tableOf, NETSH } from '../unit/results/hashes.fixtures';
import { hashFieldsOf } from '../support/hashFieldsOf';

const ROOT = resolve(__dirname, '../..');
const NONCE = 'dGVzdC1ub25jZS0xMjM0NTY3OA==';

const HOSTILE_IMAGES = [
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(2)>',
  '<script>alert(3)</script>',
  '</li></ul><iframe src=javascript:alert(4)>',
  'C:\\Users\\evil\\\u202Egpj.exe',
  'javascript:alert(5)',
  'nul\u0000and\u001b[31mescape',
  'x'.repeat(100_000),
  // C1 controls: U+009B is a one-character CSI, U+0085 a line break some renderers honour.
  'csi\u009b31mred\u0085next',
];

declare global {
  interface Window { __posted: unknown[]; __csp: string[] }
}

function page(origin: string): string {
  const csp = `default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${origin}; font-src ${origin}; img-src ${origin}; base-uri 'none'; form-action 'none'`;
  return `<!DOCTYPE html>
<html lang="en"><head>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta charset="utf-8">
<link rel="stylesheet" href="${origin}/hashes.css">
<script nonce="${NONCE}">
  window.__posted = []; window.__csp = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return { postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))), getState: () => undefined, setState: () => {} };
  };
</script>
</head><body><div id="app"></div>
<script nonce="${NONCE}" src="${origin}/hashes.js"></script>
</body></html>`;
}

describe('hash panel webview (real bundle, headless Chromium, strict CSP)', function () {
  this.timeout(120_000);
  let server: Server;
  let origin = '';
  let context: BrowserContext;
  let userDir: string;
  let p: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const consoleErrors: string[] = [];

  before(async () => {
    execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });
    const bundle = readFileSync(join(ROOT, 'dist/webview/hashes.js'));
    const css = readFileSync(join(ROOT, 'media/hashes.css'));
    server = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url === '/') { res.writeHead(200, { 'content-type': 'text/html' }); res.end(page(origin)); return; }
      if (url === '/hashes.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(bundle); return; }
      if (url === '/hashes.css') { res.writeHead(200, { 'content-type': 'text/css' }); res.end(css); return; }
      if (url === '/favicon.ico') { res.writeHead(204); res.end(); return; } // the browser asks; not part of the panel
      res.writeHead(404); res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    userDir = mkdtempSync(join(tmpdir(), 'splwb-hashes-chromium-'));
    context = await chromium.launchPersistentContext(userDir, {
      executablePath: '/usr/bin/chromium', headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  after(async () => {
    await context?.close();
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
    if (userDir) rmSync(userDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    dialogs.length = 0; pageErrors.length = 0; consoleErrors.length = 0;
    p = await context.newPage();
    p.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    await p.goto(`${origin}/`);
    await p.waitForFunction(() => window.__posted.length > 0);
  });

  afterEach(async () => {
    const csp = await p.evaluate(() => window.__csp);
    await p.close();
    assert.deepEqual(csp, [], 'no CSP violation');
    assert.deepEqual(pageErrors, [], 'no page error');
    assert.deepEqual(consoleErrors, [], 'no console error');
    assert.deepEqual(dialogs, [], 'no dialog');
  });

  const send = (m: HostToHashPanel | unknown) => p.evaluate((msg) => window.postMessage(msg, '*'), m as object);
  const posted = async () => {
    const all = (await p.evaluate(() => window.__posted)) as HashPanelToHost[];
    for (const m of all) assert.ok(isHashPanelToHost(m), `panel sent a message the host guard rejects: ${JSON.stringify(m)}`);
    return all;
  };
  const lastPosted = async () => (await posted()).at(-1);

  function model(rows: number[]) {
    const view = tableOf(SYSMON_COLUMNS, SYSMON_ROWS);
    const m = new HashPanelModel();
    return { selection: m.setSelection(selectedRowHashes(view, rows, { hashFields: hashFieldsOf(view) }), rows.length), summary: m.setSummary(summariseHashes(view, { hashFields: hashFieldsOf(view) }), 'all') };
  }

  it('says ready once, shows empty states, keeps the VS Code API off window', async () => {
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
    assert.match(await p.textContent('#selection') ?? '', /Select rows/);
    assert.equal(await p.evaluate(() => 'vscode' in window), false);
  });

  it('renders the selection and the summary, copy and VirusTotal buttons send the right messages', async () => {
    const { selection, summary } = model([0, 9]);
    await send(selection);
    await send(summary);
    assert.equal(await p.locator('.hash-item').count(), selection.hashes.length);
    assert.equal(await p.locator('.hash-item[data-id="2"] .value').textContent(), NETSH.SHA256);
    assert.equal(await p.locator('.hash-item[data-id="2"] .image').textContent(), 'C:\\Windows\\System32\\netsh.exe');
    // an invalid hash: shown, flagged, no button to copy or look it up
    const invalid = p.locator('.hash-item.invalid[data-id="4"]');
    assert.equal(await invalid.locator('.value').textContent(), 'XYZ');
    assert.equal(await invalid.locator('button').count(), 0);
    assert.match(await invalid.textContent() ?? '', /not a valid SHA1/);

    await p.click('.hash-item[data-id="2"] button.copy');
    assert.deepEqual(await lastPosted(), { type: 'copy', target: { kind: 'selectedHash', id: 2 } });
    await p.click('.hash-item[data-id="2"] button.vt');
    assert.deepEqual(await lastPosted(), { type: 'openVirusTotal', source: 'selection', algorithm: 'SHA256', id: 2 });
    await p.click('#selection button.copy-all');
    assert.deepEqual(await lastPosted(), { type: 'copy', target: { kind: 'allSelected' } });

    const sha = p.locator('details.algo-block[data-algorithm="SHA256"]');
    assert.match(await sha.locator('.algo-summary').textContent() ?? '', /6 unique/);
    await sha.locator('button.copy-all-unique').click();
    assert.deepEqual(await lastPosted(), { type: 'copy', target: { kind: 'allUnique', algorithm: 'SHA256' } });
    await sha.locator('button.export').click();
    assert.deepEqual(await lastPosted(), { type: 'exportUnique', algorithm: 'SHA256' });
    await sha.locator('tr.unique-row[data-id="1"] button.vt').click();
    assert.deepEqual(await lastPosted(), { type: 'openVirusTotal', source: 'summary', algorithm: 'SHA256', id: 1 });
    await sha.locator('tr.unique-row[data-id="0"] button.copy').click();
    assert.deepEqual(await lastPosted(), { type: 'copy', target: { kind: 'uniqueHash', algorithm: 'SHA256', id: 0 } });
    await p.selectOption('#summary select.sort-select', 'value:asc');
    assert.deepEqual(await lastPosted(), { type: 'sortBy', key: 'value', direction: 'asc' });

    // the zero IMPHASH row of the summary has no VirusTotal button; the pivot lists the shared import table
    await p.click('details.algo-block[data-algorithm="IMPHASH"] > summary');
    assert.equal(await p.locator('details.algo-block[data-algorithm="IMPHASH"] tr.unique-row.zero button.vt').count(), 0);
    assert.match(await p.textContent('details.pivot') ?? '', /F0EA749F47650B36D9712C2C487F984B.*2 binaries/);
  });

  it('applies the case setting to the hashes it shows', async () => {
    await send(model([0]).selection);
    await send({ type: 'settings', hashCase: 'lower' });
    assert.equal(await p.locator('.hash-item[data-id="2"] .value').textContent(), NETSH.SHA256.toLowerCase());
    await send({ type: 'clear' });
    assert.equal(await p.locator('.hash-item').count(), 0);
  });

  it('renders hostile image names as text: no element, no script, no dialog, bidi and controls visible', async () => {
    const rows = HOSTILE_IMAGES.map((image) => ['1', image, null, null, NETSH.Hashes]);
    const view = tableOf(SYSMON_COLUMNS, rows);
    const m = new HashPanelModel();
    await send(m.setSelection(selectedRowHashes(view, rows.map((_, i) => i), { hashFields: hashFieldsOf(view) }), rows.length));
    await send(m.setSummary(summariseHashes(view, { hashFields: hashFieldsOf(view) }), 'filtered'));
    await p.click('details.algo-block[data-algorithm="SHA1"] > summary');
    const images = await p.locator('.hash-item[data-algorithm="SHA256"] .image').allTextContents();
    assert.equal(images.length, HOSTILE_IMAGES.length);
    for (const payload of HOSTILE_IMAGES.slice(0, 4)) assert.ok(images.includes(payload), `shown literally: ${payload}`);
    assert.ok(images.includes('C:\\Users\\evil\\⟨U+202E⟩gpj.exe'));
    assert.ok(images.includes('nul\u2400and\u241b[31mescape'));
    assert.ok(images.includes('csi⟨U+009B⟩31mred⟨U+0085⟩next'), 'C1 controls shown as the grid shows them');
    assert.ok(images.some((t) => t.startsWith('xxx') && t.length < 400 && t.includes('100,000 characters')));
    const injected = await p.evaluate(() => document.querySelectorAll('img, svg, iframe, object, embed').length + document.scripts.length);
    assert.equal(injected, 2, 'only the two page scripts');
    await new Promise((r) => setTimeout(r, 200));
  });

  it('the CSP is enforced and the probe sees violations (so "no violation" above means something)', async () => {
    await p.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
      const i = document.createElement('img');
      i.src = 'https://example.invalid/beacon.png';
      document.body.append(i);
    });
    await p.waitForFunction(() => window.__csp.length >= 2);
    assert.equal(await p.evaluate(() => (window as unknown as { __ran?: boolean }).__ran), undefined);
    const seen = await p.evaluate(() => window.__csp.splice(0));
    assert.ok(seen.some((v) => v.startsWith('script-src')) && seen.some((v) => v.startsWith('img-src')), seen.join());
    consoleErrors.length = 0; // Chromium logs the refusals it just reported
  });

  it('ignores malformed host messages', async () => {
    await send(model([0]).selection);
    for (const bad of [null, 'selection', { type: 'selection', hashes: 'x' }, { type: 'summary' }, { type: 'eval', code: 'alert(1)' },
      { type: 'selection', selectedRows: 1, truncated: false, hashes: [{ id: -1 }] }]) await send(bad);
    assert.equal(await p.locator('.hash-item').count(), 4);
  });
});
