/** The grid's two header rows: column names with sort marks and resize grips, and per-column filters. */
import type { ColumnInfo, SortKey } from '../../shared/protocol';
import { el } from '../common/dom';
import { appendVisibleText } from '../common/visibleText';
import { ROWNUM_WIDTH, type ColumnWidths } from './columnWidths';

export interface HeaderEvents {
  sort(column: string, additive: boolean): void;
  /** A grip's mousedown on column `index`. */
  startResize(e: MouseEvent, column: string, index: number): void;
  columnFilter(column: string, text: string): void;
}

const FILTER_DEBOUNCE_MS = 300;

export class HeaderRows {
  readonly names = el('div', 'grid-header-row');
  readonly filters = el('div', 'grid-filter-row');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly widths: ColumnWidths, private readonly events: HeaderEvents) {
    this.names.setAttribute('role', 'row');
  }

  build(columns: readonly ColumnInfo[], sort: readonly SortKey[], perColumn: Readonly<Record<string, string>>): void {
    this.names.replaceChildren(corner('hcell corner'));
    this.filters.replaceChildren(corner('fcell corner'));
    columns.forEach((c, i) => {
      this.names.appendChild(this.nameCell(c, i, sort));
      this.filters.appendChild(this.filterCell(c, perColumn[c.name] ?? ''));
    });
  }

  /** Applies a new width of column `index` to both rows. */
  setWidth(index: number, width: number): void {
    for (const row of [this.names, this.filters]) {
      const cell = row.children[index + 1] as HTMLElement | undefined;
      if (cell) cell.style.width = `${width}px`;
    }
  }

  setTotalWidth(width: number): void {
    this.names.style.width = `${width}px`;
    this.filters.style.width = `${width}px`;
  }

  private nameCell(c: ColumnInfo, i: number, sortState: readonly SortKey[]): HTMLElement {
    const h = el('div', 'hcell');
    h.setAttribute('role', 'columnheader');
    h.dataset.col = String(i);
    if (c.hash) h.classList.add('hash');
    if (c.kind === 'derived') h.classList.add('derived');
    if (c.internal) h.classList.add('internal');
    h.style.width = `${this.widths.of(c.name)}px`;
    const name = el('span', 'hname');
    appendVisibleText(name, c.name);
    const sortIdx = sortState.findIndex((s) => s.column === c.name);
    const sort = el('span', 'hsort');
    const key = sortState[sortIdx];
    if (key) {
      sort.textContent = (key.direction === 'asc' ? '▲' : '▼') + (sortState.length > 1 ? String(sortIdx + 1) : '');
      h.setAttribute('aria-sort', key.direction === 'asc' ? 'ascending' : 'descending');
    }
    const grip = el('div', 'resize');
    grip.addEventListener('mousedown', (e) => this.events.startResize(e, c.name, i));
    grip.addEventListener('click', (e) => e.stopPropagation());
    h.append(name, sort, grip);
    h.addEventListener('click', (e) => this.events.sort(c.name, e.shiftKey));
    return h;
  }

  private filterCell(c: ColumnInfo, value: string): HTMLElement {
    const f = el('div', 'fcell');
    f.style.width = `${this.widths.of(c.name)}px`;
    const input = el('input', 'colfilter');
    input.type = 'text';
    input.placeholder = 'filter';
    input.setAttribute('aria-label', `Filter column ${c.name}`);
    input.spellcheck = false;
    input.value = value;
    input.addEventListener('input', () => {
      clearTimeout(this.timers.get(c.name));
      this.timers.set(c.name, setTimeout(() => this.events.columnFilter(c.name, input.value), FILTER_DEBOUNCE_MS));
    });
    // The grid's own keys (copy, arrows) must not act while typing a filter.
    input.addEventListener('keydown', (e) => e.stopPropagation());
    f.appendChild(input);
    return f;
  }
}

function corner(className: string): HTMLElement {
  const c = el('div', className);
  c.style.width = `${ROWNUM_WIDTH}px`;
  return c;
}
