/**
 * A run's job, described for people: what ran where, its counts and timings, and the job's own
 * messages. Plain text (shown in a read-only editor), so server text is never interpreted.
 */
import type { JobStatus, RunComplete, SearchMessage } from './backend';
import { searchModeLabel, type SearchMode } from './searchMode';

export interface JobDetailsInput {
  query: string;
  target: string;
  kind: 'splunk' | 'local';
  state: string;
  sid: string | undefined;
  startedAt: number;
  finishedAt: number | undefined;
  earliest: string;
  latest: string;
  searchMode: SearchMode | undefined;
  status: JobStatus | undefined;
  complete: RunComplete | undefined;
  fetchedRows: number;
  messages: readonly SearchMessage[];
  error: string | undefined;
  webUrl: string | undefined;
  /** Whether the job was left on the server (search log and Splunk Web need it). */
  jobKept: boolean;
}

const n = (v: number) => v.toLocaleString('en-US');

/** Control characters (other than tab) shown as `\u…`, so server text cannot rewrite lines on screen. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function jobDetailsText(d: JobDetailsInput): string {
  const end = d.finishedAt ?? Date.now();
  const lines: string[] = [];
  const row = (label: string, value: string) => lines.push(`${`${label}:`.padEnd(18)}${printable(value)}`);
  lines.push(`Job details (${d.kind === 'splunk' ? 'Splunk' : 'local engine'})`, '');
  row('Ran on', d.target);
  row('Sid', d.sid ?? '(none yet)');
  row('State', d.status && d.state !== 'failed' && d.state !== 'cancelled' ? `${d.state} (${d.status.state})` : d.state);
  row('Time range', d.earliest || d.latest ? `earliest=${d.earliest || '(all time)'} latest=${d.latest || 'now'}` : 'all time');
  if (d.kind === 'splunk') row('Search mode', d.searchMode ? `${searchModeLabel(d.searchMode)} (adhoc_search_level=${d.searchMode})` : 'server default');
  row('Started', new Date(d.startedAt).toISOString());
  row('Finished', d.finishedAt ? new Date(d.finishedAt).toISOString() : '(running)');
  row('Duration', `${((end - d.startedAt) / 1000).toFixed(3)} s (whole run: dispatch, polling and fetching)`);
  if (d.status) row('Job run time', `${d.status.runDuration.toFixed(3)} s (as the ${d.kind === 'splunk' ? 'server' : 'engine'} reports it)`);
  if (d.status?.scanCount !== undefined) row('Scanned events', n(d.status.scanCount));
  if (d.status) row('Matched events', n(d.status.eventCount));
  const total = d.complete?.totalResults ?? d.status?.resultCount;
  if (total !== undefined) row('Results', n(total));
  row('Fetched rows', `${n(d.fetchedRows)}${d.complete?.truncated ? ' (truncated by splWorkbench.maxResults)' : ''}${d.complete?.incomplete ? ' (incomplete: the transfer broke)' : ''}`);
  if (d.webUrl) row('Splunk Web', d.jobKept ? d.webUrl : `${d.webUrl} (the job was removed when its results were fetched; set splWorkbench.splunk.keepFinishedJobs to keep it)`);
  if (d.error) row('Error', d.error);
  lines.push('', `Messages (${d.messages.length}):`);
  if (d.messages.length === 0) lines.push('  (none)');
  for (const m of d.messages) lines.push(`  ${m.type.padEnd(6)}${printable(m.text)}`);
  lines.push('', 'Query:', ...d.query.split(/\r?\n/).map((l) => `  ${printable(l)}`));
  return `${lines.join('\n')}\n`;
}
