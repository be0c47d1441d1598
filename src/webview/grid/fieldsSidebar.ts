/**
 * The fields sidebar beside the grid: every field with its share of rows and distinct values; a
 * field opens to its top values (and min / max / average when numeric), each with "Add to query" and
 * "Exclude". Values are attacker-controlled: all text goes in through text nodes. The host is told a
 * value by its indexes in the list it sent, never by its text.
 */
import type { FieldsSummary, GridToHost, SidebarField } from '../../shared/protocol';
import { checkbox } from '../common/toolkit';
import { el } from '../common/dom';
import { appendVisibleText, visibleString } from '../common/visibleText';

const fmt = new Intl.NumberFormat('en-US');
const pct = (share: number) => `${(share * 100).toFixed(share < 0.1 ? 1 : 0)}%`;
const num = (n: number) => String(Number(n.toPrecision(6)));

export class FieldsSidebar {
  readonly element: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly list: HTMLElement;
  private readonly rerunBox;
  private summary: FieldsSummary | undefined;
  /** Open fields by name, so an update while rows arrive keeps what the user opened. */
  private readonly expanded = new Set<string>();

  constructor(private readonly post: (msg: GridToHost) => void) {
    this.element = el('aside', 'fields-sidebar');
    this.element.setAttribute('aria-label', 'Fields');
    this.element.hidden = true;
    const head = el('div', 'fields-head');
    this.heading = el('span', 'fields-title', 'Fields');
    this.rerunBox = checkbox('Re-run', () => undefined);
    this.rerunBox.element.title = 'Run the edited query at once (Alt+click an action does the same once)';
    head.append(this.heading, this.rerunBox.element);
    this.list = el('div', 'fields-list');
    this.list.setAttribute('role', 'tree');
    this.element.append(head, this.list);
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** Shows or hides the sidebar; on opening it asks the host for the figures. */
  toggle(open = !this.isOpen): void {
    this.element.hidden = !open;
    this.post({ type: open ? 'requestFields' : 'fieldsClosed' });
  }

  show(summary: FieldsSummary): void {
    this.summary = summary;
    const n = summary.fields.length;
    this.heading.textContent = `Fields (${fmt.format(n)}${summary.truncated ? '+' : ''}) · ${fmt.format(summary.rowCount)} rows`;
    this.list.replaceChildren(...summary.fields.map((f, i) => this.fieldItem(f, i)));
  }

  private fieldItem(f: SidebarField, index: number): HTMLElement {
    const item = el('div', 'field');
    item.setAttribute('role', 'treeitem');
    item.dataset['field'] = String(index);
    const open = this.expanded.has(f.field);
    item.setAttribute('aria-expanded', String(open));
    const toggle = el('button', 'field-toggle');
    toggle.type = 'button';
    const name = el('span', 'field-name');
    appendVisibleText(name, f.field);
    toggle.title = visibleString(f.field);
    const distinct = `${fmt.format(f.distinct)}${f.distinctCapped ? '+' : ''} value${f.distinct === 1 ? '' : 's'}`;
    toggle.append(name, el('span', 'field-meta', `${pct(f.share)} · ${distinct}`));
    toggle.addEventListener('click', () => {
      if (this.expanded.has(f.field)) this.expanded.delete(f.field); else this.expanded.add(f.field);
      item.replaceWith(this.fieldItem(f, index));
    });
    item.appendChild(toggle);
    if (open) item.appendChild(this.values(f, index));
    return item;
  }

  private values(f: SidebarField, fieldIndex: number): HTMLElement {
    const box = el('div', 'field-values');
    box.setAttribute('role', 'group');
    if (f.numeric) box.appendChild(el('div', 'field-numeric', `min ${num(f.numeric.min)} · max ${num(f.numeric.max)} · avg ${num(f.numeric.avg)}`));
    f.top.forEach((v, valueIndex) => {
      const row = el('div', 'value-row');
      row.dataset['value'] = String(valueIndex);
      const text = el('span', 'value-text');
      if (v.value === '') text.appendChild(el('span', 'value-empty', '(empty)'));
      else appendVisibleText(text, v.clipped ? `${v.value}…` : v.value);
      text.title = visibleString(v.value);
      const count = el('span', 'value-count', `${fmt.format(v.count)} · ${pct(v.share)}`);
      const action = (label: string, cls: string, exclude: boolean) => {
        const b = el('button', `value-action ${cls}`, label);
        b.type = 'button';
        b.title = `${label}${exclude ? ' (NOT field="value")' : ' (field="value")'}; Alt+click also re-runs`;
        b.addEventListener('click', (e) => this.pick(fieldIndex, valueIndex, exclude, e.altKey));
        return b;
      };
      row.append(text, count, action('Add to query', 'add', false), action('Exclude', 'exclude', true));
      box.appendChild(row);
    });
    return box;
  }

  private pick(field: number, value: number, exclude: boolean, alt: boolean): void {
    if (!this.summary) return;
    this.post({ type: 'fieldValueToQuery', fieldsId: this.summary.fieldsId, field, value, exclude, rerun: alt || this.rerunBox.checked });
  }
}
