/**
 * Cell selection as index ranges in view positions: an anchor, an active cell and a list of
 * rectangles (several with Ctrl/Cmd-click). The host resolves ranges to data; the grid never does.
 */
import type { CellRange } from '../../shared/protocol';

export interface CellPos {
  row: number;
  col: number;
}

export class SelectionModel {
  anchor: CellPos | undefined;
  active: CellPos | undefined;
  ranges: CellRange[] = [];

  clear(): void {
    this.anchor = undefined;
    this.active = undefined;
    this.ranges = [];
  }

  get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** Select one cell (or add it as a new range with `add`). */
  set(pos: CellPos, add = false): void {
    this.anchor = pos;
    this.active = pos;
    const r = rangeOf(pos, pos);
    this.ranges = add ? [...this.ranges, r] : [r];
  }

  /** Extend the last range from the anchor to `pos` (shift-click, drag, shift+arrows). */
  extend(pos: CellPos): void {
    if (!this.anchor) return this.set(pos);
    this.active = pos;
    const r = rangeOf(this.anchor, pos);
    this.ranges = this.ranges.length > 0 ? [...this.ranges.slice(0, -1), r] : [r];
  }

  /** Whole rows from the anchor row to `row`. */
  selectRows(fromRow: number, toRow: number, colCount: number, add = false): void {
    const r: CellRange = { rowStart: Math.min(fromRow, toRow), rowEnd: Math.max(fromRow, toRow), colStart: 0, colEnd: Math.max(0, colCount - 1) };
    this.anchor = { row: fromRow, col: 0 };
    this.active = { row: toRow, col: 0 };
    this.ranges = add ? [...this.ranges, r] : [r];
  }

  selectAll(rowCount: number, colCount: number): void {
    if (rowCount === 0 || colCount === 0) return this.clear();
    this.anchor = { row: 0, col: 0 };
    this.active = this.active ?? { row: 0, col: 0 };
    this.ranges = [{ rowStart: 0, rowEnd: rowCount - 1, colStart: 0, colEnd: colCount - 1 }];
  }

  contains(row: number, col: number): boolean {
    for (const r of this.ranges) if (row >= r.rowStart && row <= r.rowEnd && col >= r.colStart && col <= r.colEnd) return true;
    return false;
  }

  rowTouched(row: number): boolean {
    for (const r of this.ranges) if (row >= r.rowStart && row <= r.rowEnd) return true;
    return false;
  }

  /** Keep within a view of this size (after a view change). */
  clamp(rowCount: number, colCount: number): void {
    if (rowCount === 0 || colCount === 0) return this.clear();
    const c = (p: CellPos | undefined) => p && { row: Math.min(p.row, rowCount - 1), col: Math.min(p.col, colCount - 1) };
    this.anchor = c(this.anchor);
    this.active = c(this.active);
    this.ranges = this.ranges
      .filter((r) => r.rowStart < rowCount && r.colStart < colCount)
      .map((r) => ({ ...r, rowEnd: Math.min(r.rowEnd, rowCount - 1), colEnd: Math.min(r.colEnd, colCount - 1) }));
  }
}

function rangeOf(a: CellPos, b: CellPos): CellRange {
  return { rowStart: Math.min(a.row, b.row), rowEnd: Math.max(a.row, b.row), colStart: Math.min(a.col, b.col), colEnd: Math.max(a.col, b.col) };
}
