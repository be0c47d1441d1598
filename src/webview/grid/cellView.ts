/** Drawing one grid cell: text only (results are attacker-controlled), multivalues as separate spans. */
import type { Cell } from '../../shared/protocol';
import { el } from '../common/dom';
import { appendVisibleText } from '../common/visibleText';

/** `undefined` = the row is not loaded yet; `clipped` = the host cut the value for display. */
export function drawCell(cell: HTMLElement, value: Cell | undefined, clipped: boolean): void {
  cell.replaceChildren();
  cell.classList.toggle('null', value === null);
  cell.classList.toggle('mv', Array.isArray(value));
  if (value === undefined || value === null) return;
  if (typeof value === 'string') {
    appendVisibleText(cell, value);
  } else {
    value.forEach((v, i) => {
      if (i > 0) {
        const sep = el('span', 'mv-sep', ' │ ');
        sep.setAttribute('aria-hidden', 'true');
        cell.appendChild(sep);
      }
      const span = el('span', 'mv-value');
      appendVisibleText(span, v);
      cell.appendChild(span);
    });
  }
  if (clipped) {
    const more = el('span', 'clip', '…');
    more.title = 'Truncated for display; copy and export use the full value';
    cell.appendChild(more);
  }
}
