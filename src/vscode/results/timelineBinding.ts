import * as vscode from 'vscode';
import type { GridMessage } from '../../results/session';
import { timeRangeOfSpan } from '../../results/timeline';
import { LIMITS, type HostToGrid } from '../../shared/protocol';
import { COMMANDS } from '../commandIds';
import type { Logger } from '../logger';
import type { SearchRun } from '../run/searchRun';
import { RunFeed } from './runFeed';
import { runTimeline } from './runTimeline';

/**
 * One run's timeline in a results panel: the counts per time bucket once the grid shows the timeline
 * and again while rows arrive (throttled), and a span the grid selects turned into the time range of
 * the next run (through the time-range command, the one place that sets it).
 */
export class TimelineBinding implements vscode.Disposable {
  private readonly feed: RunFeed;

  constructor(private readonly run: SearchRun, private readonly post: (msg: HostToGrid) => void, private readonly log: Logger) {
    this.feed = new RunFeed(run, () => this.send());
  }

  requestTimeline(): void {
    this.feed.request();
  }

  timelineHidden(): void {
    this.feed.close();
  }

  useTimeRange(m: GridMessage<'useTimeRange'>): void {
    const range = timeRangeOfSpan(m.span.earliestMs, m.span.latestMs);
    const run = this.run;
    void (async () => {
      await vscode.commands.executeCommand(COMMANDS.chooseTimeRange, range);
      if (m.rerun) await vscode.commands.executeCommand(COMMANDS.runQuery, { query: run.query, ...(run.documentUri ? { uri: run.documentUri.toString() } : {}) });
    })().catch((e: unknown) => {
      const reason = e instanceof Error ? e.message : String(e);
      this.log.error(`Could not use the timeline selection as the time range: ${reason}`);
      void vscode.window.showErrorMessage(`Could not use the selection as the time range: ${reason}`);
    });
  }

  private send(): void {
    const t = runTimeline(this.run).snapshot();
    this.post({ type: 'timeline', timeline: t && t.counts.length <= LIMITS.maxTimelineBuckets ? t : null });
  }

  dispose(): void {
    this.feed.dispose();
  }
}
