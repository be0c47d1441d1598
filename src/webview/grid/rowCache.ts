/**
 * Rows the grid has received, in blocks of BLOCK rows per view. The grid asks the host for the blocks
 * it is about to draw (with overscan) and keeps the most recently used ones; the rest are dropped.
 */
import type { Cell } from '../../shared/protocol';

export const BLOCK = 100;
const KEEP_BLOCKS = 60;

export interface CachedRow {
  cells: Cell[];
  /** Column indexes cut for display. */
  clipped: Set<number> | undefined;
}

interface Block {
  rows: CachedRow[];
  used: number;
}

export class RowCache {
  private blocks = new Map<number, Block>();
  private pending = new Map<number, number>(); // block -> requestId
  private nextRequest = 1;
  private tick = 0;
  private viewId = 0;

  constructor(private readonly request: (requestId: number, viewId: number, start: number, count: number) => void) {}

  /** A new view: drop everything. */
  reset(viewId: number): void {
    this.viewId = viewId;
    this.blocks.clear();
    this.pending.clear();
  }

  get currentViewId(): number {
    return this.viewId;
  }

  row(index: number): CachedRow | undefined {
    const b = this.blocks.get(Math.floor(index / BLOCK));
    if (!b) return undefined;
    b.used = ++this.tick;
    return b.rows[index % BLOCK];
  }

  /** Makes sure rows [first, last] are cached or requested. */
  ensure(first: number, last: number, rowCount: number): void {
    if (rowCount <= 0) return;
    const lo = Math.max(0, Math.floor(first / BLOCK));
    const hi = Math.floor(Math.min(rowCount - 1, last) / BLOCK);
    for (let b = lo; b <= hi; b++) {
      if (this.blocks.has(b) || this.pending.has(b)) continue;
      const id = this.nextRequest++;
      this.pending.set(b, id);
      const start = b * BLOCK;
      this.request(id, this.viewId, start, Math.min(BLOCK, rowCount - start));
    }
  }

  /** Stores an answer; false if it is stale (another view or a request we no longer wait for). */
  receive(requestId: number, viewId: number, start: number, rows: Cell[][], clipped: number[], columnCount: number): boolean {
    if (viewId !== this.viewId) return false;
    const b = Math.floor(start / BLOCK);
    if (this.pending.get(b) !== requestId) return false;
    this.pending.delete(b);
    const clip = new Map<number, Set<number>>();
    for (const flat of clipped) {
      const r = Math.floor(flat / Math.max(1, columnCount));
      const set = clip.get(r) ?? new Set<number>();
      set.add(flat % Math.max(1, columnCount));
      clip.set(r, set);
    }
    this.blocks.set(b, { rows: rows.map((cells, i) => ({ cells, clipped: clip.get(i) })), used: ++this.tick });
    this.evict();
    return true;
  }

  /** Forget blocks at or after a row (they grew: appended rows in an unsorted view). */
  invalidateFrom(row: number): void {
    const from = Math.floor(row / BLOCK);
    for (const b of [...this.blocks.keys()]) if (b >= from) this.blocks.delete(b);
    for (const b of [...this.pending.keys()]) if (b >= from) this.pending.delete(b);
  }

  private evict(): void {
    if (this.blocks.size <= KEEP_BLOCKS) return;
    const byAge = [...this.blocks.entries()].sort((a, b) => a[1].used - b[1].used);
    for (let i = 0; i < byAge.length - KEEP_BLOCKS; i++) this.blocks.delete(byAge[i]![0]);
  }
}
