/** The UI helper library itself works in this VS Code: Quick Open, editor text, keybindings, clipboard. */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURE_WORKSPACE, Workbench } from './lib/workbench';

describe('UI test helpers', function () {
  let wb: Workbench;

  before(async function () {
    wb = await Workbench.launch({ name: 'harness' });
  });

  after(async () => {
    await wb?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) {
      console.log(`    screenshot: ${await wb.screenshot(`failed ${this.currentTest.title}`)}`);
    }
  });

  it('opens a file in a subfolder through Quick Open', async () => {
    await wb.openFile('hunts/hash-pivot.spl');
    assert.match(await wb.editorText(), /rex field=Hashes/);
  });

  it('copies a line with an editor keybinding and reads it back from the clipboard', async () => {
    await wb.goToLine(2);
    await wb.pressInEditor('Home');
    await wb.page.keyboard.press('Shift+End');
    await wb.page.keyboard.press('Control+C');
    const clip = await wb.readClipboard();
    assert.equal(clip.trim(), 'index=sysmon EventCode=1');
    await wb.screenshot('clipboard read back');
  });

  it('reads the text of a webview (the built-in Markdown preview)', async () => {
    await wb.openFile('README.md');
    await wb.runCommand('Markdown: Open Preview');
    const text = await wb.webviewText('Fixture workspace opened by');
    assert.match(text, /they must not change them/);
    await wb.screenshot('markdown preview webview');
  });

  it('reopens the window on another folder', async () => {
    await wb.openFolder(path.join(FIXTURE_WORKSPACE, 'hunts'));
    await wb.openFile('lateral-movement.splunk');
    assert.match(await wb.editorText(), /EventCode=4624/);
  });
});
