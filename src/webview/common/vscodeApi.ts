/**
 * The webview's handle on VS Code. acquireVsCodeApi() may be called once; the object stays in this
 * module (never on window) so that nothing else in the page can post as us.
 */
export interface VsCodeApi<S> {
  postMessage(msg: unknown): void;
  getState(): S | undefined;
  setState(state: S): void;
}

declare function acquireVsCodeApi<S>(): VsCodeApi<S>;

let api: VsCodeApi<unknown> | undefined;

export function vscodeApi<S>(): VsCodeApi<S> {
  if (!api) api = acquireVsCodeApi<unknown>();
  return api as VsCodeApi<S>;
}
