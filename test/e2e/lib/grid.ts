/**
 * The results grid as a user sees it, read out of whichever webview frame shows it: header names,
 * the drawn rows' cell texts in row order, the facts line, and any element markup in the data made.
 */
import type { Frame } from 'playwright-core';
import type { BrowserGlobals, DomElement } from './dom-types';
import type { Workbench } from './workbench';

export interface GridRead {
  headers: string[];
  rows: string[][];
  facts: string;
  /** Elements that markup in the data could have produced: none may exist. */
  elements: string[];
}

/** What the grid shows: header names, the drawn rows' cell texts (row order), the facts line. */
export async function readGrid(frame: Frame): Promise<GridRead> {
  return frame.evaluate(() => {
    const d = (globalThis as unknown as BrowserGlobals).document as unknown as { querySelectorAll(s: string): Iterable<DomElement> } & BrowserGlobals['document'];
    const headers = [...d.querySelectorAll('.hcell .hname')].map((h) => h.textContent ?? '');
    const rows = [...d.querySelectorAll('.grid-rows .row:not(.placeholder):not([hidden])')]
      .map((r) => ({ n: Number(r.getAttribute('data-row')), cells: [...r.querySelectorAll('.cell')].map((c) => c.textContent ?? '') }))
      .sort((a, b) => a.n - b.n)
      .map((r) => r.cells);
    const facts = d.querySelector('.facts')?.textContent ?? '';
    const elements = [...d.querySelectorAll('script:not([nonce]), img, svg, iframe, object, embed, a[href], [onerror], [onload], [onmouseover]')]
      // VS Code injects its own script (the acquireVsCodeApi shim) into every webview page.
      .filter((e) => !(e as unknown as { tagName: string }).tagName.match(/^script$/i) || !(e.textContent ?? '').includes('acquireVsCodeApi'))
      .map((e) => `${(e as unknown as { tagName: string }).tagName} ${e.getAttribute('class') ?? ''} ${(e.textContent ?? '').slice(0, 80)}`);
    return { headers, rows, facts, elements };
  });
}

export async function waitForGrid(wb: Workbench, predicate: (g: GridRead) => boolean, what: string, timeoutMs = 60_000): Promise<{ frame: Frame; grid: GridRead }> {
  const deadline = Date.now() + timeoutMs;
  let last: GridRead | undefined;
  for (;;) {
    for (const frame of wb.page.frames()) {
      const grid = await readGrid(frame).catch(() => undefined);
      if (grid && grid.headers.length > 0) {
        last = grid;
        if (predicate(grid)) return { frame, grid };
      }
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last grid: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
