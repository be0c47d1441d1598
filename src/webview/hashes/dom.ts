/**
 * Small DOM helpers for the hash panel. Text goes in through textContent only: image names and malformed hash
 * text are attacker-controlled.
 */

/** Bidi controls (can make `gpj.exe` read as `exe.jpg`) and other invisible format characters. */
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\u061C\uFEFF]/g;
// eslint-disable-next-line no-control-regex -- showing control characters is the point
const CONTROL = /[\u0000-\u001F\u007F]/g;

export const MAX_SHOWN_CHARS = 300;

/** Text made safe to look at: control and bidi characters shown as visible markers, long text cut. */
export function visibleText(text: string, max: number = MAX_SHOWN_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}… (${text.length.toLocaleString('en-US')} characters)` : text;
  return cut
    .replace(CONTROL, (c) => String.fromCharCode(0x2400 + (c === '\u007F' ? 0x21 : c.charCodeAt(0))))
    .replace(INVISIBLE, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`);
}

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function button(label: string, title: string, onClick: () => void, className = 'btn'): HTMLButtonElement {
  const b = el('button', className, label);
  b.type = 'button';
  b.title = title;
  b.addEventListener('click', onClick);
  return b;
}
