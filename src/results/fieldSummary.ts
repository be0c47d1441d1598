/**
 * Per-field summaries for a fields sidebar, built incrementally as result pages arrive: the share of
 * rows that have the field, distinct values, the top values with counts and shares, and min / max /
 * average when every value is a number. A multivalue cell counts once for the share and once per
 * value for the rest.
 */
import type { Cell } from '../search/backend';

export interface TopValue {
  value: string;
  count: number;
  /** count / rows that have the field. */
  share: number;
}

export interface FieldStats {
  field: string;
  /** Rows with at least one value. */
  rows: number;
  /** rows / all rows seen. */
  share: number;
  distinct: number;
  /** True when there were more distinct values than are tracked: `distinct` is then a lower bound. */
  distinctCapped: boolean;
  top: TopValue[];
  /** Present when every value is a number. */
  numeric?: { min: number; max: number; avg: number };
}

export interface FieldSummaryOptions {
  /** Distinct values tracked per field before counting only the ones already seen (memory bound). Default 10,000 (as a fields sidebar reads it: "10,000+ values"). */
  maxDistinct?: number;
  /** Values in a field's top list. Default 10. */
  topCount?: number;
}

const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

class FieldAccumulator {
  rows = 0;
  values = 0;
  numbers = 0;
  min = Infinity;
  max = -Infinity;
  sum = 0;
  capped = false;
  /** Value -> its slot in `tally`: one map lookup per repeated value instead of a get and a set. */
  readonly slots = new Map<string, number>();
  readonly tally: number[] = [];

  constructor(readonly field: string, private readonly maxDistinct: number) {}

  addValue(v: string): void {
    this.values++;
    const slot = this.slots.get(v);
    if (slot !== undefined) this.tally[slot]!++;
    else if (this.tally.length < this.maxDistinct) {
      this.slots.set(v, this.tally.length);
      this.tally.push(1);
    } else this.capped = true;
    // Only while every value so far was a number: one text value makes the field non-numeric.
    if (this.numbers === this.values - 1 && NUMBER.test(v)) {
      const n = Number(v);
      this.numbers++;
      if (n < this.min) this.min = n;
      if (n > this.max) this.max = n;
      this.sum += n;
    }
  }
}

export class FieldSummary {
  private readonly fields = new Map<string, FieldAccumulator>();
  private totalRows = 0;
  private readonly maxDistinct: number;
  private readonly topCount: number;

  constructor(options: FieldSummaryOptions = {}) {
    this.maxDistinct = Math.max(1, options.maxDistinct ?? 10_000);
    this.topCount = Math.max(1, options.topCount ?? 10);
  }

  get rowCount(): number {
    return this.totalRows;
  }

  /** Adds one page: `rows[i][j]` is the value of `fields[j]`. */
  add(fields: readonly string[], rows: readonly (readonly Cell[])[]): void {
    const accs = fields.map((f) => this.accumulator(f));
    for (const row of rows) {
      for (let j = 0; j < accs.length; j++) addCell(accs[j]!, row[j]);
    }
    this.totalRows += rows.length;
  }

  /**
   * Adds rows [start, end) of a column-oriented result (the result store's own layout): one array of
   * cells per field, all at least `end` long.
   */
  addColumns(columns: readonly { field: string; values: readonly Cell[] }[], start: number, end: number): void {
    for (const { field, values } of columns) {
      const acc = this.accumulator(field);
      for (let r = start; r < end; r++) addCell(acc, values[r]);
    }
    this.totalRows += Math.max(0, end - start);
  }

  private accumulator(field: string): FieldAccumulator {
    let a = this.fields.get(field);
    if (!a) {
      a = new FieldAccumulator(field, this.maxDistinct);
      this.fields.set(field, a);
    }
    return a;
  }

  /** Starts over (preview rows replaced by final ones). */
  reset(): void {
    this.fields.clear();
    this.totalRows = 0;
  }

  /** One field's figures; the top list is computed now, in one pass over its distinct values. */
  stats(field: string): FieldStats | undefined {
    const a = this.fields.get(field);
    return a ? this.describe(a) : undefined;
  }

  /** Every field that has a value in some row, most common first (ties by name). */
  all(): FieldStats[] {
    return [...this.fields.values()]
      .filter((a) => a.rows > 0)
      .map((a) => this.describe(a))
      .sort((x, y) => y.rows - x.rows || (x.field < y.field ? -1 : x.field > y.field ? 1 : 0));
  }

  private describe(a: FieldAccumulator): FieldStats {
    const top = topValues(a.slots, a.tally, this.topCount).map(([value, count]) => ({ value, count, share: a.rows ? count / a.rows : 0 }));
    const stats: FieldStats = {
      field: a.field,
      rows: a.rows,
      share: this.totalRows ? a.rows / this.totalRows : 0,
      distinct: a.tally.length,
      distinctCapped: a.capped,
      top,
    };
    if (a.values > 0 && a.numbers === a.values) stats.numeric = { min: a.min, max: a.max, avg: a.sum / a.numbers };
    return stats;
  }
}

function addCell(acc: FieldAccumulator, cell: Cell | undefined): void {
  if (cell === null || cell === undefined) return;
  if (typeof cell === 'string') {
    if (cell === '') return;
    acc.rows++;
    acc.addValue(cell);
    return;
  }
  let any = false;
  for (const v of cell) {
    if (v === '') continue;
    any = true;
    acc.addValue(v);
  }
  if (any) acc.rows++;
}

/** The k largest counts (ties: the smaller value first), without sorting every distinct value. */
function topValues(slots: Map<string, number>, tally: readonly number[], k: number): [string, number][] {
  const best: [string, number][] = [];
  const worse = (a: [string, number], b: [string, number]) => a[1] < b[1] || (a[1] === b[1] && a[0] > b[0]);
  for (const [value, slot] of slots) {
    const count = tally[slot]!;
    const last = best[k - 1];
    if (best.length === k && last && (count < last[1] || (count === last[1] && value > last[0]))) continue;
    const entry: [string, number] = [value, count];
    let i = best.length < k ? best.length : k - 1;
    if (best.length < k) best.push(entry);
    else best[i] = entry;
    while (i > 0 && worse(best[i - 1]!, best[i]!)) {
      const t = best[i - 1]!;
      best[i - 1] = best[i]!;
      best[i] = t;
      i--;
    }
  }
  return best;
}
