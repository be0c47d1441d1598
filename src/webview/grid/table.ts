/**
 * The virtual table: only the rows in sight (plus one) exist in the DOM, recycled as the user
 * scrolls; a canvas element gives the scrollbar its full height. Rows come from the host through
 * RowCache; until they arrive a row shows as a placeholder. Everything is drawn with textContent.
 */
import type { Cell, ColumnInfo, ViewSummary } from '../../shared/protocol';
import { appendVisibleText } from '../common/visibleText';
import { BLOCK, RowCache } from './rowCache';
import { SelectionModel, type CellPos } from './selection';

export const ROW_HEIGHT = 22;
const ROWNUM_WIDTH = 64;
const MIN_WIDTH = 40;
const MAX_WIDTH = 5000;
/** Browsers cap element heights (~16.7M px in Chromium); beyond this the scroll position is scaled. */
const MAX_CANVAS = 8_000_000;
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
  private readonly headRow: HTMLElement;
  private readonly filterRow: HTMLElement;
  private readonly canvas: HTMLElement;
  private readonly rowsEl: HTMLElement;
  private readonly cache: RowCache;
  private columns: ColumnInfo[] = [];
  private widths = new Map<string, number>();
  private pool: PoolRow[] = [];
  private rowCount = 0;
  private viewId = 0;
  private renderQueued = false;
  private dragging = false;
  private firstRow = 0;
  private lastPoolSize = 0;
  private sortState: { column: string; direction: 'asc' | 'desc' }[] = [];
  private perColumn: Record<string, string> = {};
  private filterTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(parent: HTMLElement, private readonly events: TableEvents) {
    this.cache = new RowCache((id, view, start, count) => events.requestRows(id, view, start, count));
    this.viewport = el('div', 'grid-viewport');
    this.viewport.tabIndex = 0;
    this.viewport.setAttribute('role', 'grid');
    this.viewport.setAttribute('aria-label', 'Search results');
    this.head = el('div', 'grid-head');
    this.headRow = el('div', 'grid-header-row');
    this.headRow.setAttribute('role', 'row');
    this.filterRow = el('div', 'grid-filter-row');
    this.head.append(this.headRow, this.filterRow);
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
    this.headRow.addEventListener('contextmenu', (e) => {
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
    return Object.fromEntries(this.widths);
  }

  setWidths(w: Record<string, number>): void {
    for (const [k, v] of Object.entries(w)) this.widths.set(k, clampWidth(v));
  }

  /** Shows a view from the host. Same viewId: rows were only appended, keep what is cached. */
  setView(view: ViewSummary): void {
    const sameView = view.viewId === this.viewId;
    const oldCount = this.rowCount;
    const colsChanged = view.columns.map((c) => c.name).join('\u0000') !== this.columns.map((c) => c.name).join('\u0000');
    this.viewId = view.viewId;
    this.rowCount = view.rowCount;
    this.sortState = view.state.sort;
    this.perColumn = Object.fromEntries(Object.entries(view.state.filter.perColumn ?? {}).map(([k, v]) => [k, v.text]));
    if (!sameView || colsChanged) {
      this.cache.reset(view.viewId);
    } else if (view.rowCount !== oldCount) {
      // The last block was partial; fetch it again with the new rows.
      this.cache.invalidateFrom(Math.floor(oldCount / BLOCK) * BLOCK);
    }
    this.columns = view.columns;
    for (const c of this.columns) if (!this.widths.has(c.name)) this.widths.set(c.name, clampWidth(c.widthHint ?? 140));
    this.selection.clamp(this.rowCount, this.columns.length);
    this.buildHeader();
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

  private buildHeader(): void {
    this.headRow.replaceChildren();
    this.filterRow.replaceChildren();
    const corner = el('div', 'hcell corner');
    corner.style.width = `${ROWNUM_WIDTH}px`;
    this.headRow.appendChild(corner);
    const fcorner = el('div', 'fcell corner');
    fcorner.style.width = `${ROWNUM_WIDTH}px`;
    this.filterRow.appendChild(fcorner);
    this.columns.forEach((c, i) => {
      const h = el('div', 'hcell');
      h.setAttribute('role', 'columnheader');
      h.dataset.col = String(i);
      if (c.hash) h.classList.add('hash');
      if (c.kind === 'derived') h.classList.add('derived');
      if (c.internal) h.classList.add('internal');
      h.style.width = `${this.widths.get(c.name)}px`;
      const name = el('span', 'hname');
      appendVisibleText(name, c.name);
      const sortIdx = this.sortState.findIndex((s) => s.column === c.name);
      const sort = el('span', 'hsort');
      if (sortIdx >= 0) {
        const dir = this.sortState[sortIdx]!.direction;
        sort.textContent = (dir === 'asc' ? '▲' : '▼') + (this.sortState.length > 1 ? String(sortIdx + 1) : '');
        h.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
      }
      const grip = el('div', 'resize');
      grip.addEventListener('mousedown', (e) => this.startResize(e, c.name, h));
      grip.addEventListener('click', (e) => e.stopPropagation());
      h.append(name, sort, grip);
      h.addEventListener('click', (e) => this.events.sort(c.name, e.shiftKey));
      this.headRow.appendChild(h);

      const f = el('div', 'fcell');
      f.style.width = `${this.widths.get(c.name)}px`;
      const input = document.createElement('input');
      input.className = 'colfilter';
      input.type = 'text';
      input.placeholder = 'filter';
      input.setAttribute('aria-label', `Filter column ${c.name}`);
      input.spellcheck = false;
      input.value = this.perColumn[c.name] ?? '';
      input.addEventListener('input', () => {
        clearTimeout(this.filterTimers.get(c.name));
        this.filterTimers.set(c.name, setTimeout(() => this.events.columnFilter(c.name, input.value), 300));
      });
      input.addEventListener('keydown', (e) => e.stopPropagation());
      f.appendChild(input);
      this.filterRow.appendChild(f);
    });
  }

  private startResize(e: MouseEvent, name: string, header: HTMLElement): void {
    e.preventDefault();
    e.stopPropagation();
    const startX = e.clientX;
    const startW = this.widths.get(name) ?? 140;
    const col = this.columns.findIndex((c) => c.name === name);
    const move = (ev: MouseEvent) => {
      const w = clampWidth(startW + ev.clientX - startX);
      this.widths.set(name, w);
      header.style.width = `${w}px`;
      const f = this.filterRow.children[col + 1] as HTMLElement | undefined;
      if (f) f.style.width = `${w}px`;
      for (const p of this.pool) { const c = p.cells[col]; if (c) c.style.width = `${w}px`; }
      this.updateSizes();
    };
    const up = () => {
      document.removeEventListener('mousemove', move);
      document.removeEventListener('mouseup', up);
      this.events.layoutChanged();
    };
    document.addEventListener('mousemove', move);
    document.addEventListener('mouseup', up);
  }

  private totalWidth(): number {
    let w = ROWNUM_WIDTH;
    for (const c of this.columns) w += this.widths.get(c.name) ?? 140;
    return w;
  }

  private updateSizes(): void {
    const w = `${this.totalWidth()}px`;
    this.headRow.style.width = w;
    this.filterRow.style.width = w;
    this.canvas.style.width = w;
    this.rowsEl.style.width = w;
    this.canvas.style.height = `${Math.min(this.rowCount * ROW_HEIGHT, MAX_CANVAS)}px`;
  }

  private bodyHeight(): number {
    return Math.max(ROW_HEIGHT, this.viewport.clientHeight - this.head.offsetHeight);
  }

  private visibleRowCount(): number {
    return Math.ceil(this.bodyHeight() / ROW_HEIGHT) + 1;
  }

  private scaled(): boolean {
    return this.rowCount * ROW_HEIGHT > MAX_CANVAS;
  }

  /** First row in sight and where the row layer goes, for the current scroll position. */
  private layout(): { first: number; y: number } {
    const top = this.viewport.scrollTop;
    if (!this.scaled()) {
      const first = Math.floor(top / ROW_HEIGHT);
      return { first, y: first * ROW_HEIGHT };
    }
    const maxScroll = Math.max(1, MAX_CANVAS - this.bodyHeight());
    const span = Math.max(0, this.rowCount - this.visibleRowCount() + 1);
    const first = Math.min(span, Math.floor((Math.min(top, maxScroll) / maxScroll) * span));
    return { first, y: Math.min(top, MAX_CANVAS - this.bodyHeight()) };
  }

  private scrollTopFor(row: number): number {
    if (!this.scaled()) return row * ROW_HEIGHT;
    const maxScroll = Math.max(1, MAX_CANVAS - this.bodyHeight());
    const span = Math.max(1, this.rowCount - this.visibleRowCount() + 1);
    return Math.ceil((row / span) * maxScroll);
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
      const num = el('div', 'rownum');
      num.style.width = `${ROWNUM_WIDTH}px`;
      row.appendChild(num);
      const cells = this.columns.map((c, i) => {
        const cell = el('div', 'cell');
        cell.setAttribute('role', 'gridcell');
        cell.dataset.col = String(i);
        cell.style.width = `${this.widths.get(c.name)}px`;
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
    const { first, y } = this.layout();
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
    const a = this.selection.active ?? { row: this.firstRow, col: 0 };
    const page = Math.max(1, this.visibleRowCount() - 2);
    let next: CellPos | undefined;
    switch (e.key) {
      case 'ArrowUp': next = { row: a.row - 1, col: a.col }; break;
      case 'ArrowDown': next = { row: a.row + 1, col: a.col }; break;
      case 'ArrowLeft': next = { row: a.row, col: a.col - 1 }; break;
      case 'ArrowRight': next = { row: a.row, col: a.col + 1 }; break;
      case 'PageUp': next = { row: a.row - page, col: a.col }; break;
      case 'PageDown': next = { row: a.row + page, col: a.col }; break;
      case 'Home': next = mod ? { row: 0, col: 0 } : { row: a.row, col: 0 }; break;
      case 'End': next = mod ? { row: rows - 1, col: cols - 1 } : { row: a.row, col: cols - 1 }; break;
      default: return;
    }
    e.preventDefault();
    next = { row: clamp(next.row, 0, rows - 1), col: clamp(next.col, 0, cols - 1) };
    if (e.shiftKey) this.selection.extend(next);
    else this.selection.set(next);
    this.scrollIntoView(next);
    this.changed();
  }

  private scrollIntoView(pos: CellPos): void {
    const vis = this.visibleRowCount() - 1;
    if (pos.row < this.firstRow) this.viewport.scrollTop = this.scrollTopFor(pos.row);
    else if (pos.row >= this.firstRow + vis - 1) this.viewport.scrollTop = this.scrollTopFor(Math.max(0, pos.row - vis + 2));
    // Horizontal: keep the active column in sight.
    let x = ROWNUM_WIDTH;
    for (let c = 0; c < pos.col; c++) x += this.widths.get(this.columns[c]!.name) ?? 140;
    const w = this.widths.get(this.columns[pos.col]!.name) ?? 140;
    const left = this.viewport.scrollLeft, width = this.viewport.clientWidth;
    if (x - ROWNUM_WIDTH < left) this.viewport.scrollLeft = x - ROWNUM_WIDTH;
    else if (x + w > left + width) this.viewport.scrollLeft = x + w - width;
  }

  private changed(): void {
    this.render();
    this.events.selectionChanged();
  }
}

function el(tag: string, className: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}

function colOf(t: EventTarget | null): number | undefined {
  const c = t instanceof Element ? t.closest<HTMLElement>('[data-col]') : null;
  return c?.dataset.col === undefined ? undefined : Number(c.dataset.col);
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}

function clampWidth(w: number): number {
  return clamp(Math.round(Number.isFinite(w) ? w : 140), MIN_WIDTH, MAX_WIDTH);
}

/** One cell: text only; multivalues as separate spans; `undefined` = not loaded yet. */
function drawCell(cell: HTMLElement, value: Cell | undefined, clipped: boolean): void {
  cell.replaceChildren();
  cell.classList.toggle('null', value === null);
  cell.classList.toggle('mv', Array.isArray(value));
  if (value === undefined || value === null) return;
  if (typeof value === 'string') {
    appendVisibleText(cell, value);
  } else {
    value.forEach((v, i) => {
      if (i > 0) {
        const sep = document.createElement('span');
        sep.className = 'mv-sep';
        sep.textContent = ' │ ';
        sep.setAttribute('aria-hidden', 'true');
        cell.appendChild(sep);
      }
      const span = document.createElement('span');
      span.className = 'mv-value';
      appendVisibleText(span, v);
      cell.appendChild(span);
    });
  }
  if (clipped) {
    const more = document.createElement('span');
    more.className = 'clip';
    more.textContent = '…';
    more.title = 'Truncated for display; copy and export use the full value';
    cell.appendChild(more);
  }
}
