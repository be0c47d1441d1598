/**
 * Small DOM helpers for the hash panel. Text goes in through textContent only: image names and malformed hash
 * text are attacker-controlled.
 */
import { el } from '../common/dom';
import { visibleString } from '../common/visibleText';

export const MAX_SHOWN_CHARS = 300;

/** Text made safe to look at, the way the grid shows it (controls, bidi and zero-width visible), long text cut. */
export function visibleText(text: string, max: number = MAX_SHOWN_CHARS): string {
  return visibleString(text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)` : text);
}

export { el };

export function button(label: string, title: string, onClick: () => void, className = 'btn'): HTMLButtonElement {
  const b = el('button', className, label);
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}
