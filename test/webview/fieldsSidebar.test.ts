import assert from 'node:assert/strict';
import { FieldSummary } from '../../src/results/fieldSummary';
import { SidebarFields } from '../../src/results/sidebarFields';
import { closeBrowser, openGrid, pageOf, type GridPage } from './harness';

type Msg = { type: string; [k: string]: unknown };
const isType = (t: string) => (m: unknown) => (m as Msg).type === t;

const XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>', '"><svg onload=alert(3)>'];
const FIELDS = ['host', 'Image', 'n'];
const ROWS: (string | null)[][] = [
  ['ws-01', XSS[0]!, '1'], ['ws-01', XSS[1]!, '2'], ['ws-02', XSS[1]!, '3'], ['ws-02', XSS[2]!, '10'], ['ws-02', 'cmd.exe', null],
];

/** Answers the grid's requestFields the way the panel does: the real summary, the real bounded message. */
async function openWithFields(): Promise<{ g: GridPage; sidebar: SidebarFields }> {
  const g = await openGrid([pageOf(FIELDS, ROWS)]);
  const sidebar = new SidebarFields();
  await g.page.locator('vscode-button.fields-toggle').click();
  await g.waitForMessage(isType('requestFields'));
  const summary = new FieldSummary();
  summary.add(FIELDS, ROWS);
  g.post({ type: 'fields', summary: sidebar.summarize(summary.all(), summary.rowCount) });
  await g.page.locator('.fields-sidebar .field').first().waitFor();
  return { g, sidebar };
}

describe('fields sidebar of the results grid (real bundle, strict CSP, headless Chromium)', function () {
  this.timeout(60_000);
  let g: GridPage | undefined;
  afterEach(async () => { await g?.close(); g = undefined; });
  after(closeBrowser);

  it('opens from the toolbar, lists every field with share and distinct count, and shows hostile values as text', async () => {
    ({ g } = await openWithFields());
    assert.equal(await g.page.locator('.fields-sidebar').isVisible(), true);
    assert.deepEqual(await g.page.locator('.fields-sidebar .field-name').allTextContents(), ['Image', 'host', 'n']);
    assert.deepEqual(await g.page.locator('.fields-sidebar .field-meta').allTextContents(), ['100% · 4 values', '100% · 2 values', '80% · 4 values']);
    await g.page.locator('.fields-sidebar .field[data-field="0"] .field-toggle').click();
    const values = await g.page.locator('.fields-sidebar .field[data-field="0"] .value-text').allTextContents();
    assert.deepEqual(values, [XSS[1], XSS[2], XSS[0], 'cmd.exe']);
    assert.deepEqual(await g.page.locator('.field[data-field="0"] .value-count').allTextContents(), ['2 · 40%', '1 · 20%', '1 · 20%', '1 · 20%']);
    await g.page.locator('.fields-sidebar .field[data-field="2"] .field-toggle').click();
    assert.equal(await g.page.locator('.field[data-field="2"] .field-numeric').textContent(), 'min 1 · max 10 · avg 4');
    const bad = await g.page.evaluate(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } })
      .document.querySelectorAll('.fields-sidebar script, .fields-sidebar img, .fields-sidebar svg').length);
    assert.equal(bad, 0);
    assert.deepEqual(g.dialogs, []);
    assert.deepEqual(g.pageErrors, []);
  });

  it('tells the host when it closes, so figures stop coming, and asks again when it reopens', async () => {
    ({ g } = await openWithFields());
    const toggle = g.page.locator('vscode-button.fields-toggle');
    await toggle.click();
    await g.waitForMessage(isType('fieldsClosed'));
    assert.equal(await g.page.locator('.fields-sidebar').isVisible(), false);
    const asked = g.fromGrid.filter(isType('requestFields')).length;
    await toggle.click();
    await g.waitForMessage((m) => isType('requestFields')(m) && g!.fromGrid.filter(isType('requestFields')).length > asked);
    const sent = g.fromGrid.filter((m) => isType('requestFields')(m) || isType('fieldsClosed')(m)).map((m) => (m as Msg).type);
    assert.deepEqual(sent, ['requestFields', 'fieldsClosed', 'requestFields']);
  });

  it('posts a value by its indexes on Exclude, and re-runs with the checkbox or Alt+click', async () => {
    let sidebar: SidebarFields;
    ({ g, sidebar } = await openWithFields());
    await g.page.locator('.fields-sidebar .field[data-field="1"] .field-toggle').click();
    await g.page.locator('.field[data-field="1"] .value-row[data-value="1"] .value-action.exclude').click();
    const m = await g.waitForMessage(isType('fieldValueToQuery')) as Msg & { fieldsId: number; field: number; value: number };
    assert.deepEqual({ ...m, fieldsId: 0 }, { type: 'fieldValueToQuery', fieldsId: 0, field: 1, value: 1, exclude: true, rerun: false });
    assert.deepEqual(sidebar.resolve(m.fieldsId, m.field, m.value), { field: 'host', value: 'ws-01' });
    assert.deepEqual(g.rejected, []);
    assert.ok(g.actions.some(isType('fieldValueToQuery')), 'the session hands it to the panel');
    await g.page.locator('.field[data-field="1"] .value-row[data-value="0"] .value-action.add').click({ modifiers: ['Alt'] });
    await g.waitForMessage((x) => isType('fieldValueToQuery')(x) && (x as Msg).rerun === true && (x as Msg).exclude === false);
    await g.page.locator('.fields-sidebar vscode-checkbox', { hasText: 'Re-run' }).click();
    await g.page.locator('.field[data-field="1"] .value-row[data-value="0"] .value-action.exclude').click();
    await g.waitForMessage((x) => isType('fieldValueToQuery')(x) && (x as Msg).rerun === true && (x as Msg).exclude === true);
  });

  it('keeps an opened field open when the figures are updated while rows arrive, and hides on a second toggle', async () => {
    let sidebar: SidebarFields;
    ({ g, sidebar } = await openWithFields());
    await g.page.locator('.fields-sidebar .field[data-field="1"] .field-toggle').click();
    const more = new FieldSummary();
    more.add(FIELDS, [...ROWS, ['ws-03', 'a', '1']]);
    g.post({ type: 'fields', summary: sidebar.summarize(more.all(), more.rowCount) });
    await g.page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string } | null } })
      .document.querySelector('.fields-title')?.textContent?.includes('6 rows') === true, undefined, { polling: 'raf' });
    assert.deepEqual(await g.page.locator('.field[aria-expanded="true"] .field-name').allTextContents(), ['host']);
    assert.equal(await g.page.locator('.field[data-field="1"] .value-text').count(), 3);
    await g.page.locator('vscode-button.fields-toggle').click();
    assert.equal(await g.page.locator('.fields-sidebar').isVisible(), false);
  });
});
