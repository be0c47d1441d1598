/**
 * The whole hunt in a real VS Code: run an .spl query with the keybinding and the CodeLens, read the
 * grid's rows out of the webview, sort, filter, select and copy, fill the Hashes panel, copy the
 * unique SHA256 list, export, and show hostile values as text.
 */
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseHashList } from '../../src/results/hashes';
import { LocalBackend } from '../../src/search/local';
import type { BrowserGlobals, DomElement } from './lib/dom-types';
import { waitForGrid, type GridRead } from './lib/grid';
import { sampleDataFile, useHuntWorkbench } from './lib/hunt';
import type { Workbench } from './lib/workbench';

const HUNT = [
  '``` Process creation with hashes ```',
  'EventCode=1',
  '| head 40',
  '| table _time host Image CommandLine Hashes',
  '',
  '| makeresults count=3',
  '| eval n=1',
  '',
  'source="*hostile.jsonl"',
  '| table *',
].join('\n');

const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"><svg onload=alert(3)>', '</td></tr>', 'javascript:alert(4)'];

/** The unique SHA256 of the hunt's rows, computed independently of the grid and the panel. */
async function expectedSha256(files: string[]): Promise<string[]> {
  const values = new Set<string>();
  const backend = new LocalBackend(files);
  for await (const ev of backend.run('search EventCode=1 | head 40 | table Hashes', { maxResults: 1000 }, new AbortController().signal)) {
    if (ev.kind !== 'page') continue;
    for (const row of ev.rows) {
      const h = row[ev.fields.indexOf('Hashes')];
      for (const text of Array.isArray(h) ? h : h ? [h] : []) {
        for (const part of parseHashList(text).hashes) if (part.algorithm === 'SHA256' && part.valid) values.add(part.value.toUpperCase());
      }
    }
  }
  return [...values].sort();
}

async function waitForFile(file: string, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const text = readFileSync(file, 'utf8');
      if (text) return text;
    } catch {
      /* not written yet */
    }
    if (Date.now() > deadline) throw new Error(`${file} was not written`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('A hunt from the editor to the grid, the Hashes panel and an export', function () {
  this.timeout(300_000);
  let wb: Workbench;
  let dir: string;
  let dataFile: string;
  const dialogs: string[] = [];
  const hunt = useHuntWorkbench({
    name: 'results',
    open: 'hunt.spl',
    files: async (folder) => {
      dataFile = await sampleDataFile(folder);
      const hostile: Record<string, string> = { _time: '1714560000', host: 'ws-01' };
      XSS.forEach((p, i) => (hostile[`f${i}`] = p));
      hostile['<b onmouseover=alert(5)>field</b>'] = 'field name payload';
      hostile['bidi'] = 'evil\u202Eexe.txt';
      writeFileSync(path.join(folder, 'hostile.jsonl'), JSON.stringify(hostile) + '\n');
      writeFileSync(path.join(folder, 'hunt.spl'), HUNT);
      return { userSettings: { 'splWorkbench.local.dataFiles': [dataFile, path.join(folder, 'hostile.jsonl')] } };
    },
  });

  before(() => {
    wb = hunt.wb;
    dir = hunt.dir;
    wb.page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  });

  it('runs the block under the cursor with Ctrl+Enter and shows its rows with split hash columns', async () => {
    await wb.goToLine(3);
    await wb.pressInEditor('Control+Enter');
    const { grid } = await waitForGrid(wb, (g) => g.headers.includes('SHA256') && g.rows.length > 5, 'the Sysmon rows');
    await wb.screenshot('grid with hash columns');
    const at = grid.headers.indexOf('Hashes');
    assert.deepEqual(grid.headers.slice(at, at + 5), ['Hashes', 'SHA1', 'MD5', 'SHA256', 'IMPHASH']);
    assert.ok(grid.headers.includes('Image') && grid.headers.includes('_time'), grid.headers.join(','));
    assert.match(grid.facts, /40/);
  });

  it('sorts by a column when its header is clicked', async () => {
    const { frame, grid } = await waitForGrid(wb, (g) => g.headers.includes('Image'), 'the grid');
    const col = grid.headers.indexOf('Image');
    await frame.locator(`.hcell[data-col="${col}"]`).click();
    const sorted = await waitForGrid(wb, (g) => {
      const images = g.rows.map((r) => r[col] ?? "");
      return images.length > 5 && images.every((v, i) => i === 0 || images[i - 1]!.localeCompare(v, undefined, { sensitivity: 'base' }) <= 0);
    }, 'rows sorted by Image', 20_000);
    assert.equal(await sorted.frame.locator(`.hcell[data-col="${col}"]`).getAttribute('aria-sort'), 'ascending');
    await wb.screenshot('sorted by Image');
  });

  it('copies the selected row as TSV with headers (read back through VS Code\'s clipboard)', async () => {
    const { frame, grid } = await waitForGrid(wb, (g) => g.rows.length > 5, 'the grid');
    await frame.locator('.grid-rows .row[data-row="0"] .cell[data-col="0"]').click();
    await frame.locator('.grid-rows .row[data-row="0"] .cell[data-col="2"]').click({ modifiers: ['Shift'] });
    await frame.locator('.grid-viewport').press('Control+c');
    const text = await wb.readClipboard((t) => t.split(/\r?\n/).filter((l) => l !== '').length >= 2);
    const lines = text.split(/\r?\n/).filter((l) => l !== '');
    assert.equal(lines.length, 2, `clipboard: ${text}`);
    // The editor shows the tab as spaces.
    assert.deepEqual(lines[0]!.trim().split(/\s+/), grid.headers.slice(0, 3));
  });

  it('fills the Hashes panel for the selected row and copies every unique SHA256', async () => {
    const { frame } = await waitForGrid(wb, (g) => g.rows.length > 5, 'the grid');
    await wb.runCommand('SPL Workbench: Show Hashes Panel');
    await frame.locator('.grid-rows .row[data-row="0"] .cell[data-col="0"]').click();
    // Section titles are upper-cased by CSS, so wait for button text instead.
    const panel = await wb.webviewFrame('Copy all unique', 30_000);
    await wb.screenshot('hashes panel');
    const text = await panel.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body?.innerText ?? '');
    assert.match(text, /SHA256/);
    assert.match(text, /IMPHASH/);
    const expected = await expectedSha256([dataFile, path.join(dir, 'hostile.jsonl')]);
    await wb.runCommand('SPL Workbench: Copy All Unique SHA256');
    // readClipboard reads the editor's rendered lines: the list (about 20 lines) fits on screen.
    const copied = (await wb.readClipboard((t) => /^[0-9A-F]{64}$/m.test(t))).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).sort();
    assert.ok(expected.length > 3, 'the fixture has too few hashes to prove anything');
    const missing = expected.filter((h) => !copied.includes(h));
    const extra = copied.filter((h) => !expected.includes(h));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, `copied ${copied.length}, expected ${expected.length}`);
  });

  it('filters across all columns with the match count', async () => {
    const { frame } = await waitForGrid(wb, (g) => g.rows.length > 5, 'the grid');
    await frame.locator('vscode-text-field.filter-field').click();
    await wb.page.keyboard.type('powershell');
    const filtered = await waitForGrid(wb, (g) => g.rows.length > 0 && g.rows.every((r) => r.join(' ').toLowerCase().includes('powershell')), 'filtered rows', 20_000);
    const count = await filtered.frame.locator('.match-count').textContent();
    assert.match(count ?? '', new RegExp(`^${filtered.grid.rows.length} of 40`));
    await wb.screenshot('filtered');
  });

  it('exports the filtered view to CSV from the toolbar through the save dialog', async () => {
    const target = path.join(dir, 'export.csv');
    const { frame } = await waitForGrid(wb, (g) => g.rows.length > 0, 'the grid');
    await frame.locator('.toolbar >> text=Export…').first().click();
    await wb.pickQuickInputs([{ title: 'Export format', label: 'CSV' }, { title: 'Which columns?', label: 'Columns shown' }]);
    assert.ok(await saveAs(wb, target), `${target} was not written`);
    const csv = await waitForFile(target);
    const lines = csv.trim().split(/\r\n/);
    assert.match(lines[0]!, /^_time,host,Image,CommandLine,Hashes,SHA1,MD5,SHA256,IMPHASH$/);
    assert.ok(lines.length > 1, 'no rows exported');
    assert.ok(lines.slice(1).every((l) => /powershell/i.test(l)), 'the export is not the filtered view');
    await wb.screenshot('exported');
  });

  it('exports a selection to JSON Lines from the grid\'s context menu', async () => {
    const target = path.join(dir, 'selection.jsonl');
    const { frame, grid } = await waitForGrid(wb, (g) => g.rows.length >= 2, 'the grid');
    // The previous steps may have scrolled the grid sideways; start from its left edge.
    await frame.locator('.grid-viewport').evaluate((v) => { (v as unknown as { scrollLeft: number }).scrollLeft = 0; });
    await frame.waitForFunction(() => (globalThis as unknown as BrowserGlobals).document.querySelector('.grid-viewport')?.scrollLeft === 0);
    await frame.locator('.grid-rows .row[data-row="0"] .cell[data-col="1"]').click();
    await frame.locator('.grid-rows .row[data-row="1"] .cell[data-col="2"]').click({ modifiers: ['Shift'] });
    await frame.locator('.grid-rows .row[data-row="1"] .cell[data-col="2"]').click({ button: 'right' });
    await frame.locator('.context-menu').waitFor({ timeout: 10_000 });
    await frame.locator('.context-menu .menu-item', { hasText: 'Export selection…' }).click();
    await wb.pickQuickInputs([{ title: 'Export format', label: 'JSON Lines' }]);
    assert.ok(await saveAs(wb, target), `${target} was not written`);
    const lines = (await waitForFile(target)).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const names = grid.headers.slice(1, 3);
    assert.deepEqual(lines, grid.rows.slice(0, 2).map((r) => Object.fromEntries(names.map((n, i) => [n, r[i + 1]]))));
    await wb.screenshot('exported selection');
  });

  it('runs a block from its Run CodeLens', async () => {
    await wb.openFile('hunt.spl');
    // Lenses are drawn a while after the editor (again) shows the file, and redrawn as it settles:
    // take the second block's lens by its place on screen, not by DOM order.
    const lens = await wb.codeLens(1, 3);
    await lens.click();
    const n = (g: GridRead): number => g.headers.indexOf('n');
    await waitForGrid(wb, (g) => n(g) >= 0 && g.rows.length === 3 && g.rows.every((r) => r[n(g)] === '1'), 'the three makeresults rows with n=1');
    await wb.screenshot('run from codelens');
  });

  it('shows hostile values and field names as text: no script runs, no element is injected', async () => {
    await wb.openFile('hunt.spl');
    await wb.goToLine(10);
    await wb.pressInEditor('Control+Enter');
    // Wait for the row as the user sees it once drawn, every payload in it; the checks below then say
    // what, if anything, became markup.
    const { grid } = await waitForGrid(wb, (g) => g.headers.some((h) => h.includes('onmouseover')) && g.rows.length === 1
      && XSS.every((p) => g.rows[0]!.join('\n').includes(p)), 'the hostile row with every payload as text');
    await wb.screenshot('hostile values as text');
    const cells = grid.rows[0]!.join('\n');
    for (const p of XSS) assert.ok(cells.includes(p), `missing as text: ${p}`);
    assert.ok(grid.headers.includes('<b onmouseover=alert(5)>field</b>'));
    assert.ok(!cells.includes('evil\u202Eexe'), 'the bidi override is not made visible');
    assert.deepEqual(grid.elements, [], 'markup from the data became elements');
    assert.deepEqual(dialogs, []);
  });
});

/** Fills code-server's save dialog (a quick input holding a path) and confirms it. */
async function saveAs(wb: Workbench, target: string): Promise<boolean> {
  // The dialog opens holding the proposed file name (spl-<query>-<time>.<ext>).
  await wb.page.waitForFunction(
    () => /spl-.*\.(csv|tsv|json|jsonl)$/.test((globalThis as unknown as { document: { querySelector(s: string): { value?: string } | null } }).document.querySelector('.quick-input-widget .quick-input-box input')?.value ?? ''),
    undefined,
    { timeout: 30_000 },
  );
  const input = await wb.page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 15_000 });
  await input.fill(target);
  // The dialog checks the typed path asynchronously; an Enter that comes first is ignored, so press
  // it again while the dialog is still open.
  for (let attempt = 0; attempt < 12; attempt++) {
    await new Promise((r) => setTimeout(r, 500));
    if (await wb.page.$('.quick-input-widget .quick-input-box input:visible')) await wb.page.keyboard.press('Enter');
    if (await waitForFile(target, 5_000).then(() => true, () => false)) return true;
  }
  const ui = await wb.quickInputState();
  const value = await wb.page.$eval('.quick-input-widget .quick-input-box input', (e: DomElement) => e.value ?? '').catch(() => undefined);
  const state = { open: ui.open, title: ui.title, value };
  await wb.screenshot('save dialog did not save');
  console.log(`    ${target} was not written; dialog state: ${JSON.stringify(state)}`);
  return false;
}

