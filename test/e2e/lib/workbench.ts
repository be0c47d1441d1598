/**
 * Drives the real VS Code workbench (code-server + headless chromium) the way a user does: Quick Open,
 * the command palette, keybindings, webviews, the clipboard. Each step can leave a screenshot in
 * test-output/screenshots/e2e/.
 *
 *   const wb = await Workbench.launch({ folder: FIXTURE_WORKSPACE });
 *   await wb.openFile('hunt.spl');
 *   await wb.runCommand('SPL Workbench: Run Query');
 *   const grid = await wb.webviewFrame('Hashes');
 *   await wb.close();
 */
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { ElementHandle, Frame, Page } from 'playwright-core';
import type { BrowserGlobals, DomElement } from './dom-types';
import { launchBrowser, ROOT, startCodeServer, type Browser, type CodeServer, type CodeServerOptions } from '../../../scripts/vscode-host/host';

export const FIXTURE_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');
/** Screenshots of UI runs; test:e2e empties it first, the demo's --check writes under demo/. */
export const SCREENSHOT_DIR = path.join(ROOT, 'test-output', 'screenshots', 'e2e');

export interface LaunchOptions {
  /** Folder to open; the fixture workspace by default. */
  folder?: string;
  /**
   * How the extension gets into VS Code: 'folder' (default) installs a copy of the built extension like
   * a .vsix would; a path ending in .vsix installs that package (E2E_VSIX=path does the same);
   * 'development' loads it as an extension under development (extensionDevelopmentPath).
   */
  extension?: 'folder' | 'development' | string;
  trust?: CodeServerOptions['trust'];
  userSettings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Prefix for screenshot names; usually the test file's name. */
  name?: string;
  /** Folder for screenshots; SCREENSHOT_DIR by default. */
  screenshotDir?: string;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const cssString = (s: string): string => JSON.stringify(s);

export class Workbench {
  private shotCount = 0;

  private constructor(
    readonly server: CodeServer,
    private readonly browser: Browser,
    readonly page: Page,
    private readonly name: string,
    private readonly ownsServer: boolean,
    private readonly payload: Array<[string, string]> | undefined,
    private readonly screenshotDir: string,
  ) {}

  /** Starts a throw-away code-server with the extension installed and opens the workbench on `folder`. */
  static async launch(opts: LaunchOptions = {}): Promise<Workbench> {
    const mode = opts.extension ?? process.env['E2E_VSIX'] ?? 'folder';
    const server = await startCodeServer({
      trust: opts.trust ?? 'off',
      smokeTestDriver: mode === 'development',
      ...(mode === 'folder' ? { installFolders: [ROOT] } : {}),
      ...(mode.endsWith('.vsix') ? { installVsix: [mode] } : {}),
      userSettings: { 'workbench.editor.enablePreview': false, ...opts.userSettings },
      ...(opts.env ? { env: opts.env } : {}),
      keepRunDir: Boolean(process.env['KEEP_RUN']),
    });
    const payload: Array<[string, string]> | undefined =
      mode === 'development' ? [['extensionDevelopmentPath', server.remoteUri(ROOT)], ['skipWelcome', 'true']] : undefined;
    try {
      return await Workbench.attach(server, {
        folder: opts.folder ?? FIXTURE_WORKSPACE, payload, name: opts.name, ownsServer: true, screenshotDir: opts.screenshotDir,
      });
    } catch (err) {
      await server.stop();
      throw err;
    }
  }

  /** Opens a browser on an already running code-server; close() stops the server only if ownsServer. */
  static async attach(
    server: CodeServer,
    opts: {
      folder: string;
      payload?: Array<[string, string]> | undefined;
      name?: string | undefined;
      ownsServer?: boolean;
      screenshotDir?: string | undefined;
    },
  ): Promise<Workbench> {
    const browser = await launchBrowser({ origin: server.url });
    try {
      const wb = new Workbench(server, browser, browser.page, opts.name ?? 'e2e', opts.ownsServer ?? false, opts.payload,
        opts.screenshotDir ?? SCREENSHOT_DIR);
      browser.page.on('pageerror', (e) => {
        if (process.env['VERBOSE']) console.log('workbench page error:', e.message);
      });
      await browser.page.goto(server.workbenchUrl(opts.folder, opts.payload));
      await wb.waitForWorkbench();
      return wb;
    } catch (err) {
      await browser.close();
      throw err;
    }
  }

  /** The workbench is up and the remote side is connected (the explorer lists the folder). */
  async waitForWorkbench(timeoutMs = 90_000): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    await this.page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: timeoutMs });
  }

  /** Reloads the window on another folder of the server machine (same server, same installed extension). */
  async openFolder(folder: string): Promise<void> {
    await this.page.goto(this.server.workbenchUrl(folder, this.payload));
    await this.waitForWorkbench();
  }

  async close(): Promise<void> {
    await this.browser.close();
    if (this.ownsServer) await this.server.stop();
  }

  /** Saves test-output/screenshots/<name>-<nn>-<step>.png and returns its path. */
  async screenshot(step: string): Promise<string> {
    mkdirSync(this.screenshotDir, { recursive: true });
    const slug = step.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    const file = path.join(this.screenshotDir, `${this.name}-${String(++this.shotCount).padStart(2, '0')}-${slug}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }

  /** Opens a workspace file through Quick Open (Ctrl+P) and waits for its editor tab to be active. */
  async openFile(relativePath: string): Promise<void> {
    const base = path.posix.basename(relativePath);
    // File search runs on the server (ripgrep) and can take seconds on a busy machine: wait, then retry.
    const deadline = Date.now() + 45_000;
    while (!(await this.withQuickInput('Control+P', relativePath, (label) => label.startsWith(base), 10_000))) {
      await this.page.keyboard.press('Escape');
      if (Date.now() > deadline) throw new Error(`Quick Open did not list ${relativePath}`);
    }
    await this.page.keyboard.press('Enter');
    await this.page.waitForSelector(`.tabs-container .tab.active[aria-label^=${cssString(base)}]`, { timeout: 20_000 });
    await this.page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines', { timeout: 20_000 });
  }

  /**
   * Opens the palette (F1), types the title and waits for the row whose aria-label starts with exactly
   * that title. Contributed commands appear some seconds after the workbench does, and pressing Enter
   * earlier would run a fuzzy match instead, so this retries until the row is there.
   */
  async runCommand(title: string, timeoutMs = 45_000): Promise<void> {
    if (!(await this.findCommand(title, timeoutMs, true))) throw new Error(`command "${title}" not found in the palette`);
    await this.page.keyboard.press('Enter');
  }

  /** True when the palette lists the command; leaves the palette closed (or open, with keepOpen). */
  async findCommand(title: string, timeoutMs = 45_000, keepOpen = false): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.withQuickInput('F1', title, (label) => label === title || label.startsWith(`${title},`) || label.startsWith(`${title} `));
      if (row) {
        if (!keepOpen) await this.page.keyboard.press('Escape');
        return true;
      }
      await this.page.keyboard.press('Escape');
      if (Date.now() > deadline) return false;
      await sleep(1000);
    }
  }

  /** Palette rows currently listed (aria-labels), for assertions and debugging. */
  async quickInputRows(): Promise<string[]> {
    return this.page.$$eval('.quick-input-list .monaco-list-row', (els: DomElement[]) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  /** What the quick input shows now: whether it is open, its title, its rows' labels, the focused one. */
  async quickInputState(): Promise<{ open: boolean; title: string; message: string; rows: string[]; focused: string; hasKeyboard: boolean }> {
    return this.page.evaluate(() => {
      const d = (globalThis as unknown as BrowserGlobals).document;
      const widget = d.querySelector('.quick-input-widget');
      const open = !!widget && widget.checkVisibility();
      return {
        open,
        title: open ? (d.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '') : '',
        message: open ? (d.querySelector('.quick-input-widget .quick-input-message')?.textContent ?? '') : '',
        rows: open ? [...d.querySelectorAll('.quick-input-list .monaco-list-row')].map((e) => e.getAttribute('aria-label') ?? '') : [],
        focused: open ? (d.querySelector('.quick-input-list .monaco-list-row.focused')?.getAttribute('aria-label') ?? '') : '',
        hasKeyboard: open && !!widget && widget.contains(d.activeElement),
      };
    });
  }

  /**
   * The `index`-th CodeLens link of the active editor, counted top to bottom on screen, once at
   * least `atLeast` are drawn and their positions have stopped moving (lenses are redrawn while the
   * editor settles, and a link found mid-redraw is detached by the time it is clicked).
   */
  async codeLens(index: number, atLeast: number, timeoutMs = 60_000): Promise<ElementHandle> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      const tops = await this.page.$$eval('.editor-group-container.active .codelens-decoration a', (els: DomElement[]) =>
        els.map((e) => Math.round(e.getBoundingClientRect().top)).sort((a, b) => a - b).join(','));
      if (tops.split(',').filter(Boolean).length >= atLeast && tops === last) {
        const links = await this.page.$$('.editor-group-container.active .codelens-decoration a');
        const placed = await Promise.all(links.map(async (l) => ({ l, top: (await l.boundingBox())?.y ?? Infinity })));
        const target = placed.sort((a, b) => a.top - b.top)[index]?.l;
        if (target) return target;
      }
      if (Date.now() > deadline) throw new Error(`expected ${atLeast} CodeLens links in the editor, found positions [${tops}]`);
      last = tops;
      await sleep(250);
    }
  }

  /**
   * Answers an input box the way a user does: waits until the box whose title is `title` and whose
   * prompt contains `prompt` shows, types `value` and presses Enter, and waits until that box is gone.
   */
  async answerInput(title: string, prompt: string, value: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const showing = async (): Promise<boolean> => {
      const ui = await this.quickInputState();
      return ui.open && ui.title === title && ui.message.includes(prompt);
    };
    while (!(await showing())) {
      if (Date.now() > deadline) throw new Error(`input box "${title}: ${prompt}" did not show; showing: ${JSON.stringify(await this.quickInputState())}`);
      await sleep(100);
    }
    await this.page.fill('.quick-input-widget .quick-input-box input', value);
    // The box validates asynchronously; Enter before that is ignored, so wait for the typed value to be
    // there and repeat Enter only while this same box still shows.
    let pressedAt = 0;
    while (await showing()) {
      if (Date.now() > deadline) throw new Error(`input box "${title}: ${prompt}" did not accept "${value.slice(0, 20)}…"; showing: ${JSON.stringify(await this.quickInputState())}`);
      if (Date.now() - pressedAt > 5000) {
        await this.page.keyboard.press('Enter');
        pressedAt = Date.now();
      }
      await sleep(100);
    }
  }

  /**
   * Picks one row in each quick pick of a sequence, each step named by the title the user sees. A step
   * is answered only while its own title shows, and counts as taken once that title is gone, however
   * long the machine takes; Enter is pressed again only if the same step still shows the same focused
   * row long after (an Enter that arrived while the list was being filled is dropped by VS Code). When
   * the pick does not have the keyboard, the row is clicked instead.
   */
  async pickQuickInputs(steps: Array<{ title: string; label: string }>, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const step of steps) {
      const matches = (r: string): boolean => r.startsWith(step.label);
      let pressedAt = 0;
      for (;;) {
        const ui = await this.quickInputState();
        if (pressedAt && (!ui.open || ui.title !== step.title)) break;
        if (Date.now() > deadline) throw new Error(`quick pick "${step.title}" > "${step.label}" was not taken; showing: ${JSON.stringify(ui)}`);
        const ready = ui.open && ui.title === step.title && ui.rows.some(matches);
        if (ready && (!pressedAt || Date.now() - pressedAt > 10_000) && !ui.hasKeyboard) {
          // A pick opened from a webview button can show while the webview still has the keyboard:
          // keys would go there, so pick the row the way a user then does, with a click.
          const row = (await this.page.$$('.quick-input-list .monaco-list-row'))[ui.rows.findIndex(matches)];
          if (row) {
            await row.click();
            pressedAt = Date.now();
          }
        } else if (ready && (!pressedAt || Date.now() - pressedAt > 10_000)) {
          const focused = await this.focusQuickInputRow(matches, ui.rows.length);
          // Still this step, with the row focused: only now is Enter meant for it.
          if (focused && (await this.quickInputState()).title === step.title) {
            await this.page.keyboard.press('Enter');
            pressedAt = Date.now();
          }
        }
        await sleep(100);
      }
    }
  }

  /** The aria-label of the quick input's focused row, '' when none is. */
  private async focusedQuickInputRow(): Promise<string> {
    return this.page.$eval('.quick-input-list .monaco-list-row.focused', (e: DomElement) => e.getAttribute('aria-label') ?? '').catch(() => '');
  }

  /**
   * Moves the quick input's focus down (at most `rows` times) to the row whose label `matches`; the
   * focused row, or undefined. Enter runs the focused row and a click would run a row at once, so this
   * uses the keyboard, and waits for each move to show: pressing ahead of the list wraps past the row.
   */
  async focusQuickInputRow(matches: (label: string) => boolean, rows: number): Promise<ElementHandle | undefined> {
    for (let i = 0; i <= rows; i++) {
      const focused = await this.page.$('.quick-input-list .monaco-list-row.focused');
      const label = (await focused?.getAttribute('aria-label')) ?? '';
      if (focused && matches(label)) return focused;
      await this.page.keyboard.press('ArrowDown');
      for (let t = 0; t < 40 && (await this.focusedQuickInputRow()) === label; t++) await sleep(50);
    }
    return undefined;
  }

  private async withQuickInput(key: string, text: string, matches: (label: string) => boolean, waitMs = 15_000): Promise<ElementHandle | undefined> {
    // A webview (the grid, the Hashes panel) that holds the focus does not always hand F1 or Ctrl+P
    // to the workbench, and a press then opens nothing: give the focus back to the workbench first.
    await this.page.evaluate(() => {
      const d = (globalThis as unknown as { document: { activeElement: { tagName: string; blur(): void } | null } }).document;
      if (d.activeElement?.tagName === 'IFRAME') d.activeElement.blur();
    });
    await this.page.keyboard.press(key);
    const input = await this.page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible', timeout: 15_000 });
    // The text must go into this box: wait until it has the keyboard focus (a closing box can still show).
    const focused = await this.page.waitForFunction(() => {
      const d = (globalThis as unknown as { document: { activeElement: { matches(s: string): boolean } | null } }).document;
      return d.activeElement?.matches('.quick-input-widget .quick-input-box input') ?? false;
    }, undefined, { timeout: 10_000 }).then(() => true, () => false);
    if (!focused) return undefined;
    // F1 prefills '>': keep it. The text goes in as one input event: typed key by key, a busy
    // workbench filters the list after every key and shows the final rows seconds later.
    const prefix = key === 'F1' ? '>' : '';
    // Keyboard input, not fill(): while the previous quick input is still closing the box can be
    // briefly inert, and fill() waits on that instead of on the list; the box already has the focus.
    await input.press('End');
    await this.page.keyboard.press('Shift+Home');
    await this.page.keyboard.insertText(`${prefix}${text}`);
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      const labels = await this.quickInputRows();
      const index = labels.findIndex(matches);
      if (index >= 0) {
        const focused = await this.focusQuickInputRow(matches, labels.length);
        if (focused) return focused;
      }
      await sleep(150);
    }
    return undefined;
  }

  /** Focuses the active text editor and presses a key chord there, e.g. 'Control+Enter'. */
  async pressInEditor(chord: string): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press(chord);
  }

  /** Gives the active editor keyboard focus without moving its cursor (a click would move it). */
  async focusEditor(): Promise<void> {
    await this.page.waitForSelector('.editor-group-container.active .monaco-editor .view-lines', { timeout: 20_000 });
    const focused = await this.page.evaluate(() => {
      const { document } = globalThis as unknown as BrowserGlobals;
      const editor = document.querySelector('.editor-group-container.active .monaco-editor');
      if (!editor) return false;
      if (editor.contains(document.activeElement)) return true;
      // Monaco takes keyboard input in a hidden textarea, or a div when it uses the EditContext API.
      const input = editor.querySelector('textarea.inputarea, .native-edit-context, textarea');
      input?.focus();
      return editor.contains(document.activeElement);
    });
    if (!focused) await this.page.click('.editor-group-container.active .monaco-editor .view-lines');
  }

  /** Moves the cursor to a 1-based line through Go to Line (Ctrl+G). */
  async goToLine(line: number): Promise<void> {
    await this.focusEditor();
    await this.page.keyboard.press('Control+G');
    await this.page.waitForSelector('.quick-input-widget .quick-input-box input', { state: 'visible' });
    await this.page.keyboard.type(String(line));
    await this.page.keyboard.press('Enter');
  }

  /** The visible text of the active editor (rendered lines, top to bottom). */
  async editorText(): Promise<string> {
    return this.page.$eval('.editor-group-container.active .monaco-editor .view-lines', (el: DomElement) =>
      [...el.querySelectorAll('.view-line')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '))
        .join('\n'),
    );
  }

  /** Token spans of the active editor's visible lines: text and Monaco colour class (mtk1, mtk5, ...). */
  async editorTokens(): Promise<Array<{ text: string; colorClass: string }>> {
    return this.page.$$eval('.editor-group-container.active .monaco-editor .view-lines .view-line span > span', (spans: DomElement[]) =>
      spans.map((s) => ({
        text: (s.textContent ?? '').replace(/\u00a0/g, ' '),
        colorClass: [...s.classList].find((c) => /^mtk\d+$/.test(c)) ?? '',
      })),
    );
  }

  /** Actions in the active editor's title bar (aria-labels), e.g. the contributed run button. */
  async editorTitleActions(): Promise<string[]> {
    return this.page.$$eval('.editor-group-container.active .editor-actions .action-item .action-label', (els: DomElement[]) =>
      els.map((e) => e.getAttribute('aria-label') ?? e.getAttribute('title') ?? ''),
    );
  }

  /**
   * Finds the webview frame (iframe.webview > #active-frame) whose body text contains `text`.
   * Webview content lives in nested cross-origin frames, so each frame is asked in turn.
   */
  async webviewFrame(text: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        const body = await frame.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body?.innerText ?? '').catch(() => '');
        if (body.includes(text) && frame !== this.page.mainFrame()) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows "${text}" after ${timeoutMs} ms`);
      await sleep(250);
    }
  }

  async webviewText(containing: string, timeoutMs?: number): Promise<string> {
    const frame = await this.webviewFrame(containing, timeoutMs);
    return frame.evaluate(() => (globalThis as unknown as BrowserGlobals).document.body?.innerText ?? '');
  }

  /**
   * Reads the clipboard the way a user would check it: pastes into a new untitled editor, reads the
   * text back from the editor once it shows what `shows` expects (or after 15 s, whatever it shows),
   * and closes it without saving. Works for text copied by the extension, a webview or the editor.
   */
  async readClipboard(shows: (text: string) => boolean = (t) => t.trim() !== ''): Promise<string> {
    await this.runCommand('File: New Untitled Text File');
    await this.page.waitForSelector('.tabs-container .tab.active[aria-label^="Untitled-"]', { timeout: 15_000 });
    await this.focusEditor();
    await this.page.keyboard.press('Control+V');
    const deadline = Date.now() + 15_000;
    let text = await this.editorText();
    while (!shows(text) && Date.now() < deadline) {
      await sleep(100);
      text = await this.editorText();
    }
    await this.runCommand('View: Revert and Close Editor');
    return text;
  }
}
