/**
 * The host side of one results grid, without vscode: validates grid messages, keeps the current
 * view (sort, filter, columns) over the store, answers row requests with display-truncated windows
 * and tells the grid when the view changes. Actions that need VS Code (copy to the clipboard,
 * export, open in an editor, re-run, cancel, hash-column setting) go to `onAction`, with helpers to
 * resolve the grid's index-based selection against the store.
 */
import type { Cell } from '../shared/cell';
import {
  LIMITS, isFilterSpec, isGridToHost,
  type CellRef, type ColumnInfo, type GridSettings, type GridToHost, type GridToHostType, type HostToGrid, type JobFacts,
  type Selection, type ViewState, type ViewSummary,
} from '../shared/protocol';
import { regexJobs, type RegexJob } from './filter';
import { HashFields } from './hashFields';
import { matchInWorker, REGEX_BUDGET_MS } from './regexWorker';
import type { ResultStore, StoreColumn } from './store';
import type { TableView } from './table';
import { ResultView } from './view';

/** One grid message of the given type. */
export type GridMessage<K extends GridToHostType> = Extract<GridToHost, { type: K }>;

/** A handler for every grid message: the compiler checks that none is missing. */
export type GridHandlers = { [K in GridToHostType]: (msg: GridMessage<K>) => void };

/** The messages about the view, which the session answers itself. */
type ViewMessageType = 'ready' | 'requestRows' | 'setSort' | 'setFilter' | 'setColumns' | 'toggleInternal' | 'filterToValue' | 'excludeValue';

/** The messages that need more than the view (the clipboard, a file, the job, the editor): the panel's. */
export type GridActionHandlers = Omit<GridHandlers, ViewMessageType>;

/** Calls the message's own handler; the cast is safe because the map is keyed by the message's type. */
export function dispatchGridMessage(handlers: GridHandlers, msg: GridToHost): void {
  (handlers[msg.type] as (m: GridToHost) => void)(msg);
}

export interface GridSessionOptions {
  store: ResultStore;
  post(msg: HostToGrid): void;
  job: JobFacts;
  settings: GridSettings;
  actions: GridActionHandlers;
  /** Called with messages that failed validation (for logging; never echo them back). */
  onRejected?(msg: unknown): void;
  /** Coalesce store changes into at most one viewChanged per this many ms (default 100). */
  refreshMs?: number;
  /** Time one regex evaluation may take in its worker before it is stopped (default 2 s). */
  regexBudgetMs?: number;
}

/** Worker results for one regex over one store generation: rows [0, matches.length) are evaluated. */
type RegexState = { matches: Uint8Array; running: boolean } | { tooSlow: string };

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
  private readonly handlers: GridHandlers;
  /** Which fields of this result hold hash lists: the grid's marks, the Hashes panel and export read it. */
  readonly hashFields: HashFields;
  private readonly derivedViews = new Map<string, { viewId: number; view: ResultView }>();

  constructor(private readonly opts: GridSessionOptions) {
    this.state = emptyViewState();
    this.hashFields = new HashFields(opts.store);
    this.handlers = { ...this.viewHandlers(), ...opts.actions };
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

  /**
   * A view over this session's result for copy, export and the Hashes panel. `rows: 'view'` keeps the
   * grid's sort and filter, `'all'` every row in store order; `columns: 'shown'` the grid's columns,
   * `'all'` every column including internal ones. Built once per grid view and reused.
   */
  viewFor(scope: { rows: 'view' | 'all'; columns: 'shown' | 'all' }): ResultView {
    if (scope.rows === 'view' && scope.columns === 'shown') return this.current;
    const key = `${scope.rows}/${scope.columns}`;
    const hit = this.derivedViews.get(key);
    if (hit && hit.viewId === this.id) return hit.view;
    const st = this.state;
    const rows = scope.rows === 'view' ? { sort: st.sort, filter: st.filter } : {};
    const columns = scope.columns === 'all' ? { showInternal: true } : { columns: st.order, hidden: st.hidden, showInternal: st.showInternal };
    const view = new ResultView(this.opts.store, { ...rows, ...columns });
    this.derivedViews.set(key, { viewId: this.id, view });
    return view;
  }

  /** Handles one message from the grid. Returns false (and does nothing else) if it is not valid. */
  handle(msg: unknown): boolean {
    if (!isGridToHost(msg)) {
      this.opts.onRejected?.(msg);
      return false;
    }
    dispatchGridMessage(this.handlers, msg);
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

  private viewHandlers(): Pick<GridHandlers, ViewMessageType> {
    return {
      ready: () => {
        this.ready = true;
        this.opts.post({ type: 'init', view: this.summary(), job: this.job, settings: this.settings });
      },
      requestRows: (m) => this.sendRows(m.requestId, m.viewId, m.start, m.count),
      setSort: (m) => this.update({ sort: m.sort }),
      setFilter: (m) => this.update({ filter: m.filter }),
      setColumns: (m) => this.update({ order: m.order, hidden: m.hidden }),
      toggleInternal: (m) => this.update({ showInternal: m.show }),
      filterToValue: (m) => this.addValueMatch('include', m.cell),
      excludeValue: (m) => this.addValueMatch('exclude', m.cell),
    };
  }

  private addValueMatch(key: 'include' | 'exclude', cell: CellRef): void {
    const v = this.cellValue(cell);
    if (!v) return;
    const f = this.state.filter;
    const list = [...(f[key] ?? []), { column: v.column, value: v.value }].slice(-LIMITS.maxValueMatches);
    const next = { ...f, [key]: list };
    // The grid echoes the whole filter back on every later change; a value over the protocol's
    // limits would make each of those fail the guard, so it never gets into the state.
    if (!isFilterSpec(next)) {
      this.opts.post({ type: 'error', message: `This value is too large to ${key === 'include' ? 'filter to' : 'exclude'} (over ${LIMITS.maxValueLength.toLocaleString('en-US')} characters, ${LIMITS.maxMultiValues.toLocaleString('en-US')} values, or a field name over ${LIMITS.maxNameLength.toLocaleString('en-US')} characters). Filter on part of it in the filter box instead.` });
      return;
    }
    this.update({ filter: next });
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.hashFields.dispose();
    if (this.timer) clearTimeout(this.timer);
  }

  private makeView(): ResultView {
    const view = new ResultView(this.opts.store, {
      sort: this.state.sort,
      filter: this.state.filter,
      columns: this.state.order,
      hidden: this.state.hidden,
      showInternal: this.state.showInternal,
      regex: (key) => this.regexResult(key),
    });
    this.evaluateRegexes(view);
    return view;
  }

  private regexResult(key: string): Uint8Array | { tooSlow: string } | undefined {
    const st = this.regex.get(key);
    return st === undefined ? undefined : 'tooSlow' in st ? st : st.matches;
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
    if (c.kind === 'derived' && c.source !== undefined && this.hashFields.has(c.source)) out.hash = true;
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
