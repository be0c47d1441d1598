/**
 * Sort ranking for result columns. Sorting 500,000 rows with a JS comparator (or Intl.Collator)
 * takes seconds here, so each column is reduced once to integer ranks over its distinct values and
 * the row index is then ordered with native typed-array sorts.
 *
 * Order: numbers (whole cell parses as a number) numerically, then ISO-8601 timestamps (Splunk's
 * `_time`) in time order, then text (Intl.Collator, numeric; see COLLATOR_LIMIT for columns with
 * very many distinct strings), then empty/absent cells last.
 * Multivalue cells sort by their first value.
 */
import type { Cell } from '../shared/cell';
import type { SortDirection } from '../shared/protocol';
import { sortScratch } from './sortScratch';

const NUMBER_RE = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

/** The value a cell sorts by: its first value for a multivalue, null when absent or empty. */
export function sortValue(cell: Cell): string | null {
  const v = Array.isArray(cell) ? (cell.length > 0 ? cell[0]! : null) : cell;
  return v === null || v === '' ? null : v;
}

const TIME_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/;

/** Milliseconds since the epoch for an ISO-8601 date-time (as Splunk writes `_time`), else undefined. */
export function parseTimestamp(s: string): number | undefined {
  if (s.length < 16 || s.charCodeAt(4) !== 45 || !TIME_RE.test(s)) return undefined;
  const ms = Date.parse(s);
  return Number.isFinite(ms) ? ms : undefined;
}

export function parseNumber(s: string): number | undefined {
  // Most text (paths, command lines, hashes) is told apart by its first unit; the regex is what
  // costs in a column of 500,000 of them. Anything \s may match (even non-ASCII) still goes through.
  const c = s.charCodeAt(0);
  if (!((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c <= 32 || c >= 128)) return undefined;
  if (!NUMBER_RE.test(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Up to this many distinct strings, text is ordered by Intl.Collator with numeric collation (so
 * "WKS-2" < "WKS-10"). Above it a collator sort takes seconds here, so text is ordered by
 * case-folded code units with a radix sort instead (hashes, GUIDs and command lines: columns where
 * nearly every value is distinct and numeric collation hardly matters).
 */
export const COLLATOR_LIMIT = 20_000;

const collator = new Intl.Collator(undefined, { numeric: true });

/**
 * Rank per input position; equal strings (by the order used) share a rank. Up to COLLATOR_LIMIT
 * distinct strings the order is the collator's; past it, case-folded code units (see msdSort).
 */
export function rankStrings(values: readonly string[]): Uint32Array {
  const n = values.length;
  if (n === 0) return new Uint32Array(0);
  // Distinct values first, but stop counting once there are too many for the collator: hashing
  // hundreds of thousands of long command lines into a Map costs as much as sorting them.
  const ids = new Map<string, number>();
  const distinct: string[] = [];
  const idOf = sortScratch.u32('ids', n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let id = ids.get(v);
    if (id === undefined) {
      if (distinct.length === COLLATOR_LIMIT) return rankByCodeUnits(values);
      id = distinct.length;
      ids.set(v, id);
      distinct.push(v);
    }
    idOf[i] = id;
  }
  const byId = rankByCollator(distinct);
  const ranks = new Uint32Array(n);
  for (let i = 0; i < n; i++) ranks[i] = byId[idOf[i]!]!;
  return ranks;
}

/** Ranks of distinct strings by the numeric collator, then code units. */
function rankByCollator(values: readonly string[]): Uint32Array {
  const n = values.length;
  const ranks = new Uint32Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  const cmp = (a: number, b: number): number => {
    const c = collator.compare(values[a]!, values[b]!);
    if (c !== 0) return c;
    const x = values[a]!, y = values[b]!;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  order.sort(cmp);
  let rank = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && cmp(order[i - 1]!, order[i]!) !== 0) rank++;
    ranks[order[i]!] = rank;
  }
  return ranks;
}

/** Ranks of strings (repeats allowed) by case-folded code units, exact code units breaking ties. */
function rankByCodeUnits(values: readonly string[]): Uint32Array {
  const n = values.length;
  const order = sortScratch.u32('order', n);
  for (let i = 0; i < n; i++) order[i] = i;
  const mayTie = new Uint8Array(n);
  msdSort(order, 0, n, values, mayTie);
  // Equal strings end up next to each other, inside a group smallSort ordered (it breaks folded ties
  // exactly); elsewhere neighbours are known to differ, so their strings are not read again.
  const ranks = new Uint32Array(n);
  let rank = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0 && (mayTie[i] === 0 || values[order[i]!] !== values[order[i - 1]!])) rank++;
    ranks[order[i]!] = rank;
  }
  return ranks;
}

function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/** The order msdSort produces: ASCII case-folded code units, shorter first on a common prefix. */
export function foldedCompare(a: string, b: string, from = 0): number {
  const n = Math.min(a.length, b.length);
  for (let i = from; i < n; i++) {
    const d = fold(a.charCodeAt(i)) - fold(b.charCodeAt(i));
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

const UNIT = 131072; // 2^17: a code unit + 1, so that "string ended" (0) sorts first

function unitAt(key: string, pos: number): number {
  return pos < key.length ? fold(key.charCodeAt(pos)) + 1 : 0;
}

/**
 * MSD radix sort of order[lo, hi) by case-folded code units. Each pass packs the next units of a
 * string and the item's position in its group into one double (4 units of 8 bits or 2 of 17, and
 * 19 bits of position; half as many units for groups over 2^19), so a native Float64Array sort
 * orders the group with no comparator. Runs of equal units split into sub-groups for the next pass;
 * groups whose strings ended are equal when folded and get the exact tie-break.
 */
function msdSort(order: Uint32Array, lo: number, hi: number, keys: readonly string[], mayTie: Uint8Array): void {
  const stack: [number, number, number][] = [[lo, hi, 0]];
  const tmp = sortScratch.u32('tmp', order.length);
  while (stack.length > 0) {
    const [l, h, p] = stack.pop()!;
    const len = h - l;
    if (len < 2) continue;
    if (len <= 16) {
      smallSort(order, l, h, keys, p, mayTie);
      continue;
    }
    // First guess the shared prefix from a few strings and check it while reading the strings for
    // chunkSort anyway: a separate scan reads every string once more, and reading them is what costs.
    const first = keys[order[l]!]!;
    let guess = first.length - p;
    for (let sIdx = 1; sIdx <= 8 && guess > 0; sIdx++) {
      const k = keys[order[l + Math.floor((sIdx * (len - 1)) / 8)]!]!;
      const m = Math.min(guess, k.length - p);
      let j = 0;
      while (j < m && fold(k.charCodeAt(p + j)) === fold(first.charCodeAt(p + j))) j++;
      guess = j;
    }
    if (chunkSort(order, l, h, keys, p, guess, mayTie, stack)) continue;
    // Skip the prefix the whole group shares, in one sequential scan per string (one pass per
    // unit would touch every string again for each unit of e.g. a long common command-line prefix).
    let lcp = first.length - p;
    let prefix = first.slice(p);
    let sameLength = true;
    for (let i = l + 1; i < h && (lcp > 0 || (sameLength && lcp === first.length - p)); i++) {
      const k = keys[order[i]!]!;
      if (k.length !== first.length) sameLength = false;
      // Exact match first (native, memcmp-fast); only a mismatch needs the folded scan.
      if (k.startsWith(prefix, p)) continue;
      const m = Math.min(lcp, k.length - p);
      let j = 0;
      while (j < m && fold(k.charCodeAt(p + j)) === fold(first.charCodeAt(p + j))) j++;
      if (j < lcp) {
        lcp = j;
        prefix = first.slice(p, p + lcp);
      }
    }
    if (sameLength && lcp === first.length - p) {
      smallSort(order, l, h, keys, p, mayTie); // equal when folded
      continue;
    }
    if (lcp > 0) {
      stack.push([l, h, p + lcp]);
      continue;
    }
    // 8-bit units when every unit in the window is below 254 (ASCII and most Latin-1: hashes, paths,
    // command lines), so a pass reads twice as many; otherwise 17-bit units.
    const small = len <= 524288;
    const posBits = small ? 524288 : 68719476736; // 2^19 or 2^36
    const packed = sortScratch.f64('groupPacked', len);
    let step = small ? 4 : 2;
    let radix = 256;
    for (let i = 0; i < len && radix === 256; i++) {
      const k = keys[order[l + i]!]!;
      let chunk = 0;
      for (let j = 0; j < step; j++) {
        const u = unitAt(k, p + j);
        if (u > 254) { radix = UNIT; break; }
        chunk = chunk * 256 + u;
      }
      packed[i] = chunk * posBits + i;
    }
    if (radix === UNIT) {
      step = small ? 2 : 1;
      for (let i = 0; i < len; i++) {
        const k = keys[order[l + i]!]!;
        const chunk = small ? unitAt(k, p) * UNIT + unitAt(k, p + 1) : unitAt(k, p);
        packed[i] = chunk * posBits + i;
      }
    }
    packed.sort();
    for (let i = 0; i < len; i++) tmp[l + i] = order[l + (packed[i]! % posBits)]!;
    order.set(tmp.subarray(l, h), l);
    let start = 0;
    let cur = Math.floor(packed[0]! / posBits);
    for (let i = 1; i <= len; i++) {
      const c = i < len ? Math.floor(packed[i]! / posBits) : -1;
      if (c === cur) continue;
      if (i - start > 1) {
        // A zero last unit: the strings ended within this chunk, so the group is equal when folded.
        const ended = cur % radix === 0;
        if (ended) smallSort(order, l + start, l + i, keys, p, mayTie);
        else stack.push([l + start, l + i, p + step]);
      }
      start = i;
      cur = c;
    }
  }
}

/** Units read per string touch by chunkSort (64), as CHUNKS numbers of 4 units of 8 bits. */
const CHUNKS = 16;
const CHUNK_UNITS = 4 * CHUNKS;
/** Position bits beside a 32-bit chunk in a double: runs up to 2^21 items. */
const CHUNK_POS = 2097152;

/**
 * The fast path of msdSort for a group at depth `p` whose next CHUNK_UNITS units are all below 255
 * (ASCII and most Latin-1): each string is read once for its next 32 folded units, packed into
 * CHUNKS 32-bit numbers, and the group is ordered on those numbers alone (native Float64Array sorts
 * of chunk and position, insertion sort for small runs). Reading a string is what costs when there
 * are hundreds of thousands of long ones (it is a cache miss: msdSort visits them in sorted order,
 * not memory order), so this reads each 8 times less often than a 4-unit pass. Runs still equal
 * after the window go back on msdSort's stack; runs whose strings ended get the exact tie-break.
 * Returns false (nothing changed) when a unit is 255 or above or the group is too large: the
 * caller's 17-bit pass handles it.
 */
function chunkSort(
  order: Uint32Array, l: number, h: number, keys: readonly string[], from: number, shared: number,
  mayTie: Uint8Array, stack: [number, number, number][],
): boolean {
  const len = h - l;
  if (len > CHUNK_POS) return false;
  const p = from + shared;
  const first = keys[order[l]!]!;
  const prefix = first.slice(from, p);
  const chunks = sortScratch.u32('chunks', len * CHUNKS);
  const loc = sortScratch.u32('loc', len);
  const packed = sortScratch.f64('packed', len);
  for (let i = 0; i < len; i++) {
    const k = keys[order[l + i]!]!;
    if (shared > 0 && !k.startsWith(prefix, from)) {
      if (k.length < p) return false;
      for (let j = from; j < p; j++) if (fold(k.charCodeAt(j)) !== fold(first.charCodeAt(j))) return false;
    }
    const base = i * CHUNKS;
    const end = Math.min(k.length, p + CHUNK_UNITS);
    let pos = p;
    for (let c = 0; c < CHUNKS; c++) {
      let chunk = 0;
      for (let j = 0; j < 4; j++, pos++) {
        let u = 0;
        if (pos < end) {
          u = k.charCodeAt(pos);
          if (u >= 254) return false; // +1 below would not fit 8 bits
          u = (u >= 65 && u <= 90 ? u + 32 : u) + 1;
        }
        chunk = chunk * 256 + u;
      }
      chunks[base + c] = chunk;
    }
    loc[i] = i;
  }
  // Runs [lo, hi) of loc to order at chunk `level`; settled runs are recorded and applied once loc
  // is final (positions in loc are positions in order[l, h)).
  const runs: [number, number, number][] = [[0, len, 0]];
  const ties: number[] = [];
  const deep: number[] = [];
  /** A run equal over chunks [0, level]: ended strings are equal when folded, else look deeper. */
  const settle = (lo: number, hi: number, level: number, last: number): void => {
    if (hi - lo < 2) return;
    if ((last & 255) === 0) ties.push(lo, hi);
    else if (level + 1 === CHUNKS) deep.push(lo, hi);
    else runs.push([lo, hi, level + 1]);
  };
  while (runs.length > 0) {
    const [lo, hi, level] = runs.pop()!;
    const m = hi - lo;
    if (m <= 16) {
      insertionByChunks(loc, lo, hi, chunks, level);
      // Split into runs equal over chunks [level, CHUNKS).
      let start = lo;
      for (let i = lo + 1; i <= hi; i++) {
        if (i < hi && sameChunks(chunks, loc[start]!, loc[i]!, level)) continue;
        if (i - start > 1) {
          // Strings that ended within the window end with a zero unit.
          if ((chunks[loc[start]! * CHUNKS + CHUNKS - 1]! & 255) === 0) ties.push(start, i);
          else deep.push(start, i);
        }
        start = i;
      }
      continue;
    }
    const firstChunk = chunks[loc[lo]! * CHUNKS + level]!;
    let allSame = true;
    for (let i = lo + 1; i < hi && allSame; i++) allSame = chunks[loc[i]! * CHUNKS + level] === firstChunk;
    if (allSame) {
      settle(lo, hi, level, firstChunk);
      continue;
    }
    const pk = packed.subarray(0, m);
    for (let i = 0; i < m; i++) pk[i] = chunks[loc[lo + i]! * CHUNKS + level]! * CHUNK_POS + i;
    pk.sort();
    const sorted = sortScratch.u32('sorted', m);
    for (let i = 0; i < m; i++) sorted[i] = loc[lo + (pk[i]! % CHUNK_POS)]!;
    loc.set(sorted, lo);
    let start = 0;
    let cur = chunks[sorted[0]! * CHUNKS + level]!;
    for (let i = 1; i <= m; i++) {
      const c = i < m ? chunks[sorted[i]! * CHUNKS + level]! : -1;
      if (c === cur) continue;
      settle(lo + start, lo + i, level, cur);
      start = i;
      cur = c;
    }
  }
  const perm = sortScratch.u32('perm', len);
  for (let i = 0; i < len; i++) perm[i] = order[l + loc[i]!]!;
  order.set(perm, l);
  for (let i = 0; i < ties.length; i += 2) smallSort(order, l + ties[i]!, l + ties[i + 1]!, keys, p, mayTie);
  for (let i = 0; i < deep.length; i += 2) stack.push([l + deep[i]!, l + deep[i + 1]!, p + CHUNK_UNITS]);
  return true;
}

/** Chunks [level, CHUNKS) of items a and b are equal. */
function sameChunks(chunks: Uint32Array, a: number, b: number, level: number): boolean {
  for (let c = level; c < CHUNKS; c++) if (chunks[a * CHUNKS + c] !== chunks[b * CHUNKS + c]) return false;
  return true;
}

function compareChunks(chunks: Uint32Array, a: number, b: number, level: number): number {
  for (let c = level; c < CHUNKS; c++) {
    const d = chunks[a * CHUNKS + c]! - chunks[b * CHUNKS + c]!;
    if (d !== 0) return d;
  }
  return 0;
}

/** Stable insertion sort of loc[lo, hi) by chunks from `level` on. */
function insertionByChunks(loc: Uint32Array, lo: number, hi: number, chunks: Uint32Array, level: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = loc[i]!;
    let j = i - 1;
    while (j >= lo && compareChunks(chunks, loc[j]!, x, level) > 0) {
      loc[j + 1] = loc[j]!;
      j--;
    }
    loc[j + 1] = x;
  }
}

/** Sorts order[l, h), whose strings share their first `p` units when folded; marks where equal strings may meet. */
function smallSort(order: Uint32Array, l: number, h: number, keys: readonly string[], p: number, mayTie: Uint8Array): void {
  for (let i = l + 1; i < h; i++) mayTie[i] = 1;
  const before = (x: number, y: number): number => {
    const kx = keys[x]!, ky = keys[y]!;
    const f = foldedCompare(kx, ky, p);
    if (f !== 0) return f;
    return kx < ky ? -1 : kx > ky ? 1 : x - y;
  };
  if (h - l <= 16) {
    // Insertion sort in place: most groups that get here are this small.
    for (let i = l + 1; i < h; i++) {
      const x = order[i]!;
      let j = i - 1;
      while (j >= l && before(order[j]!, x) > 0) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = x;
    }
    return;
  }
  const part = Array.from(order.subarray(l, h));
  part.sort(before);
  order.set(part, l);
}

/**
 * Integer sort ranks for one column over rows [0, n): equal values share a rank; absent cells get
 * the largest rank (last in both directions, see orderIndex).
 */
export interface ColumnRanks {
  ranks: Uint32Array;
  /** Rank used for absent/empty cells; greater than every other rank. */
  nullRank: number;
}

export function rankColumn(get: (row: number) => Cell, n: number): ColumnRanks {
  const ranks = new Uint32Array(n);
  // One pass over the cells into preallocated arrays: reading a cell is a cache miss when there are
  // hundreds of thousands of long strings, and growing arrays by push cost more than the reading.
  const numbers = sortScratch.f64('numbers', n);
  const numberRows = sortScratch.u32('numberRows', n);
  let nNumbers = 0;
  const times = sortScratch.f64('times', n);
  const timeRows = sortScratch.u32('timeRows', n);
  let nTimes = 0;
  const texts = new Array<string>(n);
  const textRows = sortScratch.u32('textRows', n);
  let nTexts = 0;
  const isNull = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const v = sortValue(get(r));
    if (v === null) { isNull[r] = 1; continue; }
    const num = parseNumber(v);
    if (num !== undefined) {
      numbers[nNumbers] = num;
      numberRows[nNumbers++] = r;
      continue;
    }
    // Time order, not string order: offsets differ between events, and it is much faster.
    const ms = parseTimestamp(v);
    if (ms !== undefined) {
      times[nTimes] = ms;
      timeRows[nTimes++] = r;
      continue;
    }
    texts[nTexts] = v;
    textRows[nTexts++] = r;
  }
  texts.length = nTexts;
  let next = rankNumbers(numbers.subarray(0, nNumbers), numberRows, ranks, 0);
  next = rankNumbers(times.subarray(0, nTimes), timeRows, ranks, next);
  const textBase = next;
  const textRank = rankStrings(texts);
  let top = -1;
  for (let i = 0; i < nTexts; i++) {
    const rk = textRank[i]!;
    ranks[textRows[i]!] = textBase + rk;
    if (rk > top) top = rk;
  }
  const nullRank = textBase + top + 1;
  for (let r = 0; r < n; r++) if (isNull[r]) ranks[r] = nullRank;
  return { ranks, nullRank };
}

/** Ranks numeric values from `base` up (equal values share a rank) with a native sort; returns the next free rank. */
function rankNumbers(values: Float64Array, rows: Uint32Array, ranks: Uint32Array, base: number): number {
  const n = values.length;
  if (n === 0) return base;
  // Sort (value, position) pairs packed as value order: sort positions by value via a native sort
  // of the distinct values, then binary-search each value's rank.
  const sorted = values.slice().sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || sorted[i] !== sorted[m - 1]) sorted[m++] = sorted[i]!;
  const distinct = sorted.subarray(0, m);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0, hi = m - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (distinct[mid]! < v) lo = mid + 1; else hi = mid;
    }
    ranks[rows[i]!] = base + lo;
  }
  return base + m;
}

/**
 * Orders `rows` (store row numbers, ascending) stably by the given rank columns. Absent values stay
 * last whatever the direction, as in spreadsheets.
 */
export function orderIndex(rows: Uint32Array, keys: { ranks: ColumnRanks; direction: SortDirection }[]): Uint32Array {
  const n = rows.length;
  if (keys.length === 0 || n < 2) return rows;
  const eff = keys.map(({ ranks, direction }) => {
    if (direction === 'asc') return ranks.ranks;
    const out = new Uint32Array(ranks.ranks.length);
    const nr = ranks.nullRank;
    for (let i = 0; i < out.length; i++) {
      const r = ranks.ranks[i]!;
      out[i] = r === nr ? nr : nr - 1 - r;
    }
    return out;
  });
  if (eff.length === 1) {
    // Pack rank and position into one double (rank < 2^21, position < 2^32) so a native sort is
    // stable and needs no comparator.
    const rk = eff[0]!;
    const packed = sortScratch.f64('indexPacked', n);
    let ok = true;
    for (let i = 0; i < n; i++) {
      const r = rk[rows[i]!]!;
      if (r >= 2097152) { ok = false; break; }
      packed[i] = r * 4294967296 + i;
    }
    if (ok) {
      packed.sort();
      const out = new Uint32Array(n);
      for (let i = 0; i < n; i++) out[i] = rows[packed[i]! % 4294967296]!;
      return out;
    }
  }
  const pos = Array.from(rows.keys());
  pos.sort((a, b) => {
    const ra = rows[a]!, rb = rows[b]!;
    for (const rk of eff) {
      const d = rk[ra]! - rk[rb]!;
      if (d !== 0) return d;
    }
    return a - b;
  });
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) out[i] = rows[pos[i]!]!;
  return out;
}
