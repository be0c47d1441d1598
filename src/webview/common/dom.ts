/**
 * The one element helper of both webviews. Text goes in through textContent only: every value shown
 * comes from search results or a server and is attacker-controlled.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
