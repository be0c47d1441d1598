import * as vscode from 'vscode';
import type { ResolvedBackend, RunOptions } from '../../search/backend';
import { DisposableStore } from '../disposable';
import type { Logger } from '../logger';
import { SearchRun } from './searchRun';
import { COMMANDS } from '../commandIds';

/**
 * Starts runs and shows their progress: a status-bar item with a cancel action and a cancellable
 * progress notification. Knows the latest run, for commands that act on "the current results".
 */
export class RunManager implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly runs = new Set<SearchRun>();
  private readonly item: vscode.StatusBarItem;
  private readonly started = new vscode.EventEmitter<SearchRun>();
  readonly onDidStart = this.started.event;
  private latestRun: SearchRun | undefined;
  private focusedRun: SearchRun | undefined;

  constructor(private readonly log: Logger) {
    this.item = this.disposables.add(vscode.window.createStatusBarItem('splWorkbench.progress', vscode.StatusBarAlignment.Left, 48));
    this.item.name = 'SPL Workbench: search progress';
    this.disposables.add(this.started);
  }

  /** The run whose results panel was focused last, else the newest. */
  get current(): SearchRun | undefined {
    return this.focusedRun ?? this.latestRun;
  }

  get latest(): SearchRun | undefined {
    return this.latestRun;
  }

  focus(run: SearchRun | undefined): void {
    this.focusedRun = run;
  }

  get allRuns(): SearchRun[] {
    return [...this.runs];
  }

  get running(): SearchRun[] {
    return [...this.runs].filter((r) => r.running);
  }

  start(query: string, documentUri: vscode.Uri | undefined, target: ResolvedBackend, options: RunOptions): SearchRun {
    const { backend, label: targetLabel } = target;
    const run = new SearchRun(query, documentUri, backend, options, targetLabel, target.profileId);
    // Finished runs hold their whole result set; only running ones and the latest stay here
    // (a results panel keeps its own run).
    if (this.latestRun && !this.latestRun.running) this.runs.delete(this.latestRun);
    this.runs.add(run);
    this.latestRun = run;
    this.focusedRun = undefined;
    this.log.info(`Run ${run.id} on ${targetLabel}: ${query.length > 300 ? query.slice(0, 300) + '…' : query}`);
    const sub = run.onDidUpdate(() => this.render());
    void run.finished.then(() => {
      sub.dispose();
      if (run !== this.latestRun) this.runs.delete(run);
      this.render();
      const where = run.sid ? ` (sid ${run.sid})` : '';
      if (run.state === 'failed') this.log.error(`Run ${run.id}${where} failed: ${run.error?.message ?? ''} ${run.error?.detail ?? ''}`);
      else this.log.info(`Run ${run.id}${where} ${run.state}: ${run.store.rowCount.toLocaleString('en-US')} rows in ${((run.finishedAt! - run.startedAt) / 1000).toFixed(2)} s`);
      backend.dispose();
    });
    this.showProgressNotification(run);
    this.render();
    this.started.fire(run);
    return run;
  }

  private showProgressNotification(run: SearchRun): void {
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `SPL search on ${run.targetLabel}`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => run.cancel());
        let last = 0;
        const sub = run.onDidUpdate(() => {
          const pct = Math.round((run.status?.doneProgress ?? 0) * 100);
          progress.report({ message: progressText(run), increment: Math.max(0, pct - last) });
          last = Math.max(last, pct);
        });
        return run.finished.finally(() => sub.dispose());
      },
    );
  }

  private render(): void {
    const active = this.running;
    void vscode.commands.executeCommand('setContext', 'splWorkbench.searchRunning', active.length > 0);
    if (active.length === 0) {
      this.item.hide();
      return;
    }
    const run = active[active.length - 1]!;
    this.item.text = `$(sync~spin) ${progressText(run)}`;
    this.item.tooltip = `Searching ${run.targetLabel}${run.sid ? ` (sid ${run.sid})` : ''}. Click to cancel.`;
    this.item.command = { title: 'Cancel', command: COMMANDS.cancelQuery, arguments: [run.id] };
    this.item.show();
  }

  cancel(runId?: number): boolean {
    const targets = runId === undefined ? this.running : this.running.filter((r) => r.id === runId);
    for (const r of targets) r.cancel();
    return targets.length > 0;
  }

  dispose(): void {
    for (const r of this.runs) r.dispose();
    this.runs.clear();
    this.disposables.dispose();
  }
}

export function progressText(run: SearchRun): string {
  const s = run.status;
  if (!s) return 'Starting search…';
  const pct = Math.round(s.doneProgress * 100);
  const rows = Math.max(run.store.rowCount, s.resultCount);
  return `${s.state === 'DONE' ? 'Fetching results' : s.state.toLowerCase()} ${pct}% · ${rows.toLocaleString('en-US')} results · ${s.eventCount.toLocaleString('en-US')} events`;
}
