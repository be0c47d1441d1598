import * as vscode from 'vscode';
import { SidebarFields } from '../../results/sidebarFields';
import type { GridMessage } from '../../results/session';
import type { HostToGrid } from '../../shared/protocol';
import { COMMANDS } from '../commandIds';
import type { SearchRun } from '../run/searchRun';
import { runFieldSummary } from './runFieldSummary';

/** At most one `fields` message per this many ms while pages arrive (the summary grows incrementally). */
const THROTTLE_MS = 1000;

/**
 * One run's fields sidebar in a results panel: sends the figures once the grid opens the sidebar and
 * again while rows arrive (throttled), and turns a value the grid picks (by index) into the
 * Add to Query / Exclude command on this run.
 */
export class FieldsSidebarBinding implements vscode.Disposable {
  private readonly lists = new SidebarFields();
  private open = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly run: SearchRun, private readonly post: (msg: HostToGrid) => void) {
    this.subscription = run.onDidUpdate(() => this.sendSoon());
  }

  /** The grid opened its sidebar (again, after a reload perhaps): the figures as they are now. */
  requestFields(): void {
    this.open = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.send();
  }

  fieldValueToQuery(m: GridMessage<'fieldValueToQuery'>): void {
    const picked = this.lists.resolve(m.fieldsId, m.field, m.value);
    if (!picked) return; // an answer to a list long replaced: nothing the user saw maps to it any more
    void vscode.commands.executeCommand(m.exclude ? COMMANDS.excludeFromQuery : COMMANDS.addToQuery, {
      runId: this.run.id, field: picked.field, value: picked.value, rerun: m.rerun,
    });
  }

  private sendSoon(): void {
    if (!this.open || this.timer !== undefined) return;
    this.timer = setTimeout(() => { this.timer = undefined; this.send(); }, THROTTLE_MS);
  }

  private send(): void {
    const summary = runFieldSummary(this.run);
    this.post({ type: 'fields', summary: this.lists.summarize(summary.all(), summary.rowCount) });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
