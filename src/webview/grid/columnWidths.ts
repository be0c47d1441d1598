/** Column widths: remembered per column name, clamped, and changed by dragging a header's grip. */
import { clamp } from './keyboard';

export const ROWNUM_WIDTH = 64;
const MIN_WIDTH = 40;
const MAX_WIDTH = 5000;
const DEFAULT_WIDTH = 140;

export function clampWidth(w: number): number {
  return clamp(Math.round(Number.isFinite(w) ? w : DEFAULT_WIDTH), MIN_WIDTH, MAX_WIDTH);
}

export class ColumnWidths {
  private readonly widths = new Map<string, number>();

  of(name: string): number {
    return this.widths.get(name) ?? DEFAULT_WIDTH;
  }

  /** A width for each new column, from the host's hint. */
  adopt(columns: readonly { name: string; widthHint?: number }[]): void {
    for (const c of columns) if (!this.widths.has(c.name)) this.widths.set(c.name, clampWidth(c.widthHint ?? DEFAULT_WIDTH));
  }

  set(all: Record<string, number>): void {
    for (const [k, v] of Object.entries(all)) this.widths.set(k, clampWidth(v));
  }

  toRecord(): Record<string, number> {
    return Object.fromEntries(this.widths);
  }

  /** Row number column plus every column. */
  total(columns: readonly { name: string }[]): number {
    let w = ROWNUM_WIDTH;
    for (const c of columns) w += this.of(c.name);
    return w;
  }

  /** Follows the mouse from a grip's mousedown: `resized` on every move, `done` on release. */
  drag(e: MouseEvent, name: string, resized: (width: number) => void, done: () => void): void {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startW = this.of(name);
    const move = (ev: MouseEvent): void => {
      const w = clampWidth(startW + ev.clientX - startX);
      this.widths.set(name, w);
      resized(w);
    };
    const up = (): void => {
      document.removeEventListener('mousemove', move);
      document.removeEventListener('mouseup', up);
      done();
    };
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
  }
}
