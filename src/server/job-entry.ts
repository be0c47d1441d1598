/** The Atom-like feed entry splunkd returns for a search job (docs/SERVER.md, "Job entity"): flags as booleans, counts as numbers. */
import type { FeedEntry } from './atom';
import type { Job } from './jobs';

export function jobEntry(job: Job, jobsPath: string, origin: string): FeedEntry {
  const base = `/services/${jobsPath}/${job.sid}`;
  const published = new Date(job.createdAt).toISOString();
  return {
    name: job.request.search,
    id: `${origin}${base}`,
    updated: new Date().toISOString(),
    published,
    author: job.request.owner,
    links: {
      alternate: base, 'search.log': `${base}/search.log`, events: `${base}/events`, results: `${base}/results`,
      results_preview: `${base}/results_preview`, timeline: `${base}/timeline`, summary: `${base}/summary`, control: `${base}/control`,
    },
    content: {
      sid: job.sid,
      dispatchState: job.state,
      isDone: job.isDone,
      isFailed: job.isFailed,
      isFinalized: job.isFinalized,
      isPaused: job.isPaused,
      isSaved: false,
      isSavedSearch: false,
      isZombie: false,
      isRealTimeSearch: false,
      isPreviewEnabled: job.previewEnabled,
      doneProgress: job.doneProgress,
      resultCount: job.isDone ? job.rows.length : 0,
      resultPreviewCount: job.rows.length,
      eventCount: job.eventCount,
      eventAvailableCount: job.rows.length,
      scanCount: job.scanCount,
      runDuration: job.runDuration,
      ttl: job.ttl,
      priority: job.priority,
      statusBuckets: 0,
      diskUsage: 0,
      messages: job.messages,
      earliestTime: job.request.earliestTime ?? '',
      latestTime: job.request.latestTime ?? '',
      cursorTime: '',
      eventSearch: job.request.search,
      reportSearch: '',
      normalizedSearch: job.request.search,
      keywords: '',
      label: '',
      provenance: 'rest',
      defaultTTL: '600',
      request: job.request.params,
    },
    acl: { owner: job.request.owner, app: job.request.app, sharing: 'global', perms: { read: [job.request.owner], write: [job.request.owner] } },
  };
}

/**
 * The entry as splunkd's XML carries it: there a job's messages are keyed by lower-case type, each a list
 * (`<s:key name="fatal"><s:list><s:item>…`), where JSON has an array of {type, text}.
 */
export function atomJobEntry(job: Job, jobsPath: string, origin: string): FeedEntry {
  const entry = jobEntry(job, jobsPath, origin);
  const byType: Record<string, string[]> = {};
  for (const m of job.messages) (byType[m.type.toLowerCase()] ??= []).push(m.text);
  return { ...entry, content: { ...entry.content, messages: byType } };
}
