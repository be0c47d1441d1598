/**
 * Results grid, end to end: the real webview bundle in headless Chromium under the real CSP, fed by
 * a real GridSession + ResultStore in this process (as the extension host would), for 10,000,
 * 100,000 and 500,000 Sysmon-like rows of 12 fields.
 *
 * Figures per size:
 * - paint: from the host sending `init` for a store that holds all rows to the first rows painted
 *   (includes the row request round trip through the page binding);
 * - scroll frame: median main-thread work of one animation frame while sweeping down 3 rows a frame
 *   (our render + the style/layout it causes; compositing excluded);
 * - sort host / sort+paint: a cold sort (ranks not cached) of one column in the store, and until the
 *   sorted first rows are painted; for a numeric, a low-cardinality and two all-distinct columns;
 * - filter host / filter+paint: a text filter over all 12 visible columns;
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
    await waitPainted(g, () => true);
    return { g, cdp, run: 0 };
  })();
  current = { n, setup };
  return setup;
}

/** Resolves when the first painted row satisfies `check` (given its cells' text). */
async function waitPainted(g: GridPage, check: (firstRow: string[]) => boolean): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const first = await g.page.evaluate(`(() => {
      const row = document.querySelector('.grid-rows .row:not(.placeholder):not([hidden])');
      return row && row.dataset.row === '0' ? Array.from(row.querySelectorAll('.cell'), (c) => c.textContent) : null;
    })()`) as string[] | null;
    if (first && check(first)) return;
    if (Date.now() > deadline) throw new Error('rows were not painted');
    await new Promise((r) => setTimeout(r, 2));
  }
}

async function heapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const h = await cdp.send('Runtime.getHeapUsage');
  return h.usedSize / (1024 * 1024);
}

const SCROLL_SWEEP = `(async () => {
  const v = document.querySelector('.grid-viewport');
  v.scrollTop = 0;
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.__frames.length = 0;
  for (let i = 0; i < 150; i++) {
    v.scrollTop += 66;
    await new Promise((r) => requestAnimationFrame(r));
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
      const s = await setupFor(n);
      const { g, cdp } = s;
      const out: Figures = {};
      const fig = (k: string, value: number, unit = 'ms') => { out[`grid ${label} rows: ${k}`] = { value, unit }; };
      const session = g.session;
      session.update({ sort: [], filter: {} });
      await g.page.reload();
      // paint: the grid reloads and says ready; from init to the first rows painted.
      const readyCount = g.fromGrid.filter((m) => (m as { type: string }).type === 'ready').length;
      await g.waitForMessage(() => g.fromGrid.filter((m) => (m as { type: string }).type === 'ready').length > readyCount, 30_000);
      const t0 = performance.now();
      await g.flush();
      await waitPainted(g, (r) => r[0] === session.view.window(0, 1)[0]![0]);
      fig('paint (init to rows)', performance.now() - t0);

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
        const expect = session.view.window(0, 1)[0]!;
        const col = SYSMON_FIELDS.indexOf(column);
        await g.flush();
        await waitPainted(g, (r) => r[col] === expect[col] && r[0] === expect[0]);
        fig(`sort host ${column}`, host);
        fig(`sort+paint ${column}`, performance.now() - ts);
      }
      session.update({ sort: [] });

      const text = s.run % 2 ? 'powershell' : 'regsvr32';
      const tf = performance.now();
      session.handle({ type: 'setFilter', filter: { text } });
      const hostF = performance.now() - tf;
      const expectF = session.view.window(0, 1)[0]!;
      await g.flush();
      await waitPainted(g, (r) => r[0] === expectF[0] && r[4] === expectF[4]);
      fig('filter host (text, 12 columns)', hostF);
      fig('filter+paint', performance.now() - tf);
      fig('filter matches', session.view.rowCount, 'rows');
      session.update({ filter: {} });

      fig('webview JS heap', await heapMb(cdp), 'MB');
      fig('DOM nodes', await g.page.evaluate('document.getElementsByTagName("*").length') as number, 'nodes');
      return out;
    },
  };
}

export const benchmarks: Benchmark[] = SIZES.map(figuresFor);

// Leave no browser behind when the runner finishes.
process.on('beforeExit', () => {
  const c = current;
  current = undefined;
  if (c) void c.setup.then((s) => s.g.close()).then(closeBrowser);
});
