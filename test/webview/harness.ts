/**
 * Runs the REAL grid bundle (dist/webview/grid.js + grid.css) in headless Chromium under the same
 * strict CSP the extension uses, with a stand-in for the VS Code host: acquireVsCodeApi in the page
 * forwards messages to Node, where a real GridSession over a real ResultStore answers them.
 * Used by test/webview/*.test.ts and bench/grid.bench.ts. Node-side code only (no DOM types): page
 * code is plain JavaScript served as a file.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { ResultPage } from '../../src/search/backend';
import { recordingActions } from '../support/gridActions';
import { GridSession } from '../../src/results/session';
import { ResultStore } from '../../src/results/store';
import type { GridSettings, GridToHost, HostToGrid, JobFacts, PersistedGridState } from '../../src/shared/protocol';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'webview');

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** In-page stand-in for VS Code: the API object, CSP violation and frame-time recording. */
const STUB_JS = `
(() => {
  const violations = [];
  window.__violations = violations;
  document.addEventListener('securitypolicyviolation', (e) => {
    violations.push({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, source: e.sourceFile, line: e.lineNumber, column: e.columnNumber });
  });
  // Frame work: how long each animation-frame callback takes, including the layout it causes.
  const frames = [];
  window.__frames = frames;
  const raf = window.requestAnimationFrame.bind(window);
  window.__rawRaf = raf; // for test code that waits a frame without being counted as grid work
  // Paint watch (bench): armed when a view arrives, set when row 0 is painted with data.
  window.__paint = { armedAt: undefined, rowsAt: undefined, paintedAt: undefined };
  window.requestAnimationFrame = (cb) => raf((t) => {
    const t0 = performance.now();
    cb(t);
    void document.body.offsetHeight;
    const t1 = performance.now();
    frames.push(t1 - t0);
    const p = window.__paint;
    if (p.armedAt !== undefined && p.paintedAt === undefined && document.querySelector('.grid-rows .row[data-row="0"]:not(.placeholder):not([hidden])')) p.paintedAt = t1;
  });
  let state = window.__initialState;
  const api = {
    postMessage: (m) => window.__toHost(JSON.parse(JSON.stringify(m))),
    getState: () => state,
    setState: (s) => { state = s; window.__state = s; },
  };
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return api;
  };
  window.__fromHost = (m) => {
    const now = performance.now();
    if (m.type === 'init' || m.type === 'viewChanged') window.__paint = { armedAt: now, rowsAt: undefined, paintedAt: undefined };
    else if (m.type === 'rows' && window.__paint.rowsAt === undefined) window.__paint.rowsAt = now;
    window.dispatchEvent(new MessageEvent('message', { data: m }));
  };
})();
`;

export interface GridPageOptions {
  job?: Partial<JobFacts>;
  settings?: GridSettings;
  /** Persisted state to hand the grid through getState(). */
  initialState?: PersistedGridState;
  viewport?: { width: number; height: number };
  /** Coalescing of store changes in the session (ms). */
  refreshMs?: number;
}

export interface GridPage {
  page: Page;
  store: ResultStore;
  session: GridSession;
  /** Every message the grid sent, in order (validated or not). */
  fromGrid: unknown[];
  /** Actions the session passed on (copy, export, ...). */
  actions: GridToHost[];
  rejected: unknown[];
  dialogs: string[];
  pageErrors: string[];
  /** Resolves when every host->grid message so far has been delivered. */
  flush(): Promise<void>;
  /** Sends a host->grid message of the test's own (one the session does not send, such as `fields`). */
  post(msg: HostToGrid): void;
  waitForMessage(pred: (m: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  violations(): Promise<unknown[]>;
  close(): Promise<void>;
}

let ctx: BrowserContext | undefined;
let profileDir: string | undefined;

async function context(): Promise<BrowserContext> {
  if (ctx) return ctx;
  profileDir = mkdtempSync(join(tmpdir(), 'grid-webview-'));
  ctx = await chromium.launchPersistentContext(profileDir, { executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  return ctx;
}

/** Closes the shared browser (call from an after() hook). */
export async function closeBrowser(): Promise<void> {
  await ctx?.close();
  ctx = undefined;
  if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  profileDir = undefined;
}

export function assertBundleBuilt(): void {
  if (!existsSync(join(DIST, 'grid.js'))) throw new Error('dist/webview/grid.js missing: run `npm run build` first');
}

function serve(nonce: string, initialState: PersistedGridState | undefined): Promise<Server> {
  const stateJs = `window.__initialState = ${JSON.stringify(initialState ?? null)} ?? undefined;`;
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const origin = `http://${req.headers.host}`;
      const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${origin}; font-src ${origin}; img-src ${origin}; base-uri 'none'; form-action 'none'`;
      const url = (req.url ?? '/').split('?')[0];
      if (url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp });
        res.end(`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${origin}/theme.css"><link rel="stylesheet" href="${origin}/grid.css">
<title>Results</title></head><body class="vscode-dark">
<script nonce="${nonce}" src="${origin}/state.js"></script>
<script nonce="${nonce}" src="${origin}/stub.js"></script>
<script nonce="${nonce}" src="${origin}/grid.js"></script>
</body></html>`);
        return;
      }
      const files: Record<string, [string, () => string | Buffer]> = {
        '/stub.js': ['text/javascript', () => STUB_JS],
        '/state.js': ['text/javascript', () => stateJs],
        '/grid.js': ['text/javascript', () => readFileSync(join(DIST, 'grid.js'))],
        '/grid.css': ['text/css', () => readFileSync(join(DIST, 'grid.css'))],
        '/theme.css': ['text/css', () => THEME_CSS],
      };
      const f = files[url ?? ''];
      if (!f) { res.writeHead(404); res.end(); return; }
      res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' });
      res.end(f[1]());
    });
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

// A few of VS Code's dark theme variables, so the page looks and lays out as in VS Code.
const THEME_CSS = `body { --vscode-editor-background: #1e1e1e; --vscode-editor-foreground: #d4d4d4;
--vscode-font-family: sans-serif; --vscode-font-size: 13px; --vscode-editor-font-family: monospace; --vscode-editor-font-size: 12px;
--vscode-list-activeSelectionBackground: #04395e; --vscode-list-activeSelectionForeground: #fff;
--vscode-list-inactiveSelectionBackground: #37373d; --vscode-focusBorder: #007fd4; --vscode-progressBar-background: #0e70c0; }`;

export async function openGrid(pages: ResultPage[], opts: GridPageOptions = {}): Promise<GridPage> {
  assertBundleBuilt();
  const store = new ResultStore();
  for (const p of pages) store.append(p);
  const fromGrid: unknown[] = [];
  const actions: GridToHost[] = [];
  const rejected: unknown[] = [];
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const c = await context();
  const page = await c.newPage();
  if (opts.viewport) await page.setViewportSize(opts.viewport);
  let chain: Promise<unknown> = Promise.resolve();
  const deliver = (m: HostToGrid) => {
    chain = chain.then(() => page.evaluate((msg) => (globalThis as unknown as { __fromHost(m: unknown): void }).__fromHost(msg), m)).catch(() => undefined);
  };
  const job: JobFacts = { sid: '1700000000.42', state: 'DONE', progress: 1, running: false, resultCount: store.rowCount, truncated: false, runDuration: 1.25, messages: [], ...opts.job };
  const session = new GridSession({
    store, job, settings: opts.settings ?? { hashColumns: true }, post: deliver,
    actions: recordingActions(actions), onRejected: (m) => rejected.push(m), refreshMs: opts.refreshMs ?? 20,
  });
  const waiters: { pred: (m: unknown) => boolean; resolve: (m: unknown) => void }[] = [];
  await page.exposeBinding('__toHost', (_src, msg: unknown) => {
    fromGrid.push(msg);
    session.handle(msg);
    for (const w of waiters.slice()) if (w.pred(msg)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(msg); }
  });
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  const nonce = randomBytes(16).toString('base64');
  const server = await serve(nonce, opts.initialState);
  const port = (server.address() as AddressInfo).port;
  await page.goto(`http://127.0.0.1:${port}/`);
  return {
    page, store, session, fromGrid, actions, rejected, dialogs, pageErrors,
    flush: async () => { await chain; },
    post: deliver,
    waitForMessage: (pred, timeoutMs = 5000) => {
      const hit = fromGrid.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve };
        waiters.push(w);
        setTimeout(() => { const i = waiters.indexOf(w); if (i >= 0) { waiters.splice(i, 1); reject(new Error('timed out waiting for a grid message')); } }, timeoutMs);
      });
    },
    violations: () => page.evaluate(() => (globalThis as unknown as { __violations: unknown[] }).__violations),
    close: async () => {
      session.dispose();
      await page.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}

/** Text of the painted (non-placeholder) rows in row order, cells joined by tabs. */
export async function paintedRows(page: Page): Promise<string[]> {
  const rows = await page.$$eval('.grid-rows .row:not(.placeholder):not([hidden])', (els) =>
    els.map((r) => ({
      row: Number((r as unknown as { dataset: { row: string } }).dataset.row),
      text: Array.from(r.querySelectorAll('.cell'), (c) => (c as { textContent: string | null }).textContent ?? '').join('\t'),
    })));
  return rows.sort((a, b) => a.row - b.row).map((r) => r.text);
}

/**
 * Painted rows once they equal `expected`, or the last ones seen after `timeoutMs`. A new view shows
 * placeholders until its rows arrive, so one look right after an action can catch the gap.
 */
export async function paintedRowsOnceEqual(page: Page, expected: string[], timeoutMs = 5000): Promise<string[]> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const rows = await paintedRows(page);
    if (JSON.stringify(rows) === JSON.stringify(expected) || Date.now() > until) return rows;
    await page.waitForTimeout(20);
  }
}

export function pageOf(fields: string[], rows: (string | string[] | null)[][], offset = 0): ResultPage {
  return { kind: 'page', fields, rows, offset, preview: false };
}
