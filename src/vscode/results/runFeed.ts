import type * as vscode from 'vscode';
import type { SearchRun } from '../run/searchRun';

/**
 * Sends figures derived from a run's rows to its grid once the grid asks, and again (at most once per
 * `throttleMs`) while rows arrive, until the grid says it stopped showing them: the figures grow
 * incrementally, so resending is cheap, but a hidden timeline or closed sidebar needs none.
 */
export class RunFeed implements vscode.Disposable {
  private open = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(run: SearchRun, private readonly send: () => void, private readonly throttleMs = 1000) {
    this.subscription = run.onDidUpdate(() => this.sendSoon());
  }

  /** The grid asked (again, after a reload perhaps): the figures as they are now. */
  request(): void {
    this.open = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.send();
  }

  /** The grid no longer shows the figures: nothing is sent until it asks again. */
  close(): void {
    this.open = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private sendSoon(): void {
    if (!this.open || this.timer !== undefined) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.send(); }, this.throttleMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
