import * as vscode from 'vscode';
import { SidebarFields } from '../../results/sidebarFields';
import type { GridMessage } from '../../results/session';
import type { HostToGrid } from '../../shared/protocol';
import { COMMANDS } from '../commandIds';
import type { SearchRun } from '../run/searchRun';
import { RunFeed } from './runFeed';
import { runFieldSummary } from './runFieldSummary';

/**
 * One run's fields sidebar in a results panel: sends the figures once the grid opens the sidebar and
 * again while rows arrive (throttled), and turns a value the grid picks (by index) into the
 * Add to Query / Exclude command on this run.
 */
export class FieldsSidebarBinding implements vscode.Disposable {
  private readonly lists = new SidebarFields();
  private readonly feed: RunFeed;

  constructor(private readonly run: SearchRun, private readonly post: (msg: HostToGrid) => void) {
    this.feed = new RunFeed(run, () => this.send());
  }

  /** The grid opened its sidebar (again, after a reload perhaps): the figures as they are now. */
  requestFields(): void {
    this.feed.request();
  }

  fieldsClosed(): void {
    this.feed.close();
  }

  fieldValueToQuery(m: GridMessage<'fieldValueToQuery'>): void {
    const picked = this.lists.resolve(m.fieldsId, m.field, m.value);
    if (!picked) return; // an answer to a list long replaced: nothing the user saw maps to it any more
    void vscode.commands.executeCommand(m.exclude ? COMMANDS.excludeFromQuery : COMMANDS.addToQuery, {
      runId: this.run.id, field: picked.field, value: picked.value, rerun: m.rerun,
    });
  }

  private send(): void {
    const summary = runFieldSummary(this.run);
    this.post({ type: 'fields', summary: this.lists.summarize(summary.all(), summary.rowCount) });
  }

  dispose(): void {
    this.feed.dispose();
  }
}
