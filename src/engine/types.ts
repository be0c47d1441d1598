/** Values as Splunk returns them: one string, or a multivalue list of strings. */
export type FieldValue = string | string[];
export type SplEvent = Record<string, FieldValue>;

export interface ResultBatch {
  /** Field names in Splunk's order for these rows. */
  fields: string[];
  rows: SplEvent[];
}

export interface RunStats {
  /** Events read from the source. */
  scanned: number;
  /** Events that passed the leading search (Splunk's eventCount). */
  matched: number;
  /** 0..1 when the source can tell, else undefined. */
  progress: number | undefined;
}

export interface ExecuteOptions {
  earliestTime?: string;
  latestTime?: string;
  /** Epoch milliseconds; default Date.now(). */
  now?: number;
  signal?: AbortSignal;
  /** Rows per yielded batch (default 1000). */
  batchSize?: number;
  /**
   * When set, a batch (possibly empty) is yielded at least this often while the source is read, so a
   * consumer can report progress during long blocking commands such as stats.
   */
  heartbeatMs?: number;
  /** Folder of CSV lookup files for lookup, inputlookup and outputlookup. */
  lookupsFolder?: string;
  /** Warnings for the user, e.g. a subsearch cut at its result limit. */
  onWarning?: (message: string) => void;
  /** Called with running counts whenever a source batch has been processed. */
  onStats?: (stats: RunStats) => void;
}

export interface EventSource {
  batches(signal?: AbortSignal): AsyncIterable<SplEvent[]>;
}

/**
 * What the leading search can tell a source before parsing: lower-case ASCII literals that every matching
 * event's raw line contains (case-insensitively). A line missing one can never match and may be skipped.
 */
export interface LinePrefilter {
  literals: string[];
}

/** Optional capabilities a source may offer beyond `EventSource`. */
export interface PrefilterableSource extends EventSource {
  batchesWithPrefilter(prefilter: LinePrefilter, signal?: AbortSignal): AsyncIterable<SplEvent[]>;
  /**
   * Field names the source may add or derive (e.g. host, source, _time); a prefilter on their raw
   * text would be unsafe because the value is not (or not literally) in the line.
   */
  readonly synthesizedFields: ReadonlySet<string>;
}

export interface ProgressSource extends EventSource {
  progress(): number | undefined;
}

export function isPrefilterable(s: EventSource): s is PrefilterableSource {
  return typeof (s as Partial<PrefilterableSource>).batchesWithPrefilter === 'function';
}

export function hasProgress(s: EventSource): s is ProgressSource {
  return typeof (s as Partial<ProgressSource>).progress === 'function';
}
