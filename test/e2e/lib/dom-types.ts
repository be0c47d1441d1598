/**
 * The few DOM shapes the UI helpers use inside page.evaluate callbacks. The host tsconfig has no DOM
 * library on purpose (only src/webview/ may touch the DOM), so these callbacks, which run in the
 * browser, reach the DOM through `globalThis as unknown as BrowserGlobals`; the cast disappears when
 * the callback is compiled and sent to the page.
 */
export interface DomElement {
  textContent: string | null;
  innerText: string;
  classList: Iterable<string> & { contains(name: string): boolean };
  style: { top: string };
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
  contains(other: DomElement | null): boolean;
  focus(): void;
  scrollLeft?: number;
  value?: string;
  checkVisibility(): boolean;
  getBoundingClientRect(): { top: number; left: number; height: number };
}

export interface BrowserGlobals {
  document: {
    activeElement: DomElement | null;
    body: DomElement | null;
    querySelector(selector: string): DomElement | null;
    querySelectorAll(selector: string): Iterable<DomElement>;
  };
}
