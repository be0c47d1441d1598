/**
 * Equal cell strings of one results body made to share one copy, right after their batch is parsed.
 *
 * Result columns repeat: in Sysmon data `Image`, `ParentImage`, `Hashes` and `User` take a few hundred
 * values over 100,000 rows. JSON.parse makes a fresh string for every cell, and each one the rows keep
 * is copied by the young-generation collector, once or twice, before it settles; that copying was the
 * client's largest cost after the parse itself. A duplicate swapped for the first copy dies young
 * instead, and the results hold one copy per distinct value.
 *
 * Each column has a direct-mapped cache indexed by the length and three code units of a string:
 * hashing every cell in full for a Map cost as much as the copying it saved. Two values that meet in
 * a slot only cost a copy that could have been shared; a string is only ever swapped for an equal one.
 * A column whose values hardly repeat (command lines, GUIDs) would pay a lookup per cell for nothing,
 * so each column is probed: when under a quarter of PROBE lookups were repeats, the column is left
 * alone for its next SKIP cells, then probed again.
 */

const PROBE = 1024;
const SKIP = 15 * PROBE;
/** Slots per column: the top SLOT_BITS bits of a 32-bit mix. */
const SLOT_BITS = 12;

interface ColumnCache {
  slots: (string | undefined)[];
  lookups: number;
  repeats: number;
  /** Cells still to leave alone before the next probe. */
  skip: number;
}

export class CellInterner {
  private readonly columns: ColumnCache[] = [];

  /** Swaps, in place, each string cell of `rows` (arrays of cells) for an equal one seen before. */
  internRows(rows: readonly unknown[]): void {
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!Array.isArray(row)) continue;
      for (let c = 0; c < row.length; c++) {
        const col = this.columns[c] ?? (this.columns[c] = { slots: new Array<string | undefined>(1 << SLOT_BITS).fill(undefined), lookups: 0, repeats: 0, skip: 0 });
        if (col.skip > 0) { col.skip--; continue; }
        const v: unknown = row[c];
        if (typeof v === 'string') row[c] = intern(col, v);
        else if (Array.isArray(v)) for (let i = 0; i < v.length; i++) { const s: unknown = v[i]; if (typeof s === 'string') v[i] = intern(col, s); }
      }
    }
  }
}

function intern(col: ColumnCache, v: string): string {
  const n = v.length;
  if (n === 0) return v;
  const slot = (Math.imul(n, 0x9e3779b1) ^ Math.imul(v.charCodeAt(n >> 1), 0x85ebca6b) ^
    Math.imul(v.charCodeAt(n - 1), 0xc2b2ae35) ^ Math.imul(v.charCodeAt(n >> 2), 0x27d4eb2f)) >>> (32 - SLOT_BITS);
  const had = col.slots[slot];
  const hit = had === v;
  if (hit) col.repeats++;
  if (++col.lookups === PROBE) {
    if (col.repeats * 4 < PROBE) col.skip = SKIP;
    col.lookups = 0;
    col.repeats = 0;
  }
  if (hit) return had;
  col.slots[slot] = v;
  return v;
}
