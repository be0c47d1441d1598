/** Time ranges as the picker offers them and as they are sent with a job. */
export interface TimeRange {
  label: string;
  /** Splunk time modifier; '' = unbounded. */
  earliest: string;
  latest: string;
}

export const PRESETS: readonly TimeRange[] = [
  { label: 'Last 15 minutes', earliest: '-15m', latest: 'now' },
  { label: 'Last 60 minutes', earliest: '-60m', latest: 'now' },
  { label: 'Last 4 hours', earliest: '-4h', latest: 'now' },
  { label: 'Last 24 hours', earliest: '-24h', latest: 'now' },
  { label: 'Last 7 days', earliest: '-7d', latest: 'now' },
  { label: 'Last 30 days', earliest: '-30d', latest: 'now' },
  { label: 'Today', earliest: '@d', latest: 'now' },
  { label: 'Yesterday', earliest: '-1d@d', latest: '@d' },
  { label: 'All time', earliest: '', latest: '' },
];

/** A time modifier as Splunk accepts it: relative (`-24h@h`, `@d`, `now`, `+1d`), epoch, or ISO 8601. */
export function isTimeModifier(text: string): boolean {
  const t = text.trim();
  if (t === '' || t === 'now' || t === '0') return true;
  if (/^\d{9,11}(\.\d+)?$/.test(t)) return true;
  if (/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(t)) return true;
  return /^(([+-]\d*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days|w|week|weeks|mon|month|months|q|qtr|qtrs|quarter|quarters|y|yr|yrs|year|years))+)?(@(s|m|h|d|w[0-7]?|mon|q|y)([+-]\d*(s|m|h|d|w|mon|y))?)?$/i.test(t) && t !== '';
}

export function rangeFromEarliest(earliest: string): TimeRange {
  const preset = PRESETS.find((p) => p.earliest === earliest && (p.latest === 'now' || p.latest === ''));
  return preset ?? { label: earliest ? `${earliest} to now` : 'All time', earliest, latest: earliest ? 'now' : '' };
}

export function describeRange(r: TimeRange): string {
  return r.label;
}
