/**
 * The virtual table: only the rows in sight (plus one) exist in the DOM, recycled as the user
 * scrolls; a canvas element gives the scrollbar its full height. Rows come from the host through
 * RowCache; until they arrive a row shows as a placeholder. The parts: header rows and column
 * filters (headerRows.ts), widths and resizing (columnWidths.ts), scroll geometry
 * (scrollGeometry.ts), navigation keys (keyboard.ts), cell drawing (cellView.ts). This file keeps the
 * row pool, rendering and the mouse.
 */
import type { Cell, ColumnInfo, ViewSummary } from '../../shared/protocol';
import { el } from '../common/dom';
import { drawCell } from './cellView';
import { ColumnWidths, ROWNUM_WIDTH } from './columnWidths';
import { HeaderRows } from './headerRows';
import { navigationTarget } from './keyboard';
import { BLOCK, RowCache } from './rowCache';
import { canvasHeight, layoutAt, ROW_HEIGHT, scrollTopFor, visibleRowCount, type Extent } from './scrollGeometry';
import { SelectionModel, type CellPos } from './selection';

export { ROW_HEIGHT };
const OVERSCAN = 60;

export type MenuTarget = { kind: 'cell'; row: number; col: number } | { kind: 'header'; col: number };

export interface TableEvents {
  requestRows(requestId: number, viewId: number, start: number, count: number): void;
  sort(column: string, additive: boolean): void;
  selectionChanged(): void;
  copy(): void;
  contextMenu(target: MenuTarget, x: number, y: number): void;
  columnFilter(column: string, text: string): void;
  layoutChanged(): void;
}

interface PoolRow {
  el: HTMLElement;
  num: HTMLElement;
  cells: HTMLElement[];
  key: string;
  row: number;
}

export class VirtualTable {
  readonly viewport: HTMLElement;
  readonly selection = new SelectionModel();
  private readonly head: HTMLElement;
  private readonly header: HeaderRows;
  private readonly widths = new ColumnWidths();
  private readonly canvas: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly cache: RowCache;
  private columns: ColumnInfo[] = [];
  private pool: PoolRow[] = [];
  private rowCount = 0;
  private viewId = 0;
  private renderQueued = false;
  private dragging = false;
  private firstRow = 0;
  private lastPoolSize = 0;

  constructor(parent: HTMLElement, private readonly events: TableEvents) {
    this.cache = new RowCache((id, view, start, count) => events.requestRows(id, view, start, count));
    this.viewport = el('div', 'grid-viewport');
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'grid');
    this.viewport.setAttribute('aria-label', 'Search results');
    this.head = el('div', 'grid-head');
    this.header = new HeaderRows(this.widths, {
      sort: (column, additive) => events.sort(column, additive),
      startResize: (e, column, index) => this.startResize(e, column, index),
      columnFilter: (column, text) => events.columnFilter(column, text),
    });
    this.head.append(this.header.names, this.header.filters);
    this.canvas = el('div', 'grid-canvas');
    this.rowsEl = el('div', 'grid-rows');
    this.canvas.appendChild(this.rowsEl);
    this.viewport.append(this.head, this.canvas);
    parent.appendChild(this.viewport);

    this.viewport.addEventListener('scroll', () => this.queueRender(), { passive: true });
    new ResizeObserver(() => this.queueRender()).observe(this.viewport);
    this.viewport.addEventListener('keydown', (e) => this.onKey(e));
    this.rowsEl.addEventListener('mousedown', (e) => this.onMouseDown(e));
    this.rowsEl.addEventListener('mouseover', (e) => this.onMouseOver(e));
    document.addEventListener('mouseup', () => { this.dragging = false; });
    this.rowsEl.addEventListener('contextmenu', (e) => this.onContextMenu(e));
    this.header.names.addEventListener('contextmenu', (e) => {
      const col = colOf(e.target);
      if (col === undefined) return;
      e.preventDefault();
      this.events.contextMenu({ kind: 'header', col }, e.clientX, e.clientY);
    });
  }

  get visibleColumns(): readonly ColumnInfo[] {
    return this.columns;
  }

  get currentViewId(): number {
    return this.viewId;
  }

  get rows(): number {
    return this.rowCount;
  }

  columnWidths(): Record<string, number> {
    return this.widths.toRecord();
  }

  setWidths(w: Record<string, number>): void {
    this.widths.set(w);
  }

  /** Shows a view from the host. Same viewId: rows were only appended, keep what is cached. */
  setView(view: ViewSummary): void {
    const sameView = view.viewId === this.viewId;
    const oldCount = this.rowCount;
    const colsChanged = view.columns.map((c) => c.name).join('\u0000') !== this.columns.map((c) => c.name).join('\u0000');
    this.viewId = view.viewId;
    this.rowCount = view.rowCount;
    if (!sameView || colsChanged) {
      this.cache.reset(view.viewId);
    } else if (view.rowCount !== oldCount) {
      // The last block was partial; fetch it again with the new rows.
      this.cache.invalidateFrom(Math.floor(oldCount / BLOCK) * BLOCK);
    }
    this.columns = view.columns;
    this.widths.adopt(this.columns);
    this.selection.clamp(this.rowCount, this.columns.length);
    const perColumn = Object.fromEntries(Object.entries(view.state.filter.perColumn ?? {}).map(([k, v]) => [k, v.text]));
    this.header.build(this.columns, view.state.sort, perColumn);
    if (colsChanged) this.rebuildPool();
    for (const p of this.pool) p.key = '';
    this.updateSizes();
    this.queueRender();
  }

  /** Rows from the host; ignored if they belong to another view or were not asked for. */
  receiveRows(requestId: number, viewId: number, start: number, rows: Cell[][], clipped: number[]): void {
    if (this.cache.receive(requestId, viewId, start, rows, clipped, this.columns.length)) this.queueRender();
  }

  get scrollPosition(): { top: number; left: number } {
    return { top: this.viewport.scrollTop, left: this.viewport.scrollLeft };
  }

  restoreScroll(top: number, left: number): void {
    this.viewport.scrollTop = top;
    this.viewport.scrollLeft = left;
    this.queueRender();
  }

  focus(): void {
    this.viewport.focus({ preventScroll: true });
  }

  /** Screen position of a cell (for a keyboard-opened context menu). */
  cellPoint(pos: CellPos): { x: number; y: number } {
    const p = this.pool.find((r) => r.row === pos.row);
    const c = p?.cells[pos.col];
    if (c) {
      const r = c.getBoundingClientRect();
      return { x: r.left + 8, y: r.bottom };
    }
    const r = this.viewport.getBoundingClientRect();
    return { x: r.left + 40, y: r.top + 40 };
  }

  // ---------------------------------------------------------------------------------------------

  private startResize(e: MouseEvent, name: string, col: number): void {
    this.widths.drag(e, name, (w) => {
      this.header.setWidth(col, w);
      for (const p of this.pool) { const c = p.cells[col]; if (c) c.style.width = `${w}px`; }
      this.updateSizes();
    }, () => this.events.layoutChanged());
  }

  private updateSizes(): void {
    const w = this.widths.total(this.columns);
    this.header.setTotalWidth(w);
    this.canvas.style.width = `${w}px`;
    this.rowsEl.style.width = `${w}px`;
    this.canvas.style.height = `${canvasHeight(this.rowCount)}px`;
  }

  private extent(): Extent {
    return { rowCount: this.rowCount, bodyHeight: Math.max(ROW_HEIGHT, this.viewport.clientHeight - this.head.offsetHeight) };
  }

  private visibleRowCount(): number {
    return visibleRowCount(this.extent());
  }

  private rebuildPool(): void {
    this.rowsEl.replaceChildren();
    this.pool = [];
    this.ensurePool();
  }

  private ensurePool(): void {
    const need = Math.min(this.visibleRowCount(), Math.max(this.rowCount, 0));
    while (this.pool.length < need) {
      const row = el('div', 'row');
      row.setAttribute('role', 'row');
      // Hidden until render() draws it: a pool built outside a frame (new columns) would otherwise
      // show blank rows that look like rows without values until the next frame.
      row.hidden = true;
      const num = el('div', 'rownum');
      num.style.width = `${ROWNUM_WIDTH}px`;
      row.appendChild(num);
      const cells = this.columns.map((c, i) => {
        const cell = el('div', 'cell');
        cell.setAttribute('role', 'gridcell');
        cell.dataset.col = String(i);
        cell.style.width = `${this.widths.of(c.name)}px`;
        row.appendChild(cell);
        return cell;
      });
      this.rowsEl.appendChild(row);
      this.pool.push({ el: row, num, cells, key: '', row: -1 });
    }
    while (this.pool.length > need) this.pool.pop()!.el.remove();
    if (this.pool.length !== this.lastPoolSize) {
      // The row-to-element mapping depends on the pool size.
      this.lastPoolSize = this.pool.length;
      for (const p of this.pool) { p.key = ''; p.row = -1; }
    }
  }

  queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => {
      this.renderQueued = false;
      this.render();
    });
  }

  /** Draws the rows in sight now. */
  render(): void {
    this.ensurePool();
    const { first, y } = layoutAt(this.viewport.scrollTop, this.extent());
    this.firstRow = first;
    this.rowsEl.style.transform = `translateY(${y}px)`;
    const n = this.pool.length;
    const last = first + n - 1;
    this.cache.ensure(first - OVERSCAN, last + OVERSCAN, this.rowCount);
    // Row r is always drawn by pool[r % n], so scrolling by k rows redraws only k rows; the others
    // just move. DOM order is therefore not row order; aria-rowindex carries the order.
    for (let r = first; r <= last; r++) {
      const p = this.pool[r % n]!;
      if (r >= this.rowCount) {
        p.el.hidden = true;
        p.row = -1;
        p.key = '';
        continue;
      }
      p.el.hidden = false;
      if (p.row !== r) {
        p.row = r;
        p.el.dataset.row = String(r);
        p.el.setAttribute('aria-rowindex', String(r + 2));
        p.el.classList.toggle('odd', r % 2 === 1);
      }
      p.el.style.transform = `translateY(${(r - first) * ROW_HEIGHT}px)`;
      const data = this.cache.row(r);
      const key = `${this.viewId}:${r}:${data ? 1 : 0}`;
      if (p.key !== key) {
        p.key = key;
        p.num.textContent = String(r + 1);
        p.el.classList.toggle('placeholder', !data);
        for (let c = 0; c < p.cells.length; c++) drawCell(p.cells[c]!, data ? data.cells[c] ?? null : undefined, data?.clipped?.has(c) ?? false);
      }
      const touched = this.selection.rowTouched(r);
      p.el.classList.toggle('row-selected', touched);
      const a = this.selection.active;
      for (let c = 0; c < p.cells.length; c++) {
        const cell = p.cells[c]!;
        cell.classList.toggle('selected', touched && this.selection.contains(r, c));
        cell.classList.toggle('active', !!a && a.row === r && a.col === c);
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Mouse and keyboard

  private hit(target: EventTarget | null): { row: number; col: number | undefined } | undefined {
    const t = target instanceof Element ? target : null;
    const rowEl = t?.closest<HTMLElement>('.row');
    if (!rowEl || rowEl.dataset.row === undefined) return undefined;
    return { row: Number(rowEl.dataset.row), col: colOf(t) };
  }

  private onMouseDown(e: MouseEvent): void {
    const h = this.hit(e.target);
    if (!h) return;
    this.focus();
    if (e.button === 2) {
      // Right-click keeps a selection that already holds the cell.
      if (h.col !== undefined && this.selection.contains(h.row, h.col)) return;
    }
    const add = e.ctrlKey || e.metaKey;
    if (h.col === undefined) {
      const from = e.shiftKey && this.selection.anchor ? this.selection.anchor.row : h.row;
      this.selection.selectRows(from, h.row, this.columns.length, add);
    } else if (e.shiftKey) {
      this.selection.extend({ row: h.row, col: h.col });
    } else {
      this.selection.set({ row: h.row, col: h.col }, add);
      this.dragging = e.button === 0;
    }
    e.preventDefault();
    this.changed();
  }

  private onMouseOver(e: MouseEvent): void {
    if (!this.dragging) return;
    const h = this.hit(e.target);
    if (!h || h.col === undefined) return;
    const a = this.selection.active;
    if (a && a.row === h.row && a.col === h.col) return;
    this.selection.extend({ row: h.row, col: h.col });
    this.changed();
  }

  private onContextMenu(e: MouseEvent): void {
    const h = this.hit(e.target);
    if (!h) return;
    e.preventDefault();
    const col = h.col ?? 0;
    if (!this.selection.contains(h.row, col)) {
      this.selection.set({ row: h.row, col });
      this.changed();
    }
    this.events.contextMenu({ kind: 'cell', row: h.row, col }, e.clientX, e.clientY);
  }

  private onKey(e: KeyboardEvent): void {
    const mod = e.ctrlKey || e.metaKey;
    const rows = this.rowCount, cols = this.columns.length;
    if (rows === 0 || cols === 0) return;
    if (mod && (e.key === 'c' || e.key === 'C')) {
      e.preventDefault();
      this.events.copy();
      return;
    }
    if (mod && (e.key === 'a' || e.key === 'A')) {
      e.preventDefault();
      this.selection.selectAll(rows, cols);
      this.changed();
      return;
    }
    if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
      e.preventDefault();
      const a = this.selection.active ?? { row: this.firstRow, col: 0 };
      if (!this.selection.active) this.selection.set(a);
      const pt = this.cellPoint(a);
      this.events.contextMenu({ kind: 'cell', row: a.row, col: a.col }, pt.x, pt.y);
      return;
    }
    const active = this.selection.active ?? { row: this.firstRow, col: 0 };
    const next = navigationTarget(e.key, mod, { active, rows, cols, page: Math.max(1, this.visibleRowCount() - 2) });
    if (!next) return;
    e.preventDefault();
    if (e.shiftKey) this.selection.extend(next);
    else this.selection.set(next);
    this.scrollIntoView(next);
    this.changed();
  }

  private scrollIntoView(pos: CellPos): void {
    const vis = this.visibleRowCount() - 1;
    if (pos.row < this.firstRow) this.viewport.scrollTop = scrollTopFor(pos.row, this.extent());
    else if (pos.row >= this.firstRow + vis - 1) this.viewport.scrollTop = scrollTopFor(Math.max(0, pos.row - vis + 2), this.extent());
    // Horizontal: keep the active column in sight.
    const x = this.widths.total(this.columns.slice(0, pos.col));
    const w = this.widths.of(this.columns[pos.col]?.name ?? '');
    const left = this.viewport.scrollLeft, width = this.viewport.clientWidth;
    if (x - ROWNUM_WIDTH < left) this.viewport.scrollLeft = x - ROWNUM_WIDTH;
    else if (x + w > left + width) this.viewport.scrollLeft = x + w - width;
  }

  private changed(): void {
    this.render();
    this.events.selectionChanged();
  }
}


function colOf(t: EventTarget | null): number | undefined {
  const c = t instanceof Element ? t.closest<HTMLElement>('[data-col]') : null;
  return c?.dataset.col === undefined ? undefined : Number(c.dataset.col);
}
