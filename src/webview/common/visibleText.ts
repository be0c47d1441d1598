/**
 * Writes attacker-controlled text into the DOM as text only, making invisible and direction-changing
 * characters visible: a U+202E in a command line can make `exe.txt` read as `txt.exe`.
 */

// C0/C1 controls, DEL, bidi embeddings/overrides/isolates, LRM/RLM/ALM, zero-width and BOM.
// eslint-disable-next-line no-control-regex -- matching control characters is the point here
const SPECIAL = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/;
// eslint-disable-next-line no-control-regex -- as above
const SPECIAL_G = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** How a special character is shown: control pictures for C0 and DEL, ⟨U+XXXX⟩ for the rest. */
export function visibleSymbol(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c === 0x0a) return '␊';
  if (c === 0x0d) return '␍';
  if (c === 0x09) return '␉';
  if (c < 0x20) return String.fromCharCode(0x2400 + c);
  if (c === 0x7f) return '␡';
  return `⟨U+${c.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

export function hasSpecial(s: string): boolean {
  return SPECIAL.test(s);
}

/** Appends `s` to `parent` as text nodes, special characters as `span.ctl` with a visible symbol. */
export function appendVisibleText(parent: Node, s: string): void {
  if (!SPECIAL.test(s)) {
    parent.appendChild(document.createTextNode(s));
    return;
  }
  let last = 0;
  SPECIAL_G.lastIndex = 0;
  for (let m = SPECIAL_G.exec(s); m !== null; m = SPECIAL_G.exec(s)) {
    if (m.index > last) parent.appendChild(document.createTextNode(s.slice(last, m.index)));
    const span = document.createElement('span');
    span.className = 'ctl';
    span.textContent = visibleSymbol(m[0]);
    parent.appendChild(span);
    last = m.index + 1;
  }
  if (last < s.length) parent.appendChild(document.createTextNode(s.slice(last)));
}

/** Same text as appendVisibleText draws, as a plain string (for titles and measuring). */
export function visibleString(s: string): string {
  return s.replace(SPECIAL_G, visibleSymbol);
}
