/**
 * One recorded run, as it is kept across restarts. Only what describes the run: never result data,
 * never a secret (the connection is kept as its label and profile id, not its URL or credential).
 */

export type HistoryState = 'done' | 'failed' | 'cancelled';

export interface HistoryRecord {
  /** Unique within a store: the time it started plus a counter, so two runs in one millisecond differ. */
  id: string;
  query: string;
  /** Where it ran, as the user named it ("local engine", a profile's label). */
  target: string;
  /** The connection profile id, when it ran on one (to re-run in the same place). */
  profileId?: string;
  earliest: string;
  latest: string;
  /** The label the time range had in the status bar ("Last 24 hours"). */
  timeLabel: string;
  sid?: string;
  state: HistoryState;
  resultCount: number;
  durationMs: number;
  /** Epoch milliseconds when the run started. */
  startedAt: number;
  /** The file the query came from, as a URI string. */
  documentUri?: string;
  /** The run's error, in the words it was shown to the user. */
  error?: string;
}

const STATES: readonly HistoryState[] = ['done', 'failed', 'cancelled'];

/** Longest query text kept: a pasted multi-megabyte search must not fill the workspace state. */
export const MAX_QUERY_CHARS = 100_000;

const text = (v: unknown, max = 2000): string | undefined => (typeof v === 'string' ? v.slice(0, max) : undefined);
const count = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.floor(v) : 0);

/**
 * A record read back from storage, checked field by field: the state may come from an older version
 * or have been edited by hand. Returns undefined for anything that is not a record at all.
 */
export function parseHistoryRecord(raw: unknown): HistoryRecord | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  const id = text(r['id'], 200);
  const query = text(r['query'], MAX_QUERY_CHARS);
  const state = STATES.find((s) => s === r['state']);
  const startedAt = count(r['startedAt']);
  if (!id || query === undefined || !state || startedAt === 0) return undefined;
  const record: HistoryRecord = {
    id,
    query,
    target: text(r['target'], 500) ?? '',
    earliest: text(r['earliest'], 200) ?? '',
    latest: text(r['latest'], 200) ?? '',
    timeLabel: text(r['timeLabel'], 200) ?? '',
    state,
    resultCount: count(r['resultCount']),
    durationMs: count(r['durationMs']),
    startedAt,
  };
  const optional = { profileId: text(r['profileId'], 500), sid: text(r['sid'], 500), documentUri: text(r['documentUri']), error: text(r['error']) };
  for (const [key, value] of Object.entries(optional)) if (value) (record as unknown as Record<string, string>)[key] = value;
  return record;
}

/** "2026-12-02 00:41" in local time: the form the History view and quick pick show. */
export function formatWhen(epochMs: number): string {
  const d = new Date(epochMs);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** One line that says how a run went: "done · 1,234 results · 2.1 s". */
export function describeOutcome(r: HistoryRecord): string {
  const results = `${r.resultCount.toLocaleString('en-US')} result${r.resultCount === 1 ? '' : 's'}`;
  return `${r.state} · ${results} · ${formatDuration(r.durationMs)}`;
}

/** The query on one line, shortened, for labels. */
export function queryLabel(query: string, max = 120): string {
  const oneLine = query.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}
