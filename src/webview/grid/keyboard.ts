/** The grid's navigation keys as a pure mapping from a key to the next active cell. */
import type { CellPos } from './selection';

export interface KeyContext {
  active: CellPos;
  rows: number;
  cols: number;
  /** Rows one PageUp/PageDown moves. */
  page: number;
}

/** The cell a navigation key moves to (clamped to the grid), or undefined for any other key. */
export function navigationTarget(key: string, mod: boolean, c: KeyContext): CellPos | undefined {
  const a = c.active;
  let next: CellPos;
  switch (key) {
    case 'ArrowUp': next = { row: a.row - 1, col: a.col }; break;
    case 'ArrowDown': next = { row: a.row + 1, col: a.col }; break;
    case 'ArrowLeft': next = { row: a.row, col: a.col - 1 }; break;
    case 'ArrowRight': next = { row: a.row, col: a.col + 1 }; break;
    case 'PageUp': next = { row: a.row - c.page, col: a.col }; break;
    case 'PageDown': next = { row: a.row + c.page, col: a.col }; break;
    case 'Home': next = mod ? { row: 0, col: 0 } : { row: a.row, col: 0 }; break;
    case 'End': next = mod ? { row: c.rows - 1, col: c.cols - 1 } : { row: a.row, col: c.cols - 1 }; break;
    default: return undefined;
  }
  return { row: clamp(next.row, 0, c.rows - 1), col: clamp(next.col, 0, c.cols - 1) };
}

export function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
