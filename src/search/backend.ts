/**
 * The one contract every place that can run SPL fulfils: Splunk over REST, or the local engine.
 * A run yields status updates and result pages; the consumer decides what to keep.
 */

import type { Cell } from '../shared/cell';

export type { Cell };

export type DispatchState = 'QUEUED' | 'PARSING' | 'RUNNING' | 'PAUSED' | 'FINALIZING' | 'FAILED' | 'DONE';

export interface SearchMessage {
  type: 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG';
  text: string;
}

export interface JobStatus {
  kind: 'status';
  sid: string;
  state: DispatchState;
  /** 0..1 */
  doneProgress: number;
  eventCount: number;
  resultCount: number;
  runDuration: number;
  messages: SearchMessage[];
}

export interface ResultPage {
  kind: 'page';
  /** Field names in Splunk's order for this page. */
  fields: string[];
  rows: Cell[][];
  /** Index of the first row of this page in the whole result set. */
  offset: number;
  /** True for preview rows that a later page will replace. */
  preview: boolean;
}

export interface RunComplete {
  kind: 'done';
  sid: string;
  /** Total rows the job produced (may be more than were fetched). */
  totalResults: number;
  /** Rows actually delivered. */
  fetchedResults: number;
  /** True when maxResults stopped the fetch before the end. */
  truncated: boolean;
  /** True when the transfer broke and what arrived is all there is. */
  incomplete: boolean;
  messages: SearchMessage[];
}

export type RunEvent = JobStatus | ResultPage | RunComplete;

export interface RunOptions {
  /** Splunk time modifiers, e.g. `-24h@h`, `now`, `0`, or epoch seconds. Omitted = all time. */
  earliestTime?: string;
  latestTime?: string;
  /** Stop after this many rows; the run says it was truncated. */
  maxResults: number;
  /** Rows per results request (the server caps one request at 50,000). */
  pageSize?: number;
}

export interface SearchBackend {
  readonly label: string;
  /** The query is already normalised (leading `search` or `|`). Aborting the signal cancels the job. */
  run(query: string, options: RunOptions, signal: AbortSignal): AsyncIterable<RunEvent>;
  dispose(): void;
}

/** A backend chosen for a run, with the name the user knows it by. */
export interface ResolvedBackend {
  backend: SearchBackend;
  label: string;
  profileId?: string;
}
