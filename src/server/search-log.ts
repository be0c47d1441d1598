/** A job's search.log, in the shape of splunkd's (timestamp, level, component, message), from what the job knows. */
import type { Job } from './jobs';

export function searchLogText(job: Job): string {
  const at = (ms: number) => new Date(ms).toISOString();
  const level = job.request.params['adhoc_search_level'];
  const lines = [
    `${at(job.createdAt)} INFO  dispatchRunner - sid=${job.sid}`,
    `${at(job.createdAt)} INFO  SearchParser - search=${job.request.search}`,
    `${at(job.createdAt)} INFO  SearchOperator - adhoc_search_level=${typeof level === 'string' ? level : 'smart'}`,
    `${at(job.createdAt)} INFO  TimeRange - earliest_time=${job.request.earliestTime ?? ''} latest_time=${job.request.latestTime ?? ''}`,
    ...job.messages.map((m) => `${at(job.createdAt)} ${m.type.padEnd(5)} SearchMessages - ${m.text}`),
    `${at(Date.now())} INFO  dispatchRunner - state=${job.state} scanCount=${job.scanCount} eventCount=${job.eventCount} resultCount=${job.rows.length} runDuration=${job.runDuration.toFixed(3)}`,
  ];
  return `${lines.join('\n')}\n`;
}
