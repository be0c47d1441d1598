/**
 * The host side of one results grid, without vscode: validates grid messages, keeps the current
 * view (sort, filter, columns) over the store, answers row requests with display-truncated windows
 * and tells the grid when the view changes. Actions that need VS Code (copy to the clipboard,
 * export, open in an editor, re-run, cancel, hash-column setting) go to `onAction`, with helpers to
 * resolve the grid's index-based selection against the store.
 */
import type { Cell } from '../search/backend';
import {
  LIMITS, isFilterSpec, isGridToHost,
  type CellRef, type ColumnInfo, type GridSettings, type GridToHost, type HostToGrid, type JobFacts,
  type PersistedGridState, type Selection, type ViewState, type ViewSummary,
} from '../shared/protocol';
import { regexJobs, type RegexJob } from './filter';
import { matchInWorker, REGEX_BUDGET_MS } from './regexWorker';
import type { ResultStore, StoreColumn } from './store';
import type { TableView } from './table';
import type { ResultView } from './view';

export type GridAction = Extract<GridToHost, { type: 'copy' | 'export' | 'openValue' | 'rerun' | 'cancel' | 'toggleHashColumns' | 'select' | 'persistState' }>;

export interface GridSessionOptions {
  store: ResultStore;
  post(msg: HostToGrid): void;
  job: JobFacts;
  settings: GridSettings;
  /** A view state to start from (e.g. restored from workspace state). */
  state?: Partial<ViewState>;
  onAction?(action: GridAction, session: GridSession): void;
  /** Called with messages that failed validation (for logging; never echo them back). */
  onRejected?(msg: unknown): void;
  /** Coalesce store changes into at most one viewChanged per this many ms (default 100). */
  refreshMs?: number;
  /** Time one regex evaluation may take in its worker before it is stopped (default 2 s). */
  regexBudgetMs?: number;
}

/** Worker results for one regex over one store generation: rows [0, matches.length) are evaluated. */
type RegexState = { matches: Uint8Array; running: boolean } | { tooSlow: string };

const HASH_SOURCES = new Set(['hashes', 'hash']);

export function emptyViewState(): ViewState {
  return { sort: [], filter: {}, order: [], hidden: [], showInternal: false };
}

export class GridSession {
  private state: ViewState;
  private current: ResultView;
  private id = 1;
  private job: JobFacts;
  private settings: GridSettings;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly unsubscribe: () => void;
  private lastColumns = '';
  private lastGen = -1;
  private ready = false;
  private lastRefreshMs = 0;
  private regex = new Map<string, RegexState>();
  private regexGen = -1;
  private disposed = false;

  constructor(private readonly opts: GridSessionOptions) {
    this.state = { ...emptyViewState(), ...opts.state };
    this.job = opts.job;
    this.settings = opts.settings;
    this.current = this.makeView();
    this.unsubscribe = opts.store.onChange(() => this.scheduleRefresh());
  }

  get view(): ResultView {
    return this.current;
  }

  get viewId(): number {
    return this.id;
  }

  get viewState(): ViewState {
    return this.state;
  }

  /** Handles one message from the grid. Returns false (and does nothing else) if it is not valid. */
  handle(msg: unknown): boolean {
    if (!isGridToHost(msg)) {
      this.opts.onRejected?.(msg);
      return false;
    }
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.opts.post({ type: 'init', view: this.summary(), job: this.job, settings: this.settings });
        break;
      case 'requestRows':
        this.sendRows(msg.requestId, msg.viewId, msg.start, msg.count);
        break;
      case 'setSort':
        this.update({ sort: msg.sort });
        break;
      case 'setFilter':
        this.update({ filter: msg.filter });
        break;
      case 'setColumns':
        this.update({ order: msg.order, hidden: msg.hidden });
        break;
      case 'toggleInternal':
        this.update({ showInternal: msg.show });
        break;
      case 'filterToValue':
      case 'excludeValue': {
        const v = this.cellValue(msg.cell);
        if (!v) break;
        const f = this.state.filter;
        const key = msg.type === 'filterToValue' ? 'include' : 'exclude';
        const list = [...(f[key] ?? []), { column: v.column, value: v.value }].slice(-LIMITS.maxValueMatches);
        const next = { ...f, [key]: list };
        // The grid echoes the whole filter back on every later change; a value over the protocol's
        // limits would make each of those fail the guard, so it never gets into the state.
        if (!isFilterSpec(next)) {
          this.opts.post({ type: 'error', message: `This value is too large to ${key === 'include' ? 'filter to' : 'exclude'} (over ${LIMITS.maxValueLength.toLocaleString('en-US')} characters, ${LIMITS.maxMultiValues.toLocaleString('en-US')} values, or a field name over ${LIMITS.maxNameLength.toLocaleString('en-US')} characters). Filter on part of it in the filter box instead.` });
          break;
        }
        this.update({ filter: next });
        break;
      }
      default:
        this.opts.onAction?.(msg, this);
    }
    return true;
  }

  /** New job facts (progress, counts, messages); forwarded to the grid. */
  setJob(job: JobFacts): void {
    this.job = job;
    if (this.ready) this.opts.post({ type: 'status', job });
  }

  setSettings(settings: GridSettings): void {
    this.settings = settings;
    if (this.ready) this.opts.post({ type: 'settings', settings });
  }

  /** Applies a new view state and tells the grid. */
  update(change: Partial<ViewState>): void {
    this.state = { ...this.state, ...change };
    this.current = this.makeView();
    this.id++;
    this.postView();
  }

  /** The value behind a grid cell reference, if it still refers to the current view. */
  cellValue(ref: CellRef): { column: string; value: Cell } | undefined {
    if (ref.viewId !== this.id) return undefined;
    const v = this.current;
    if (ref.row >= v.rowCount || ref.column >= v.columns.length) return undefined;
    return { column: v.columns[ref.column]!, value: v.cell(ref.row, ref.column) };
  }

  /**
   * The selected cells as a table: the union of the selected rows and of the selected columns, in
   * view order. Undefined if the selection belongs to an older view.
   */
  selectionTable(sel: Selection): TableView | undefined {
    if (sel.viewId !== this.id) return undefined;
    const v = this.current;
    const rowSet = new Set<number>();
    const colSet = new Set<number>();
    for (const r of sel.ranges) {
      for (let i = r.rowStart; i <= Math.min(r.rowEnd, v.rowCount - 1); i++) rowSet.add(i);
      for (let c = r.colStart; c <= Math.min(r.colEnd, v.columns.length - 1); c++) colSet.add(c);
    }
    const rows = [...rowSet].sort((a, b) => a - b);
    const cols = [...colSet].sort((a, b) => a - b);
    return {
      columns: cols.map((c) => v.columns[c]!),
      rowCount: rows.length,
      cell: (row, column) => v.cell(rows[row]!, cols[column]!),
    };
  }

  /** What the grid persisted, checked; use to restore a view later. */
  static viewStateOf(p: PersistedGridState): ViewState {
    return { sort: p.sort, filter: p.filter, order: p.order, hidden: p.hidden, showInternal: p.showInternal };
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
  }

  private makeView(): ResultView {
    const view = this.opts.store.createView({
      sort: this.state.sort,
      filter: this.state.filter,
      columns: this.state.order,
      hidden: this.state.hidden,
      showInternal: this.state.showInternal,
      regex: (key) => {
        const st = this.regex.get(key);
        return st === undefined ? undefined : 'tooSlow' in st ? st : st.matches;
      },
    });
    this.evaluateRegexes(view);
    return view;
  }

  /**
   * Starts a worker for each regex of the filter whose results do not yet cover the store. The view
   * shows rows as their results arrive; a regex over its budget is stopped and matched as text.
   */
  private evaluateRegexes(view: ResultView): void {
    const store = this.opts.store;
    if (store.generation !== this.regexGen) { this.regex.clear(); this.regexGen = store.generation; }
    for (const job of regexJobs(this.state.filter, view.columns)) {
      const st = this.regex.get(job.key);
      if (st && ('tooSlow' in st || st.running || st.matches.length >= store.rowCount)) continue;
      this.runRegex(job, st?.matches ?? new Uint8Array(0));
    }
  }

  private runRegex(job: RegexJob, done: Uint8Array): void {
    const store = this.opts.store;
    const gen = store.generation;
    const to = store.rowCount;
    this.regex.set(job.key, { matches: done, running: true });
    const columns = job.columns.map((c) => store.columnValues(c) ?? []);
    void matchInWorker(job.pattern, job.flags, columns, done.length, to, this.opts.regexBudgetMs ?? REGEX_BUDGET_MS).then((outcome) => {
      if (this.disposed || store.generation !== gen || !this.regex.has(job.key)) return;
      if (outcome.ok) {
        const all = new Uint8Array(to);
        all.set(done);
        all.set(outcome.matches, done.length);
        this.regex.set(job.key, { matches: all, running: false });
      } else {
        this.regex.set(job.key, { tooSlow: outcome.reason });
        if (this.ready) this.opts.post({ type: 'error', message: outcome.reason });
      }
      // Which rows pass changed: a new view id, so the grid asks for its rows again.
      this.current.invalidate();
      this.id++;
      this.evaluateRegexes(this.current);
      this.postView();
    });
  }

  private scheduleRefresh(): void {
    if (this.timer) return;
    // A sorted view re-sorts on every refresh; while pages stream in, leave the host at least
    // twice the last refresh's time to itself.
    const delay = Math.max(this.opts.refreshMs ?? 100, 2 * this.lastRefreshMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const t0 = performance.now();
      this.refresh();
      this.lastRefreshMs = performance.now() - t0;
    }, delay);
  }

  /** Re-syncs the view with the store now and tells the grid (normally done on a timer). */
  refresh(): void {
    const v = this.current;
    v.sync();
    this.evaluateRegexes(v);
    const cols = JSON.stringify(v.columns);
    // Appended rows leave existing positions alone only when the view is in store order.
    const moved = this.state.sort.length > 0 || cols !== this.lastColumns || this.opts.store.generation !== this.lastGen;
    if (moved) this.id++;
    this.postView();
  }

  private postView(): void {
    if (!this.ready) return;
    this.opts.post({ type: 'viewChanged', view: this.summary() });
  }

  private summary(): ViewSummary {
    const v = this.current;
    const info = v.columnInfo.map((c) => this.columnInfo(c));
    this.lastColumns = JSON.stringify(v.columns);
    this.lastGen = this.opts.store.generation;
    const errors = v.filterErrors;
    return {
      viewId: this.id,
      columns: info,
      allColumns: this.opts.store.columns.map((c) => this.columnInfo(c)),
      rowCount: v.rowCount,
      matchCount: v.matchCount,
      totalCount: v.totalCount,
      state: this.state,
      ...(errors.length > 0 ? { filterError: errors.join(' ') } : {}),
    };
  }

  private columnInfo(c: StoreColumn): ColumnInfo {
    const out: ColumnInfo = { name: c.name, kind: c.kind, internal: c.internal, widthHint: this.widthHint(c.name) };
    if (c.source !== undefined) out.source = c.source;
    if (c.kind === 'derived' && c.source !== undefined && HASH_SOURCES.has(c.source.toLowerCase())) out.hash = true;
    return out;
  }

  private widthHint(name: string): number {
    // From the header and the first rows; the grid lets the user resize anyway.
    const values = this.opts.store.columnValues(name) ?? [];
    const lens: number[] = [];
    for (let r = 0; r < Math.min(values.length, 50); r++) {
      const c = values[r];
      lens.push(c === null || c === undefined ? 0 : typeof c === 'string' ? c.length : c.join(' | ').length);
    }
    lens.sort((a, b) => a - b);
    const typical = lens.length > 0 ? lens[Math.floor(lens.length * 0.8)]! : 0;
    return Math.round(Math.min(420, Math.max(64, 7.5 * Math.max(name.length + 3, typical) + 16)));
  }

  private sendRows(requestId: number, viewId: number, start: number, count: number): void {
    if (viewId !== this.id) return; // the grid will ask again for the new view
    const rows = this.current.window(start, count);
    const clipped: number[] = [];
    const width = this.current.columns.length;
    const max = LIMITS.displayChars;
    const cut = (s: string, flat: number): string => {
      if (s.length <= max) return s;
      clipped.push(flat);
      return s.slice(0, max);
    };
    const out = rows.map((row, r) => row.map((cell, c): Cell => {
      if (cell === null) return null;
      if (typeof cell === 'string') return cut(cell, r * width + c);
      let total = 0;
      const vals: string[] = [];
      for (const v of cell) {
        if (total >= max) { clipped.push(r * width + c); break; }
        const s = v.length + total > max ? v.slice(0, max - total) : v;
        if (s.length < v.length) clipped.push(r * width + c);
        total += s.length;
        vals.push(s);
      }
      return vals;
    }));
    this.opts.post({ type: 'rows', requestId, viewId, start, rows: out, clipped: [...new Set(clipped)] });
  }
}
