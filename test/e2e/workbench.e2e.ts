/** SPL Workbench as a user sees it in VS Code: a highlighted hunt, the Run Query command and button. */
import * as assert from 'node:assert/strict';
import { Workbench } from './lib/workbench';

describe('SPL Workbench in the VS Code UI', function () {
  let wb: Workbench;

  before(async function () {
    wb = await Workbench.launch({ name: 'workbench' });
    await wb.openFile('hunt.spl');
    await wb.screenshot('hunt.spl opened');
  });

  after(async () => {
    await wb?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      console.log(`    screenshot: ${await wb.screenshot(`failed ${this.currentTest.title}`)}`);
    }
  });

  it('highlights hunt.spl with more than one token colour', async () => {
    const text = await wb.editorText();
    assert.match(text, /index=sysmon EventCode=1/);
    // The grammar loads asynchronously after the editor opens: wait for tokens to differ.
    let classes = new Set<string>();
    for (let i = 0; i < 40 && classes.size < 2; i++) {
      classes = new Set((await wb.editorTokens()).map((t) => t.colorClass).filter(Boolean));
      if (classes.size < 2) await new Promise((r) => setTimeout(r, 250));
    }
    const tokens = await wb.editorTokens();
    const comment = tokens.find((t) => t.text.includes('Process creation'));
    // The grammar splits `index=sysmon` into field, operator and value tokens.
    const plain = tokens.find((t) => t.text.trim() === 'index' || t.text.includes('index=sysmon'));
    assert.ok(comment && plain, `tokens: ${JSON.stringify(tokens.slice(0, 8))}`);
    assert.notEqual(comment.colorClass, plain.colorClass, 'the SPL comment is coloured like plain text');
    assert.ok(classes.size >= 2, `only colour classes ${[...classes].join(', ')}`);
    await wb.screenshot('tokens');
  });

  it('lists "SPL Workbench: Run Query" in the command palette', async () => {
    assert.ok(await wb.findCommand('SPL Workbench: Run Query', 45_000, true), 'not in the palette');
    const rows = await wb.quickInputRows();
    await wb.screenshot('palette');
    await wb.page.keyboard.press('Escape');
    assert.ok(rows.some((r) => r.startsWith('SPL Workbench: Run Query')), `rows: ${rows.join(' | ')}`);
  });

  it('shows the Run Query button in the editor title of an SPL file', async () => {
    await wb.focusEditor();
    let actions: string[] = [];
    for (let i = 0; i < 40 && !actions.some((a) => a.includes('Run Query')); i++) {
      actions = await wb.editorTitleActions();
      if (!actions.some((a) => a.includes('Run Query'))) await new Promise((r) => setTimeout(r, 250));
    }
    await wb.screenshot('editor title');
    assert.ok(actions.some((a) => a.includes('Run Query')), `editor title actions: ${actions.join(' | ')}`);
  });
});
