/**
 * The result store of one search: columnar (one array per field), appended page by page while the
 * search runs, with derived columns (e.g. hash algorithms split out of Sysmon's `Hashes`) placed
 * right after their source column. Views (sort, filter, column choice) are index arrays over it.
 */
import type { Cell } from '../shared/cell';
import type { ResultPage } from '../search/backend';
import { rankColumn, type ColumnRanks } from './sort';

export interface DerivedColumnSpec {
  name: string;
  compute(cell: Cell): Cell;
}

/** Adds columns computed from one source field; they sit right after it. */
export interface DerivedColumnProvider {
  sourceField: string;
  columns: DerivedColumnSpec[];
}

export interface StoreColumn {
  name: string;
  kind: 'field' | 'derived';
  /** For derived columns: the field they are computed from. */
  source?: string;
  /** Splunk's internal fields (`_raw`, `_cd`, ...): hidden unless asked for. `_time` is not. */
  internal: boolean;
}

export function isInternalField(name: string): boolean {
  return name.startsWith('_') && name !== '_time';
}

interface DerivedState {
  spec: DerivedColumnSpec;
  source: string;
  values: Cell[];
  memo: DerivedMemo;
}

/** Distinct source strings remembered per derived column; past it the memo starts again. */
const MEMO_LIMIT = 4096;

/**
 * What each source string computed to. Source columns repeat (Sysmon's `Hashes` takes a few hundred
 * values over 100,000 rows), so most cells are found here instead of being parsed again; the client
 * gives equal cells one string, whose hash V8 keeps, so a lookup does not read the string again.
 * `compute` is a function of the cell alone, so a hit is exactly what it would return.
 */
class DerivedMemo {
  private readonly results = new Map<string, Cell>();

  compute(spec: DerivedColumnSpec, cell: Cell): Cell {
    if (typeof cell !== 'string') return computeSafely(spec, cell);
    const hit = this.results.get(cell);
    if (hit !== undefined) return hit;
    const out = computeSafely(spec, cell);
    if (this.results.size >= MEMO_LIMIT) this.results.clear();
    this.results.set(cell, out);
    return out;
  }
}

export class ResultStore {
  private readonly fieldIndex = new Map<string, number>();
  private readonly fieldNames: string[] = [];
  private readonly fieldData: Cell[][] = [];
  private count = 0;
  private providers: DerivedColumnProvider[] = [];
  private derived = new Map<string, DerivedState>();
  private layout: StoreColumn[] | undefined;
  private gen = 0;
  private listeners = new Set<() => void>();
  private ranks = new Map<string, { gen: number; rows: number; ranks: ColumnRanks }>();

  get rowCount(): number {
    return this.count;
  }

  /**
   * Bumped when existing rows change (a page replaced rows, or the derived columns changed), as
   * opposed to rows being appended. Views use it to tell "recompute" from "extend".
   */
  get generation(): number {
    return this.gen;
  }

  /** Source field names in Splunk's order (fields first seen later are appended). */
  get fields(): readonly string[] {
    return this.fieldNames;
  }

  /** Every column in display order: each field followed by the columns derived from it. */
  get columns(): readonly StoreColumn[] {
    if (!this.layout) this.layout = this.buildLayout();
    return this.layout;
  }

  hasColumn(name: string): boolean {
    return this.fieldIndex.has(name) || this.derived.has(name);
  }

  /**
   * Writes the page's rows at `page.offset`. Rows already held at or after that offset (preview rows,
   * or a re-fetch) are replaced; a gap before the offset is filled with absent rows.
   */
  append(page: ResultPage): void {
    const offset = Math.max(0, Math.floor(page.offset));
    if (offset < this.count) {
      for (const col of this.fieldData) col.length = offset;
      for (const d of this.derived.values()) if (d.values.length > offset) d.values.length = offset;
      this.count = offset;
      this.gen++;
    }
    // For each store field, where this page holds it (-1: absent). New fields are appended.
    for (const f of page.fields) {
      if (this.fieldIndex.has(f)) continue;
      this.fieldIndex.set(f, this.fieldNames.length);
      this.fieldNames.push(f);
      this.fieldData.push(new Array<Cell>(this.count).fill(null));
      this.layout = undefined;
    }
    this.refreshDerived();
    const pos = new Int32Array(this.fieldNames.length).fill(-1);
    // A duplicated field name in a page keeps its first value.
    for (let i = page.fields.length - 1; i >= 0; i--) pos[this.fieldIndex.get(page.fields[i]!)!] = i;
    // Each column is sized once and the rows are read once, row by row: reading every row again
    // for each column (a cache miss per row) and growing columns by push cost twice as much.
    const base = Math.max(this.count, offset);
    const end = base + page.rows.length;
    const present: Cell[][] = [];
    const from: number[] = [];
    for (let c = 0; c < this.fieldData.length; c++) {
      const col = this.fieldData[c]!;
      const had = col.length;
      col.length = end;
      const p = pos[c]!;
      for (let r = had; r < (p < 0 ? end : base); r++) col[r] = null;
      if (p >= 0) { present.push(col); from.push(p); }
    }
    const rows = page.rows;
    const width = present.length;
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r]!;
      for (let k = 0; k < width; k++) {
        const v = row[from[k]!];
        present[k]![base + r] = v === undefined ? null : v;
      }
    }
    this.count = end;
    this.notify();
  }

  /** Replaces the derived-column providers (e.g. when hash columns are switched on or off). */
  setDerivedColumns(providers: DerivedColumnProvider[]): void {
    this.providers = providers.slice();
    this.derived = new Map();
    this.layout = undefined;
    this.refreshDerived();
    this.gen++;
    this.notify();
  }

  private refreshDerived(): void {
    const taken = new Set(this.fieldNames);
    for (const p of this.providers) {
      if (!this.fieldIndex.has(p.sourceField)) continue;
      for (const spec of p.columns) {
        if ([...this.derived.values()].some((d) => d.spec === spec && d.source === p.sourceField)) {
          taken.add(this.nameOf(spec, p.sourceField));
          continue;
        }
        // A derived column never shadows a field Splunk returned: rename it after its source.
        let name = spec.name;
        if (taken.has(name) || this.derived.has(name)) name = `${spec.name} (${p.sourceField})`;
        if (taken.has(name) || this.derived.has(name)) continue;
        taken.add(name);
        this.derived.set(name, { spec, source: p.sourceField, values: [], memo: new DerivedMemo() });
        this.layout = undefined;
      }
    }
  }

  private nameOf(spec: DerivedColumnSpec, source: string): string {
    for (const [name, d] of this.derived) if (d.spec === spec && d.source === source) return name;
    return spec.name;
  }

  private buildLayout(): StoreColumn[] {
    const bySource = new Map<string, StoreColumn[]>();
    for (const [name, d] of this.derived) {
      const list = bySource.get(d.source) ?? [];
      list.push({ name, kind: 'derived', source: d.source, internal: isInternalField(name) });
      bySource.set(d.source, list);
    }
    const out: StoreColumn[] = [];
    for (const f of this.fieldNames) {
      out.push({ name: f, kind: 'field', internal: isInternalField(f) });
      out.push(...(bySource.get(f) ?? []));
    }
    return out;
  }

  /**
   * All values of a column, rows [0, rowCount). Derived columns are computed here on first use and
   * extended as rows arrive. Returns undefined for an unknown column. Do not mutate.
   */
  columnValues(name: string): readonly Cell[] | undefined {
    const i = this.fieldIndex.get(name);
    if (i !== undefined) return this.fieldData[i];
    const d = this.derived.get(name);
    if (!d) return undefined;
    const src = this.fieldData[this.fieldIndex.get(d.source)!]!;
    for (let r = d.values.length; r < this.count; r++) d.values.push(d.memo.compute(d.spec, src[r]!));
    return d.values;
  }

  cell(row: number, column: string): Cell {
    const i = this.fieldIndex.get(column);
    if (i !== undefined) return this.fieldData[i]![row] ?? null;
    const d = this.derived.get(column);
    if (!d || row < 0 || row >= this.count) return null;
    if (row < d.values.length) return d.values[row]!;
    return computeSafely(d.spec, this.fieldData[this.fieldIndex.get(d.source)!]![row]!);
  }

  /** Sort ranks of a column, cached until the store changes. */
  sortRanks(column: string): ColumnRanks {
    const hit = this.ranks.get(column);
    if (hit && hit.gen === this.gen && hit.rows === this.count) return hit.ranks;
    const values = this.columnValues(column) ?? [];
    const ranks = rankColumn((r) => values[r] ?? null, this.count);
    this.ranks.set(column, { gen: this.gen, rows: this.count, ranks });
    return ranks;
  }

  /** Called after every append or derived-column change. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

function computeSafely(spec: DerivedColumnSpec, cell: Cell): Cell {
  // A provider bug must not break the grid; the cell shows as absent.
  try {
    return spec.compute(cell);
  } catch {
    return null;
  }
}
