/**
 * A sorted, filtered, column-chosen view over a ResultStore: an index array of store rows plus the
 * visible column list. Implements TableView, so copy and export read it like the grid does.
 * It follows the store: on access after an append it extends itself (unsorted) or recomputes.
 */
import type { Cell } from '../shared/cell';
import type { FilterSpec, SortKey } from '../shared/protocol';
import { compileFilter, type RegexLookup } from './filter';
import { orderIndex } from './sort';
import type { ResultStore, StoreColumn } from './store';
import type { TableView } from './table';

export interface ViewOptions {
  sort?: SortKey[];
  filter?: FilterSpec;
  /** Preferred column order; listed columns come first in this order, the rest follow in store order. */
  columns?: string[];
  hidden?: string[];
  /** Show internal `_` fields (other than `_time`, which always shows). */
  showInternal?: boolean;
  /** Regex results computed off the host's thread; without it, regexes run here (tests, small sets). */
  regex?: RegexLookup;
}

export class ResultView implements TableView {
  private visible: StoreColumn[] = [];
  private visibleNames: string[] = [];
  private visibleValues: (readonly Cell[])[] = [];
  private index: Uint32Array = new Uint32Array(0);
  private identity = true;
  private syncedGen = -1;
  private syncedRows = 0;
  private syncedLayout: readonly StoreColumn[] | undefined;
  private errors: string[] = [];

  constructor(private readonly store: ResultStore, readonly options: Readonly<ViewOptions> = {}) {
    this.sync();
  }

  get columns(): readonly string[] {
    this.sync();
    return this.visibleNames;
  }

  get columnInfo(): readonly StoreColumn[] {
    this.sync();
    return this.visible;
  }

  get rowCount(): number {
    this.sync();
    return this.identity ? this.syncedRows : this.index.length;
  }

  /** Rows that pass the filter (the same as rowCount; kept apart for the protocol's wording). */
  get matchCount(): number {
    return this.rowCount;
  }

  /** Rows in the store, filtered or not. */
  get totalCount(): number {
    return this.store.rowCount;
  }

  /** Problems applying the filter (e.g. an invalid regex, matched as text instead). */
  get filterErrors(): readonly string[] {
    this.sync();
    return this.errors;
  }

  /** The store row behind a view row. */
  storeRow(row: number): number {
    this.sync();
    return this.identity ? row : this.index[row]!;
  }

  cell(row: number, column: number): Cell {
    this.sync();
    if (row < 0 || row >= this.rowCount || column < 0 || column >= this.visibleValues.length) return null;
    return this.visibleValues[column]![this.identity ? row : this.index[row]!] ?? null;
  }

  /** Rows [start, start + count) clipped to the view, cells in visible column order. */
  window(start: number, count: number): Cell[][] {
    this.sync();
    const end = Math.min(this.rowCount, Math.max(0, start) + Math.max(0, count));
    const out: Cell[][] = [];
    for (let r = Math.max(0, start); r < end; r++) {
      const sr = this.identity ? r : this.index[r]!;
      out.push(this.visibleValues.map((col) => col[sr] ?? null));
    }
    return out;
  }

  /** Forgets what was computed, e.g. when regex results arrived: the next access recomputes it all. */
  invalidate(): void {
    this.syncedGen = -1;
  }

  /** Brings the view up to date with the store now (otherwise done lazily on access). */
  sync(): void {
    const store = this.store;
    const layout = store.columns;
    const layoutChanged = layout !== this.syncedLayout;
    const genChanged = store.generation !== this.syncedGen;
    const grown = store.rowCount !== this.syncedRows;
    if (!layoutChanged && !genChanged && !grown) return;
    if (layoutChanged) this.chooseColumns(layout);
    else this.visibleValues = this.visible.map((c) => store.columnValues(c.name) ?? []);
    const filter = this.options.filter ?? {};
    // A text filter looks at the visible columns, so new columns can change old rows' matches.
    const needFull = genChanged || (layoutChanged && !!filter.text) || (this.options.sort?.length ?? 0) > 0;
    const from = needFull || store.rowCount < this.syncedRows ? 0 : this.syncedRows;
    this.recompute(from);
    this.syncedGen = store.generation;
    this.syncedRows = store.rowCount;
    this.syncedLayout = layout;
  }

  private chooseColumns(layout: readonly StoreColumn[]): void {
    const hidden = new Set(this.options.hidden ?? []);
    const showInternal = this.options.showInternal ?? false;
    const shown = layout.filter((c) => !hidden.has(c.name) && (showInternal || !c.internal));
    const order = this.options.columns ?? [];
    const rank = new Map<string, number>();
    order.forEach((n, i) => { if (!rank.has(n)) rank.set(n, i); });
    const listed = shown.filter((c) => rank.has(c.name)).sort((a, b) => rank.get(a.name)! - rank.get(b.name)!);
    const rest = shown.filter((c) => !rank.has(c.name));
    this.visible = [...listed, ...rest];
    this.visibleNames = this.visible.map((c) => c.name);
    this.visibleValues = this.visible.map((c) => this.store.columnValues(c.name) ?? []);
  }

  private recompute(from: number): void {
    const store = this.store;
    const n = store.rowCount;
    const filter = compileFilter(this.options.filter ?? {}, (name) => store.columnValues(name), this.visibleNames, this.options.regex);
    this.errors = filter.errors;
    const sortKeys = (this.options.sort ?? []).filter((k) => store.hasColumn(k.column));
    if (filter.empty && sortKeys.length === 0) {
      this.identity = true;
      this.index = new Uint32Array(0);
      return;
    }
    let rows: Uint32Array;
    if (filter.empty) {
      rows = new Uint32Array(n);
      for (let r = 0; r < n; r++) rows[r] = r;
    } else {
      const kept = from > 0 && !this.identity ? Array.from(this.index) : [];
      for (let r = from; r < n; r++) if (filter.pass(r)) kept.push(r);
      rows = Uint32Array.from(kept);
    }
    this.identity = false;
    this.index = sortKeys.length === 0 ? rows : orderIndex(rows, sortKeys.map((k) => ({ ranks: store.sortRanks(k.column), direction: k.direction })));
  }
}
