/**
 * The timeline above the grid: a histogram of events over time (bars drawn as elements, sized through
 * the CSSOM, which the CSP allows), the bucket under the pointer in words, and a span selected by
 * dragging, which can zoom the grid to it or become the time range of the next run. The host counts;
 * this only draws what it sent.
 */
import type { TimelineSummary, TimeSpan } from '../../shared/protocol';
import { formatEventTime, formatSpan } from '../../shared/timeFormat';
import { button, checkbox } from '../common/toolkit';
import { el } from '../common/dom';

const fmt = new Intl.NumberFormat('en-US');

export interface TimelineActions {
  zoom(span: TimeSpan): void;
  useAsTimeRange(span: TimeSpan, rerun: boolean): void;
}

export class Timeline {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly hover: HTMLElement;
  private readonly actions: HTMLElement;
  private readonly picked: HTMLElement;
  private readonly plot: HTMLElement;
  private readonly bars: HTMLElement;
  private readonly band: HTMLElement;
  private readonly rerunBox;
  private data: TimelineSummary | null = null;
  /** Selected buckets, inclusive, in the current data's indexes. */
  private selection: { from: number; to: number } | undefined;
  private dragFrom: number | undefined;
  private hiddenByUser = false;

  constructor(private readonly act: TimelineActions) {
    this.element = el('section', 'timeline');
    this.element.setAttribute('aria-label', 'Timeline');
    this.element.hidden = true;
    const head = el('div', 'timeline-head');
    this.title = el('span', 'timeline-title');
    this.hover = el('span', 'timeline-hover');
    this.hover.setAttribute('role', 'status');
    this.actions = el('span', 'timeline-actions');
    this.picked = el('span', 'timeline-picked');
    this.rerunBox = checkbox('Re-run', () => undefined);
    this.rerunBox.checked = true;
    this.rerunBox.element.title = 'Run the query again with the new time range';
    this.actions.append(
      this.picked,
      button({ label: 'Zoom to selection', title: 'Show only the rows in the selected time span', onClick: () => this.withSpan((s) => this.act.zoom(s)) }),
      button({ label: 'Use as time range for next run', title: 'Make the selected span the time range of the next search', onClick: () => this.withSpan((s) => this.act.useAsTimeRange(s, this.rerunBox.checked)) }),
      this.rerunBox.element,
      button({ label: 'Clear selection', title: 'Clear the timeline selection', onClick: () => this.select(undefined) }),
    );
    this.actions.hidden = true;
    head.append(this.title, this.hover, this.actions);
    this.plot = el('div', 'timeline-plot');
    this.plot.setAttribute('role', 'img');
    this.bars = el('div', 'timeline-bars');
    this.band = el('div', 'timeline-band');
    this.band.hidden = true;
    this.plot.append(this.bars, this.band);
    this.element.append(head, this.plot);
    this.plot.addEventListener('pointerdown', (e) => this.onDown(e));
    this.plot.addEventListener('pointermove', (e) => this.onMove(e));
    this.plot.addEventListener('pointerup', (e) => this.onUp(e));
    this.plot.addEventListener('pointerleave', () => { if (this.dragFrom === undefined) this.hover.textContent = ''; });
  }

  /** The user's toggle: a hidden timeline is not drawn (and its counts not asked for). */
  setHidden(hidden: boolean): void {
    this.hiddenByUser = hidden;
    this.render();
  }

  get isHidden(): boolean {
    return this.hiddenByUser;
  }

  show(data: TimelineSummary | null): void {
    const sameAxis = data && this.data && data.spanMs === this.data.spanMs && data.startMs === this.data.startMs;
    this.data = data;
    if (!sameAxis || (this.selection && data && this.selection.to >= data.counts.length)) this.select(undefined);
    this.render();
  }

  private render(): void {
    const d = this.data;
    this.element.hidden = this.hiddenByUser || d === null;
    if (!d || this.element.hidden) return;
    const max = Math.max(1, ...d.counts);
    const end = d.startMs + d.counts.length * d.spanMs;
    this.title.textContent = `${fmt.format(d.total)} events · ${formatEventTime(d.startMs)} to ${formatEventTime(end)} UTC · ${formatSpan(d.spanMs)} per bar` +
      (d.unparsed > 0 ? ` · ${fmt.format(d.unparsed)} without a time` : '');
    this.plot.setAttribute('aria-label', `Histogram of ${d.counts.length} bars, ${formatSpan(d.spanMs)} each`);
    const bars = this.bars;
    while (bars.children.length > d.counts.length) bars.lastElementChild!.remove();
    while (bars.children.length < d.counts.length) bars.appendChild(el('div', 'timeline-bar'));
    d.counts.forEach((n, i) => {
      const bar = bars.children[i] as HTMLElement;
      bar.style.height = n === 0 ? '0' : `${Math.max(2, (n / max) * 100)}%`;
      bar.dataset['count'] = String(n);
    });
    this.drawBand();
  }

  private bucketAt(e: PointerEvent): number | undefined {
    const d = this.data;
    if (!d || d.counts.length === 0) return undefined;
    const r = this.bars.getBoundingClientRect();
    if (r.width <= 0) return undefined;
    const i = Math.floor(((e.clientX - r.left) / r.width) * d.counts.length);
    return Math.max(0, Math.min(d.counts.length - 1, i));
  }

  private spanOf(from: number, to: number): TimeSpan | undefined {
    const d = this.data;
    if (!d) return undefined;
    return { earliestMs: d.startMs + from * d.spanMs, latestMs: d.startMs + (to + 1) * d.spanMs };
  }

  private onDown(e: PointerEvent): void {
    const i = this.bucketAt(e);
    if (i === undefined || e.button !== 0) return;
    this.dragFrom = i;
    this.plot.setPointerCapture(e.pointerId);
    this.select({ from: i, to: i });
    e.preventDefault();
  }

  private onMove(e: PointerEvent): void {
    const i = this.bucketAt(e);
    if (i === undefined) return;
    if (this.dragFrom !== undefined) this.select({ from: Math.min(this.dragFrom, i), to: Math.max(this.dragFrom, i) });
    const d = this.data!;
    const span = this.spanOf(i, i)!;
    const n = d.counts[i] ?? 0;
    this.hover.textContent = `${formatEventTime(span.earliestMs)} to ${formatEventTime(span.latestMs)}: ${fmt.format(n)} event${n === 1 ? '' : 's'}`;
  }

  private onUp(e: PointerEvent): void {
    if (this.dragFrom === undefined) return;
    this.onMove(e);
    this.dragFrom = undefined;
    if (this.plot.hasPointerCapture(e.pointerId)) this.plot.releasePointerCapture(e.pointerId);
  }

  private select(sel: { from: number; to: number } | undefined): void {
    this.selection = sel;
    this.actions.hidden = sel === undefined;
    const span = sel && this.spanOf(sel.from, sel.to);
    if (span && this.data) {
      const events = this.data.counts.slice(sel.from, sel.to + 1).reduce((a, b) => a + b, 0);
      this.picked.textContent = `${formatEventTime(span.earliestMs)} to ${formatEventTime(span.latestMs)} UTC (${fmt.format(events)} events)`;
    } else this.picked.textContent = '';
    this.drawBand();
  }

  private drawBand(): void {
    const d = this.data;
    const sel = this.selection;
    this.band.hidden = !d || !sel;
    if (!d || !sel) return;
    const n = d.counts.length;
    this.band.style.left = `${(sel.from / n) * 100}%`;
    this.band.style.width = `${((sel.to - sel.from + 1) / n) * 100}%`;
  }

  private withSpan(f: (span: TimeSpan) => void): void {
    const span = this.selection && this.spanOf(this.selection.from, this.selection.to);
    if (span) f(span);
  }
}
