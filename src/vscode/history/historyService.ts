import * as vscode from 'vscode';
import { type HistoryRecord, HistoryStore, MAX_QUERY_CHARS, ResultCache } from '../../history';
import type { RunOptions } from '../../search/backend';
import { PRESETS } from '../../search/timeRange';
import { DisposableStore } from '../disposable';
import type { SettingsState } from '../settingsState';
import type { Logger } from '../logger';
import type { RunManager } from '../run/runManager';
import type { SearchRun } from '../run/searchRun';

const STATE_KEY = 'splWorkbench.history';

/**
 * Every run, recorded when it finishes, kept per workspace in `workspaceState` (descriptions only:
 * no result row ever goes to disk). The newest few runs also keep their results in memory, within
 * the `history.keepResultsOfRuns` and `history.keepResultsRowBudget` settings, so they can reopen.
 */
export class HistoryService implements vscode.Disposable {
  private readonly disposables = new DisposableStore();
  private readonly store: HistoryStore;
  private readonly results: ResultCache<SearchRun>;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private counter = 0;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly memento: vscode.Memento, runs: RunManager, private readonly log: Logger, settingsState: SettingsState) {
    const settings = settingsState.current;
    this.store = HistoryStore.fromStored(memento.get<unknown>(STATE_KEY), settings.historyLimit);
    this.results = new ResultCache<SearchRun>(settings.historyKeepResultsRuns, settings.historyKeepResultsRows);
    this.disposables.add(this.changed);
    this.disposables.add(runs.onDidStart((run) => {
      void run.finished.then(() => this.record(run));
    }));
    this.disposables.add(settingsState.onDidChange((c) => {
      if (!c.changed('historyLimit') && !c.changed('historyKeepResultsRuns') && !c.changed('historyKeepResultsRows')) return;
      const s = c.current;
      this.results.configure(s.historyKeepResultsRuns, s.historyKeepResultsRows);
      for (const id of this.store.setLimit(s.historyLimit)) this.results.delete(id);
      this.persist();
    }));
  }

  get records(): readonly HistoryRecord[] {
    return this.store.all;
  }

  get(id: string): HistoryRecord | undefined {
    return this.store.get(id);
  }

  search(text: string): HistoryRecord[] {
    return this.store.search(text);
  }

  /** The run whose results are still in memory, if this record's are. */
  resultsOf(id: string): SearchRun | undefined {
    return this.results.get(id);
  }

  hasResults(id: string): boolean {
    return this.results.has(id);
  }

  remove(id: string): void {
    this.store.remove(id);
    this.results.delete(id);
    this.persist();
  }

  clear(): void {
    this.store.clear();
    this.results.clear();
    this.persist();
  }

  /** Resolves when what changed so far is written (for tests and for deactivation). */
  flushed(): Promise<void> {
    return this.saving;
  }

  private record(run: SearchRun): void {
    const state = run.state === 'done' || run.state === 'failed' || run.state === 'cancelled' ? run.state : 'cancelled';
    const resultCount = run.state === 'done' ? Math.max(run.store.rowCount, run.complete?.totalResults ?? 0) : run.store.rowCount;
    const record: HistoryRecord = {
      id: `${run.startedAt}-${++this.counter}`,
      query: run.query.slice(0, MAX_QUERY_CHARS),
      target: run.targetLabel,
      earliest: run.options.earliestTime ?? '',
      latest: run.options.latestTime ?? '',
      timeLabel: timeLabel(run.options),
      state,
      resultCount,
      durationMs: Math.max(0, (run.finishedAt ?? Date.now()) - run.startedAt),
      startedAt: run.startedAt,
      ...(run.profileId ? { profileId: run.profileId } : {}),
      ...(run.sid ? { sid: run.sid } : {}),
      ...(run.documentUri ? { documentUri: run.documentUri.toString() } : {}),
      ...(run.error ? { error: run.error.message.slice(0, 2000) } : {}),
    };
    for (const id of this.store.add(record)) this.results.delete(id);
    if (state === 'done') this.results.add(record.id, run.store.rowCount, run);
    this.persist();
  }

  private persist(): void {
    const snapshot = this.store.toStored();
    this.saving = this.saving
      .then(() => this.memento.update(STATE_KEY, snapshot))
      .catch((e: unknown) => this.log.warn(`Could not save the query history: ${e instanceof Error ? e.message : String(e)}`));
    this.changed.fire();
  }

  dispose(): void {
    this.results.clear();
    this.disposables.dispose();
  }
}

function timeLabel(options: RunOptions): string {
  const earliest = options.earliestTime ?? '';
  const latest = options.latestTime ?? '';
  return PRESETS.find((p) => p.earliest === earliest && p.latest === latest)?.label ?? `${earliest || 'all'} to ${latest || 'now'}`;
}
