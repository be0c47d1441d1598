/**
 * The hunting loop's panels in a real VS Code: a pinned results panel keeps its rows when the file
 * runs again (the run opens a second panel), and a span dragged on the timeline becomes the time
 * range of the next run: the status bar shows it and every row of the re-run falls inside it.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseEventTime, timeRangeOfSpan } from '../../src/results/timeline';
import { waitForGrid, type GridRead } from './lib/grid';
import { sampleDataFile, useHuntWorkbench } from './lib/hunt';

const HUNT = [
  '| makeresults count=2 | eval run="first"',
  '',
  '| makeresults count=3 | eval run="second"',
  '',
  'EventCode=1 | table _time host Image',
  '',
].join('\n');

const fmt = new Intl.NumberFormat('en-US');

describe('Hunting panels: a pinned panel and the timeline', function () {
  this.timeout(300_000);
  const hunt = useHuntWorkbench({
    name: 'hunting',
    open: 'hunt.spl',
    files: async (dir) => {
      const dataFile = await sampleDataFile(dir);
      writeFileSync(path.join(dir, 'hunt.spl'), HUNT);
      return { userSettings: { 'splWorkbench.local.dataFiles': [dataFile], 'splWorkbench.defaultTimeRange': '' } };
    },
  });

  /** Back to the .spl editor (a click in a results panel moves the active group there). */
  async function toEditor(): Promise<void> {
    await hunt.wb.page.locator('.tabs-container .tab[aria-label^="hunt.spl"]').first().click();
  }

  const runs = (g: GridRead, run: string) => g.rows.filter((r) => r.includes(run)).length;

  it('Pin Results Panel: the next run opens a second panel, and the pinned one keeps its rows', async () => {
    const wb = hunt.wb;
    await wb.goToLine(1);
    await wb.pressInEditor('Control+Enter');
    await waitForGrid(wb, (g) => g.headers.includes('run') && runs(g, 'first') === 2, 'the first run');
    await wb.runCommand('SPL Workbench: Pin Results Panel (Next Run Opens a New One)');
    const pinnedTab = wb.page.locator('.tabs-container .tab', { hasText: '📌' });
    await pinnedTab.waitFor({ timeout: 20_000 });

    await toEditor();
    await wb.goToLine(3);
    await wb.pressInEditor('Control+Enter');
    await waitForGrid(wb, (g) => runs(g, 'second') === 3, 'the second run');
    const resultTabs = wb.page.locator('.tabs-container .tab', { hasText: 'SPL: ' });
    assert.equal(await resultTabs.count(), 2, 'a second results panel opened beside the pinned one');
    await wb.screenshot('second panel beside the pinned one');

    await pinnedTab.click();
    const pinned = await waitForGrid(wb, (g) => runs(g, 'first') === 2, 'the pinned panel\'s rows');
    assert.equal(runs(pinned.grid, 'second'), 0);
    await wb.screenshot('pinned panel keeps its rows');
  });

  it('the timeline: drag a span, "Use as time range for next run", and the re-run stays inside it', async () => {
    const wb = hunt.wb;
    await toEditor();
    await wb.goToLine(5);
    await wb.pressInEditor('Control+Enter');
    const first = await waitForGrid(wb, (g) => g.headers.includes('_time') && g.rows.length > 5 && !g.facts.includes('RUNNING'), 'the hunt with _time');
    const frame = first.frame;
    const plot = frame.locator('.timeline-plot');
    await frame.locator('.timeline-bar').nth(5).waitFor();
    const bars = await frame.locator('.timeline-bar').count();
    assert.ok(bars >= 10 && bars <= 100, `${bars} bars`);
    const box = await plot.boundingBox();
    assert.ok(box, 'the timeline is not drawn');

    // Hovering names the bucket under the pointer.
    await wb.page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
    await frame.locator('.timeline-hover', { hasText: /event/ }).waitFor();

    await wb.page.mouse.down();
    await wb.page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 4 });
    await wb.page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 4 });
    await wb.page.mouse.up();
    const picked = frame.locator('.timeline-picked');
    await picked.waitFor();
    const text = (await picked.textContent()) ?? '';
    const m = /^(\S+ \S+) to (\S+ \S+) UTC \(([\d,]+) events\)$/.exec(text);
    assert.ok(m, `selection text: ${text}`);
    const earliestMs = parseEventTime(m[1]!)!;
    const latestMs = parseEventTime(m[2]!)!;
    const events = Number(m[3]!.replace(/,/g, ''));
    assert.ok(events > 0 && earliestMs < latestMs, text);
    await wb.screenshot('timeline with a selection');

    await frame.locator('vscode-button', { hasText: 'Use as time range for next run' }).click();
    const inRange = (g: GridRead) => {
      const col = g.headers.indexOf('_time');
      return col >= 0 && g.rows.length > 0 && g.rows.every((r) => {
        const t = parseEventTime(r[col] ?? '');
        return t !== undefined && t >= earliestMs && t < latestMs;
      });
    };
    const rerun = await waitForGrid(wb, (g) => g.facts.startsWith(`${fmt.format(events)} result`) && g.facts.includes('DONE') && inRange(g), 'the re-run inside the span');
    assert.ok(inRange(rerun.grid));

    await toEditor();
    const label = timeRangeOfSpan(earliestMs, latestMs).label;
    await wb.page.locator('.statusbar-item', { hasText: label }).first().waitFor({ timeout: 20_000 });
    await wb.screenshot('status bar shows the new time range');
  });
});
