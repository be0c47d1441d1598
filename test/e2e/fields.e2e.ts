/**
 * The fields sidebar in a real VS Code: run a hunt, open Fields, Exclude a value, and the query in
 * its .spl editor gains `NOT field="value"` while the re-run shows fewer rows.
 */
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { waitForGrid } from './lib/grid';
import { sampleDataFile, useHuntWorkbench } from './lib/hunt';

const HUNT = 'EventCode=1\n| stats count by host\n';

describe('The fields sidebar writes the next query', function () {
  this.timeout(300_000);
  const hunt = useHuntWorkbench({
    name: 'fields',
    open: 'hunt.spl',
    files: async (dir) => {
      const dataFile = await sampleDataFile(dir);
      writeFileSync(path.join(dir, 'hunt.spl'), HUNT);
      return { userSettings: { 'splWorkbench.local.dataFiles': [dataFile] } };
    },
  });

  it('excludes a value from the sidebar: the editor gains NOT host="…" and the re-run has fewer rows', async () => {
    const wb = hunt.wb;
    await wb.goToLine(1);
    await wb.pressInEditor('Control+Enter');
    const first = await waitForGrid(wb, (g) => g.headers.includes('host') && g.rows.length > 1, 'the hosts');
    const hosts = first.grid.rows.length;
    const shows = (rows: string[][], v: string) => rows.some((r) => r.includes(v));
    const frame = first.frame;
    await frame.locator('vscode-button.fields-toggle').click();
    const hostField = frame.locator('.fields-sidebar .field', { has: frame.locator('.field-name', { hasText: /^host$/ }) });
    await hostField.locator('.field-toggle').click();
    const value = hostField.locator('.value-row').first();
    const excluded = (await value.locator('.value-text').textContent()) ?? '';
    assert.ok(shows(first.grid.rows, excluded), `${excluded} is not in the grid: ${JSON.stringify(first.grid.rows)}`);
    await wb.screenshot('fields sidebar open');
    await frame.locator('.fields-sidebar vscode-checkbox', { hasText: 'Re-run' }).click();
    await value.locator('.value-action.exclude').click();

    const deadline = Date.now() + 30_000;
    let text: string;
    // The results panel has the focus until the command shows the edited editor.
    while (!(text = await wb.editorText().catch(() => '')).includes(`NOT host="${excluded}"`)) {
      if (Date.now() > deadline) throw new Error(`the query did not gain the exclusion: ${text}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    // `stats` makes the fields after it, so the exclusion goes into a `| search` after it.
    assert.equal(text.trim(), `EventCode=1\n| stats count by host | search NOT host="${excluded}"`);
    const rerun = await waitForGrid(wb, (g) => g.headers.includes('host') && g.rows.length === hosts - 1, 'the re-run without the host');
    assert.ok(!shows(rerun.grid.rows, excluded), 'the excluded host is still shown');
    assert.deepEqual(rerun.grid.elements, []);
    await wb.screenshot('re-run without the host');
  });
});
