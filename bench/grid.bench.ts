/**
 * Results grid, end to end: the real webview bundle in headless Chromium under the real CSP, fed by
 * a real GridSession + ResultStore in this process (as the extension host would), for 10,000,
 * 100,000 and 500,000 Sysmon-like rows of 12 fields.
 *
 * Figures per size:
 * - paint: from the `rows` answer to row 0 painted (the grid's work), and from `init` for a store
 *   that holds all rows to row 0 painted, which adds the row request round trip; that trip goes
 *   through Playwright (binding + page.evaluate), much slower than VS Code's postMessage, so it is
 *   reported apart;
 * - scroll frame: median main-thread work of one animation frame while sweeping down 3 rows a frame
 *   (our render + the style/layout it causes; compositing excluded);
 * - sort host / + grid paint: a cold sort (ranks not cached) of one column in the store, plus the
 *   grid's repaint; for a numeric, a low-cardinality and two all-distinct columns;
 * - filter host / + grid paint: a text filter over all 12 visible columns;
 * - heap: the webview's JS heap after a GC (MB).
 */
import type { CDPSession } from 'playwright-core';
import type { Benchmark } from './lib';
import { SYSMON_FIELDS, sysmonRows } from './fixtures/sysmon-rows';
import { closeBrowser, openGrid, type GridPage } from '../test/webview/harness';

type Figures = Record<string, { value: number; unit: string }>;

const SIZES = [10_000, 100_000, 500_000];
const PAGE = 50_000;

interface Setup {
  g: GridPage;
  cdp: CDPSession;
  run: number;
}

let current: { n: number; setup: Promise<Setup> } | undefined;

async function setupFor(n: number): Promise<Setup> {
  if (current?.n === n) return current.setup;
  if (current) {
    const old = await current.setup;
    await old.g.close();
    await closeBrowser();
  }
  const setup = (async () => {
    const rows = sysmonRows(n, 7);
    const pages = [];
    for (let o = 0; o < n; o += PAGE) pages.push({ kind: 'page' as const, fields: SYSMON_FIELDS, rows: rows.slice(o, o + PAGE), offset: o, preview: false });
    const g = await openGrid(pages, { viewport: { width: 1400, height: 900 }, refreshMs: 10_000 });
    const cdp = await g.page.context().newCDPSession(g.page);
    await waitPainted(g);
    return { g, cdp, run: 0 };
  })();
  current = { n, setup };
  return setup;
}

interface PaintTimes {
  /** From the view message (init/viewChanged) to row 0 painted: includes the row request round trip. */
  total: number;
  /** From the rows message to row 0 painted: the grid's own work. */
  render: number;
  /** Row request round trip through the harness (page binding + page.evaluate). */
  roundTrip: number;
}

/** Waits (in the page, no round trips) until row 0 is painted after the last view message. */
async function waitPainted(g: GridPage): Promise<PaintTimes> {
  await g.flush();
  // A function, not a string: a string predicate needs eval, which the CSP (rightly) blocks.
  await g.page.waitForFunction(() => (globalThis as unknown as { __paint: { paintedAt?: number } }).__paint.paintedAt !== undefined, undefined, { polling: 'raf', timeout: 60_000 });
  const p = await g.page.evaluate('window.__paint') as { armedAt: number; rowsAt: number; paintedAt: number };
  return { total: p.paintedAt - p.armedAt, render: p.paintedAt - p.rowsAt, roundTrip: p.rowsAt - p.armedAt };
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  return h.usedSize / (1024 * 1024);
}

const SCROLL_SWEEP = `(async () => {
  const v = document.querySelector('.grid-viewport');
  v.scrollTop = 0;
  const raf = window.__rawRaf;
  await new Promise((r) => raf(() => raf(r)));
  window.__frames.length = 0;
  for (let i = 0; i < 150; i++) {
    v.scrollTop += 66;
    await new Promise((r) => raf(r));
  }
  const f = window.__frames.slice().sort((a, b) => a - b);
  return { median: f[Math.floor(f.length / 2)], p95: f[Math.floor(f.length * 0.95)], frames: f.length };
})()`;

function figuresFor(n: number): Benchmark {
  const label = n.toLocaleString('en-US');
  return {
    name: `grid ${label} rows`,
    unit: 'ms',
    warmup: 1,
    runs: n >= 500_000 ? 3 : 5,
    measure: async (): Promise<Figures> => {
      clearTimeout(idle);
      const s = await setupFor(n);
      const { g, cdp } = s;
      const out: Figures = {};
      const fig = (k: string, value: number, unit = 'ms') => { out[`grid ${label} rows: ${k}`] = { value, unit }; };
      const session = g.session;
      session.update({ sort: [], filter: {} });
      // paint: the grid reloads and says ready; from init to the first rows painted.
      const readyCount = g.fromGrid.filter((m) => (m as { type: string }).type === 'ready').length;
      await g.page.reload();
      await g.waitForMessage(() => g.fromGrid.filter((m) => (m as { type: string }).type === 'ready').length > readyCount, 30_000);
      const p0 = await waitPainted(g);
      fig('paint: rows message to painted', p0.render);
      fig('paint: init to painted (incl. row request)', p0.total);
      fig('harness row request round trip', p0.roundTrip);

      const sweep = await g.page.evaluate(SCROLL_SWEEP) as { median: number; p95: number };
      fig('scroll frame median', sweep.median);
      fig('scroll frame p95', sweep.p95);

      const sortCols = ['ProcessId', 'Image', '_time', 'CommandLine'];
      for (const column of sortCols) {
        g.store.setDerivedColumns([]); // invalidates cached ranks: a cold sort each run
        s.run++;
        const direction = s.run % 2 ? 'desc' : 'asc';
        const ts = performance.now();
        session.handle({ type: 'setSort', sort: [{ column, direction }] });
        const host = performance.now() - ts;
        const p = await waitPainted(g);
        fig(`sort host ${column}`, host);
        fig(`sort host + grid paint ${column}`, host + p.render);
      }
      session.update({ sort: [] });

      const text = s.run % 2 ? 'powershell' : 'regsvr32';
      const tf = performance.now();
      session.handle({ type: 'setFilter', filter: { text } });
      const hostF = performance.now() - tf;
      const pf = await waitPainted(g);
      fig('filter host (text, 12 columns)', hostF);
      fig('filter host + grid paint', hostF + pf.render);
      fig('filter matches', session.view.rowCount, 'rows');
      session.update({ filter: {} });

      fig('webview JS heap', await heapMb(cdp), 'MB');
      fig('DOM nodes', await g.page.evaluate('document.getElementsByTagName("*").length') as number, 'nodes');
      closeWhenIdle();
      return out;
    },
  };
}

export const benchmarks: Benchmark[] = SIZES.map(figuresFor);

/**
 * The runner has no teardown hook, and an open browser keeps the process alive. So the browser is
 * closed once no measurement has started for a few seconds (the runner starts the next one at once).
 */
let idle: ReturnType<typeof setTimeout> | undefined;
function closeWhenIdle(): void {
  clearTimeout(idle);
  idle = setTimeout(() => {
    const c = current;
    current = undefined;
    if (c) void c.setup.then((s) => s.g.close()).then(closeBrowser);
  }, 3000);
}
