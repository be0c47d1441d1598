import * as vscode from 'vscode';
import { defaultWebUrl, jobWebUrl } from '../../search/connections/webUrl';
import { jobDetailsText } from '../../search/jobDetails';
import { readProfiles } from '../config';
import { splunkBackend } from '../connections/backendFactory';
import type { SearchRun } from '../run/searchRun';
import type { Services } from '../services';

export const JOB_SCHEME = 'splwb-job';

/** Finds a run by id among those still held (running, latest, in a results panel, in History's memory). */
export type RunLookup = (id: number | undefined) => SearchRun | undefined;

/** The profile a run used and its Splunk Web address (the profile's webUrl, else host:8000). */
export function splunkWebFor(run: SearchRun): { url: string; app: string } | undefined {
  if (!run.profileId) return undefined;
  const profile = readProfiles().profiles.find((p) => p.id === run.profileId);
  if (!profile) return undefined;
  return { url: profile.webUrl ?? defaultWebUrl(profile.url), app: profile.app ?? 'search' };
}

export function jobWebLink(run: SearchRun): string | undefined {
  const web = splunkWebFor(run);
  return web && run.sid ? jobWebUrl(web.url, run.sid, web.app) : undefined;
}

export function jobDetailsUri(run: SearchRun): vscode.Uri {
  return vscode.Uri.from({ scheme: JOB_SCHEME, path: `/run-${run.id}/job-details.txt` });
}

export function searchLogUri(run: SearchRun): vscode.Uri {
  return vscode.Uri.from({ scheme: JOB_SCHEME, path: `/run-${run.id}/search.log` });
}

/**
 * Read-only documents for a run's job: its details (refreshed while it runs), and its search.log,
 * fetched from the server on demand with a fresh connection (the run's own one is closed when it ends).
 */
export class JobDetailsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly s: Services, private readonly lookup: RunLookup) {}

  /** Redraws an open details document (a running job's counts move). */
  refresh(run: SearchRun): void {
    this.changed.fire(jobDetailsUri(run));
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const m = /^\/run-(\d+)\/(job-details\.txt|search\.log)$/.exec(uri.path);
    const run = m ? this.lookup(Number(m[1])) : undefined;
    if (!m || !run) return 'This run is no longer in memory: its job details went with its results.\n';
    if (m[2] === 'job-details.txt') return this.details(run);
    return this.searchLog(run, token);
  }

  details(run: SearchRun): string {
    return jobDetailsText({
      query: run.query,
      target: run.targetLabel,
      kind: run.profileId ? 'splunk' : 'local',
      state: run.state,
      sid: run.sid,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      earliest: run.options.earliestTime ?? '',
      latest: run.options.latestTime ?? '',
      searchMode: run.options.searchMode,
      status: run.status,
      complete: run.complete,
      fetchedRows: run.store.rowCount,
      messages: run.messages,
      error: run.error ? `${run.error.message}${run.error.detail ? ` ${run.error.detail}` : ''}` : undefined,
      webUrl: jobWebLink(run),
      jobKept: this.s.settings.current.keepFinishedJobs || run.running,
    });
  }

  private async searchLog(run: SearchRun, token: vscode.CancellationToken): Promise<string> {
    if (!run.profileId) return 'The local engine keeps no search log: its job details show the counts and timings.\n';
    if (!run.sid) return 'The job has no sid yet.\n';
    const profile = readProfiles().profiles.find((p) => p.id === run.profileId);
    if (!profile) return `The connection "${run.profileId}" no longer exists.\n`;
    const resolved = await splunkBackend({ credentials: this.s.credentials, log: this.s.log, settings: this.s.settings.current }, profile);
    if (!resolved) return 'Not signed in: no search log.\n';
    const abort = new AbortController();
    const sub = token.onCancellationRequested(() => abort.abort());
    try {
      if (!resolved.backend.searchLog) return 'This connection cannot fetch search logs.\n';
      return await resolved.backend.searchLog(run.sid, abort.signal);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      const kept = this.s.settings.current.keepFinishedJobs || run.running;
      return `Could not fetch the search log of ${run.sid}: ${why}\n${kept ? '' : 'Finished jobs are removed from the server once their results are fetched; set splWorkbench.splunk.keepFinishedJobs to keep them (for their TTL) and run the search again.\n'}`;
    } finally {
      sub.dispose();
      resolved.backend.dispose();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
