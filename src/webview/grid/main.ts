/**
 * Entry point of the results grid webview (bundled to dist/webview/grid.js, CSS to
 * dist/webview/grid.css).
 *
 * Host page contract: the page needs no particular elements. It must load grid.css and this script
 * (with the CSP nonce); the script builds everything under document.body, posts `ready`, and then
 * speaks the protocol in src/shared/protocol.ts. It works under
 * `default-src 'none'; script-src 'nonce-…'; style-src ${cspSource}; font-src ${cspSource};
 * img-src ${cspSource}; base-uri 'none'; form-action 'none'` (no inline styles, no eval).
 */
import '../../../media/grid.css';
import {
  isFilterSpec, isHostToGrid, LIMITS,
  type CellRange, type CopyFormat, type FilterSpec, type GridSettings, type GridToHost, type HostToGrid, type JobFacts,
  type PersistedGridState, type Selection, type SortKey, type ViewSummary,
} from '../../shared/protocol';
import { copyFormatsFor } from '../../shared/copyFormats';
import { button, checkbox, textField, toggleButton } from '../common/toolkit';
import { el } from '../common/dom';
import { vscodeApi } from '../common/vscodeApi';
import { appendVisibleText } from '../common/visibleText';
import { ContextMenu, type MenuEntry } from './contextMenu';
import { FieldsSidebar } from './fieldsSidebar';
import { Timeline } from './timeline';
import { VirtualTable, type MenuTarget } from './table';

/** What this page saves: the view state, plus which query it belongs to (the host puts a key on <body>). */
type SavedState = PersistedGridState & { query?: string; timelineHidden?: boolean };
const api = vscodeApi<SavedState>();
const QUERY_KEY = document.body.dataset['query'] ?? '';

function post(msg: GridToHost): void {
  api.postMessage(msg);
}


const fmt = new Intl.NumberFormat('en-US');

class GridApp {
  private view: ViewSummary | undefined;
  private job: JobFacts | undefined;
  private readonly table: VirtualTable;
  private readonly menu = new ContextMenu();
  private readonly sidebar = new FieldsSidebar(post);
  private readonly timeline = new Timeline({
    zoom: (timeRange) => this.sendFilter({ ...(this.view?.state.filter ?? {}), timeRange }),
    useAsTimeRange: (span, rerun) => post({ type: 'useTimeRange', span, rerun }),
  });
  private readonly filterField;
  private readonly regexToggle;
  private readonly caseToggle;
  private readonly matchCount: HTMLElement;
  private readonly internalBox;
  private readonly hashBox;
  private readonly cancelBtn: HTMLElement;
  private readonly clearBtn: HTMLElement;
  private readonly ring: HTMLElement;
  private readonly facts: HTMLElement;
  private readonly messages: HTMLElement;
  private readonly progress: HTMLElement;
  private readonly progressBar: HTMLElement;
  private readonly live: HTMLElement;
  private saved: PersistedGridState | undefined;
  private restored = false;
  private filterTimer: ReturnType<typeof setTimeout> | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private selectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement) {
    // The host names the query a page shows; what was saved for another query must not leak into it.
    const saved = api.getState();
    this.saved = saved && (saved.query ?? '') === QUERY_KEY ? saved : undefined;
    const app = el('div', 'app');
    const toolbar = el('div', 'toolbar');
    toolbar.setAttribute('role', 'toolbar');
    this.filterField = textField('Filter rows', 'Filter rows', () => this.scheduleFilter());
    this.filterField.element.classList.add('filter-field');
    this.caseToggle = toggleButton('Aa', 'Match case', () => this.scheduleFilter(0));
    this.regexToggle = toggleButton('.*', 'Use regular expression', () => this.scheduleFilter(0));
    this.matchCount = el('span', 'match-count');
    this.matchCount.setAttribute('role', 'status');
    this.clearBtn = button({ label: 'Clear filters', title: 'Clear all filters', onClick: () => this.clearFilters() });
    this.internalBox = checkbox('Show internal fields', (show) => post({ type: 'toggleInternal', show }));
    this.hashBox = checkbox('Hash columns', (show) => post({ type: 'toggleHashColumns', show }));
    const exportBtn = button({ label: 'Export…', title: 'Export results', onClick: () => post({ type: 'export', scope: 'view' }) });
    // The timeline toggle outlives the query: it is the user's taste, not the view's.
    this.timeline.setHidden(saved?.timelineHidden === true);
    const timelineToggle = toggleButton('Timeline', 'Show the timeline', (shown) => {
      this.timeline.setHidden(!shown);
      post({ type: shown ? 'requestTimeline' : 'timelineHidden' });
      this.persistSoon();
    });
    timelineToggle.pressed = !this.timeline.isHidden;
    timelineToggle.element.classList.add('timeline-toggle');
    const fieldsToggle = toggleButton('Fields', 'Show the fields sidebar', (open) => this.sidebar.toggle(open));
    fieldsToggle.element.classList.add('fields-toggle');
    const rerunBtn = button({ label: 'Re-run', title: 'Run the search again', onClick: () => post({ type: 'rerun' }) });
    this.cancelBtn = button({ label: 'Cancel', title: 'Cancel the search', onClick: () => post({ type: 'cancel' }) });
    this.ring = el('span', 'spinner');
    this.ring.setAttribute('role', 'progressbar');
    this.ring.setAttribute('aria-label', 'Search running');
    const group = (...children: HTMLElement[]) => { const g = el('div', 'group'); g.append(...children); return g; };
    toolbar.append(
      group(this.filterField.element, this.caseToggle.element, this.regexToggle.element, this.matchCount, this.clearBtn),
      group(this.internalBox.element, this.hashBox.element),
      group(timelineToggle.element, fieldsToggle.element, exportBtn, rerunBtn, this.cancelBtn, this.ring),
    );
    this.progress = el('div', 'progress');
    this.progressBar = el('div', 'progress-bar');
    this.progress.appendChild(this.progressBar);
    this.facts = el('div', 'facts');
    this.messages = el('div', 'messages');
    this.live = el('div', 'sr-only');
    this.live.setAttribute('aria-live', 'polite');
    const body = el('div', 'body');
    app.append(toolbar, this.progress, this.facts, this.messages, this.timeline.element, body, this.live);
    root.appendChild(app);

    this.table = new VirtualTable(body, {
      requestRows: (requestId, viewId, start, count) =>
        post({ type: 'requestRows', requestId, viewId, start, count: Math.min(count, LIMITS.maxRequestRows) }),
      sort: (column, additive) => this.sortBy(column, additive),
      selectionChanged: () => this.selectionChanged(),
      copy: () => this.copy('tsv', true),
      contextMenu: (target, x, y) => this.openMenu(target, x, y),
      columnFilter: (column, text) => this.columnFilter(column, text),
      layoutChanged: () => this.persistSoon(),
    });
    body.appendChild(this.sidebar.element);
    this.table.viewport.addEventListener('scroll', () => this.persistSoon(), { passive: true });
    this.setRunning(false);
    window.addEventListener('message', (e: MessageEvent) => {
      if (isHostToGrid(e.data)) this.onMessage(e.data);
    });
    post({ type: 'ready' });
    if (!this.timeline.isHidden) post({ type: 'requestTimeline' });
  }

  private onMessage(msg: HostToGrid): void {
    switch (msg.type) {
      case 'init':
        this.setSettings(msg.settings);
        this.setJob(msg.job);
        if (this.saved && !this.restored) this.table.setWidths(this.saved.widths);
        this.setView(msg.view);
        this.restore(msg.view);
        break;
      case 'viewChanged':
        this.setView(msg.view);
        break;
      case 'rows':
        this.table.receiveRows(msg.requestId, msg.viewId, msg.start, msg.rows, msg.clipped);
        break;
      case 'status':
        this.setJob(msg.job);
        break;
      case 'settings':
        this.setSettings(msg.settings);
        break;
      case 'fields':
        this.sidebar.show(msg.summary);
        break;
      case 'timeline':
        this.timeline.show(msg.timeline);
        break;
      case 'error':
        this.showError(msg.message);
        break;
    }
  }

  /** After a reload the host may have a fresh view; put back what the user had, once. */
  private restore(view: ViewSummary): void {
    if (this.restored) return;
    this.restored = true;
    const s = this.saved;
    if (!s) return;
    const st = view.state;
    const hostIsDefault = st.sort.length === 0 && Object.keys(st.filter).length === 0 && st.order.length === 0 && st.hidden.length === 0 && !st.showInternal;
    if (hostIsDefault) {
      if (s.sort.length > 0) post({ type: 'setSort', sort: s.sort });
      if (Object.keys(s.filter).length > 0) this.sendFilter(s.filter);
      if (s.order.length > 0 || s.hidden.length > 0) post({ type: 'setColumns', order: s.order, hidden: s.hidden });
      if (s.showInternal) post({ type: 'toggleInternal', show: true });
    }
    requestAnimationFrame(() => this.table.restoreScroll(s.scrollTop, s.scrollLeft));
  }

  private setView(view: ViewSummary): void {
    const prev = this.view;
    this.view = view;
    // A new sort or filter starts from the top, as the user wants to see its first rows.
    const reordered = prev !== undefined && (JSON.stringify(prev.state.sort) !== JSON.stringify(view.state.sort) ||
      JSON.stringify(prev.state.filter) !== JSON.stringify(view.state.filter));
    const f = view.state.filter;
    // Do not fight the user while they type.
    if (document.activeElement !== this.filterField.element) this.filterField.value = f.text ?? '';
    this.regexToggle.pressed = !!f.regex;
    this.caseToggle.pressed = !!f.caseSensitive;
    this.internalBox.checked = view.state.showInternal;
    this.table.setView(view);
    if (reordered) this.table.restoreScroll(0, this.table.scrollPosition.left);
    const filtered = isFiltered(f);
    this.matchCount.textContent = filtered ? `${fmt.format(view.matchCount)} of ${fmt.format(view.totalCount)}` : fmt.format(view.totalCount);
    this.matchCount.title = filtered ? 'Rows matching the filters' : 'Rows';
    this.clearBtn.hidden = !filtered;
    this.filterField.element.classList.toggle('invalid', !!view.filterError);
    this.filterField.element.title = view.filterError ?? '';
    this.renderFacts();
    this.persistSoon();
  }

  private setJob(job: JobFacts): void {
    this.job = job;
    this.setRunning(job.running);
    this.progressBar.style.width = `${Math.round(Math.max(0, Math.min(1, job.progress)) * 100)}%`;
    this.renderFacts();
  }

  private setSettings(s: GridSettings): void {
    this.hashBox.checked = s.hashColumns;
  }

  private setRunning(running: boolean): void {
    this.cancelBtn.hidden = !running;
    this.ring.hidden = !running;
    this.progress.hidden = !running;
  }

  private renderFacts(): void {
    const job = this.job;
    const view = this.view;
    this.facts.replaceChildren();
    if (!job) return;
    const parts: string[] = [];
    const held = job.resultCount;
    if (job.truncated && job.totalResults !== undefined && job.totalResults > held) {
      parts.push(`Showing ${fmt.format(held)} of ${fmt.format(job.totalResults)} results (truncated)`);
    } else {
      parts.push(`${fmt.format(held)} result${held === 1 ? '' : 's'}`);
    }
    if (view && isFiltered(view.state.filter)) parts.push(`${fmt.format(view.matchCount)} match the filters`);
    parts.push(job.running ? `${job.state} ${Math.round(job.progress * 100)}%` : job.state);
    parts.push(`${job.runDuration.toFixed(job.runDuration < 10 ? 2 : 1)} s`);
    const text = el('span', 'fact');
    text.textContent = parts.join(' · ');
    const sid = el('span', 'sid');
    appendVisibleText(sid, `sid ${job.sid}`);
    this.facts.append(text, sid);
    this.messages.replaceChildren();
    for (const m of job.messages.slice(0, 20)) {
      const line = el('div', `message ${m.type.toLowerCase()}`);
      appendVisibleText(line, `${m.type}: ${m.text}`);
      this.messages.appendChild(line);
    }
  }

  private showError(message: string): void {
    const line = el('div', 'message error');
    appendVisibleText(line, message);
    this.messages.appendChild(line);
  }

  // --- sort and filter --------------------------------------------------------------------------

  private sortBy(column: string, additive: boolean): void {
    const current: SortKey[] = this.view?.state.sort ?? [];
    const existing = current.find((k) => k.column === column);
    // Cycle asc -> desc -> none; shift adds or cycles a secondary key and keeps the others.
    const nextDir = !existing ? 'asc' : existing.direction === 'asc' ? 'desc' : undefined;
    let sort: SortKey[];
    if (additive) {
      sort = current.filter((k) => k.column !== column);
      if (nextDir) {
        const i = current.findIndex((k) => k.column === column);
        if (i >= 0) sort.splice(i, 0, { column, direction: nextDir });
        else sort.push({ column, direction: nextDir });
      }
    } else {
      sort = nextDir ? [{ column, direction: nextDir }] : [];
    }
    post({ type: 'setSort', sort: sort.slice(0, LIMITS.maxSortKeys) });
  }

  private scheduleFilter(delay = 250): void {
    clearTimeout(this.filterTimer);
    this.filterTimer = setTimeout(() => {
      const f: FilterSpec = { ...(this.view?.state.filter ?? {}) };
      const text = this.filterField.value.slice(0, LIMITS.maxFilterText);
      if (text) f.text = text; else delete f.text;
      if (this.regexToggle.pressed) f.regex = true; else delete f.regex;
      if (this.caseToggle.pressed) f.caseSensitive = true; else delete f.caseSensitive;
      this.sendFilter(f);
    }, delay);
  }

  private columnFilter(column: string, text: string): void {
    const f: FilterSpec = { ...(this.view?.state.filter ?? {}) };
    const per = { ...(f.perColumn ?? {}) };
    if (text) per[column] = { text: text.slice(0, LIMITS.maxFilterText) }; else delete per[column];
    if (Object.keys(per).length > 0) f.perColumn = per; else delete f.perColumn;
    this.sendFilter(f);
  }

  /**
   * The host drops a filter that fails the protocol's guard with only a log line, so one value over
   * the limits would silently freeze the filter box: such values are taken out here, and the user told.
   */
  private sendFilter(f: FilterSpec): void {
    if (!isFilterSpec(f as unknown)) {
      const fits = (list: FilterSpec['include']) => (list ?? []).filter((v) => isFilterSpec({ include: [v] }));
      const clamped: FilterSpec = { ...f };
      if (f.include) clamped.include = fits(f.include).slice(-LIMITS.maxValueMatches);
      if (f.exclude) clamped.exclude = fits(f.exclude).slice(-LIMITS.maxValueMatches);
      if (!isFilterSpec(clamped as unknown)) { this.showError('The filter is over the size limits and was not applied.'); return; }
      this.showError('A value filter was over the size limits and was removed.');
      f = clamped;
    }
    post({ type: 'setFilter', filter: f });
  }

  private clearFilters(): void {
    this.filterField.value = '';
    post({ type: 'setFilter', filter: {} });
  }

  // --- selection, copy, menu --------------------------------------------------------------------

  private selection(ranges?: CellRange[]): Selection {
    return { viewId: this.table.currentViewId, ranges: (ranges ?? this.table.selection.ranges).slice(-LIMITS.maxRanges) };
  }

  private selectionChanged(): void {
    clearTimeout(this.selectTimer);
    this.selectTimer = setTimeout(() => post({ type: 'select', selection: this.selection() }), 80);
  }

  private copy(format: CopyFormat, withHeaders: boolean, ranges?: CellRange[]): void {
    const sel = this.selection(ranges);
    if (sel.ranges.length === 0) return;
    post({ type: 'copy', format, selection: sel, withHeaders });
  }

  private openMenu(target: MenuTarget, x: number, y: number): void {
    const cols = this.table.visibleColumns;
    const rows = this.table.rows;
    const viewId = this.table.currentViewId;
    let entries: MenuEntry[];
    if (target.kind === 'header') {
      const col = cols[target.col];
      if (!col) return;
      const names = cols.map((c) => c.name);
      const hidden = this.view?.state.hidden ?? [];
      const move = (d: number) => {
        const order = names.slice();
        const j = target.col + d;
        if (j < 0 || j >= order.length) return;
        [order[target.col], order[j]] = [order[j]!, order[target.col]!];
        post({ type: 'setColumns', order, hidden });
      };
      entries = [
        { label: 'Sort ascending', run: () => post({ type: 'setSort', sort: [{ column: col.name, direction: 'asc' }] }) },
        { label: 'Sort descending', run: () => post({ type: 'setSort', sort: [{ column: col.name, direction: 'desc' }] }) },
        'separator',
        ...copyFormatsFor('column').map((f): MenuEntry => ({ label: `Copy ${f.name}`, run: () => this.copy(f.id, false, [{ rowStart: 0, rowEnd: Math.max(0, rows - 1), colStart: target.col, colEnd: target.col }]), disabled: rows === 0 })),
        'separator',
        { label: 'Hide column', run: () => post({ type: 'setColumns', order: names, hidden: [...hidden, col.name] }) },
        { label: 'Move left', run: () => move(-1), disabled: target.col === 0 },
        { label: 'Move right', run: () => move(1), disabled: target.col === cols.length - 1 },
        { label: `Show hidden columns (${hidden.length})`, run: () => post({ type: 'setColumns', order: names, hidden: [] }), disabled: hidden.length === 0 },
      ];
    } else {
      const cell = { viewId, row: target.row, column: target.col };
      const fullRows = this.table.selection.ranges.map((r) => ({ ...r, colStart: 0, colEnd: Math.max(0, cols.length - 1) }));
      const wholeColumn = [{ rowStart: 0, rowEnd: Math.max(0, rows - 1), colStart: target.col, colEnd: target.col }];
      entries = [
        ...copyFormatsFor('cell').map((f): MenuEntry => ({ label: `Copy ${f.name}`, run: () => this.copy(f.id, false, [{ rowStart: target.row, rowEnd: target.row, colStart: target.col, colEnd: target.col }]) })),
        { label: 'Copy selection as TSV', run: () => this.copy('tsv', false) },
        ...copyFormatsFor('rows').map((f): MenuEntry => ({ label: `Copy rows as ${f.name}${f.id === 'tsv' ? ' (with headers)' : ''}`, run: () => this.copy(f.id, true, fullRows) })),
        ...copyFormatsFor('column').map((f): MenuEntry => ({ label: `Copy ${f.name}`, run: () => this.copy(f.id, false, wholeColumn) })),
        'separator',
        { label: 'Filter to this value', run: () => post({ type: 'filterToValue', cell }) },
        { label: 'Exclude this value', run: () => post({ type: 'excludeValue', cell }) },
        'separator',
        { label: 'Open value in editor', run: () => post({ type: 'openValue', cell }) },
        { label: 'Export selection…', run: () => post({ type: 'export', scope: 'selection', selection: this.selection() }) },
        { label: 'Look up these rows\' hashes in VirusTotal', run: () => post({ type: 'lookUpHashes', selection: { viewId, ranges: fullRows } }) },
      ];
    }
    this.menu.open(entries, x, y, this.table.viewport);
  }

  // --- persistence ------------------------------------------------------------------------------

  private persistSoon(): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => this.persist(), 300);
  }

  private persist(): void {
    if (!this.view) return;
    const { top, left } = this.table.scrollPosition;
    const state: PersistedGridState = {
      ...this.view.state,
      widths: this.table.columnWidths(),
      scrollTop: Math.max(0, Math.min(1e9, top)),
      scrollLeft: Math.max(0, Math.min(1e9, left)),
    };
    api.setState({ ...state, query: QUERY_KEY, timelineHidden: this.timeline.isHidden });
  }
}

function isFiltered(f: FilterSpec): boolean {
  return !!f.text || Object.keys(f.perColumn ?? {}).length > 0 || (f.include?.length ?? 0) > 0 || (f.exclude?.length ?? 0) > 0 || f.timeRange !== undefined;
}

new GridApp(document.body);
