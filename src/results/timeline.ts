/**
 * Counts of events over time for the timeline above the grid, built incrementally as result pages
 * arrive (in any order). Like Splunk Web's timeline the bucket span is a "nice" one (1 s, 5 s, 1 min,
 * 1 h, 1 day...) chosen so the range fills at most MAX_BUCKETS buckets. Each span in the ladder is a
 * multiple of the one before, so when the range outgrows the buckets the counts are merged into the
 * next span exactly, without looking at a row again.
 */
import type { Cell } from '../shared/cell';
import { formatEventTime } from '../shared/timeFormat';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Bucket spans in milliseconds, each a multiple of the previous one; buckets align on the epoch (UTC). */
export const NICE_SPANS_MS: readonly number[] = [
  1, 10, 100,
  SECOND, 5 * SECOND, 10 * SECOND, 30 * SECOND,
  MINUTE, 5 * MINUTE, 10 * MINUTE, 30 * MINUTE,
  HOUR, 3 * HOUR, 12 * HOUR,
  DAY, 7 * DAY, 28 * DAY, 364 * DAY, 3640 * DAY, 36400 * DAY, 364000 * DAY,
];

/** At most this many buckets between the first and the last event. */
export const MAX_BUCKETS = 100;

/** Year 1 to year 9999 (what ISO 8601 and Splunk can write); anything else is not a time. */
const MIN_MS = -62_135_596_800_000;
const MAX_MS = 253_402_300_799_999;

const EPOCH = /^\s*-?\d{1,15}(?:\.\d{1,9})?\s*$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An event time in epoch milliseconds from a `_time` value: epoch seconds (`1714564800.503`) or ISO
 * 8601 (`2024-05-01T12:00:00.503+00:00`; without a zone, UTC). A multivalue cell uses its first value.
 * Undefined for anything else.
 */
export function parseEventTime(cell: Cell | undefined): number | undefined {
  if (cell === null || cell === undefined) return undefined;
  const text = typeof cell === 'string' ? cell : cell[0];
  if (text === undefined || text.length > 64) return undefined;
  let ms: number;
  if (EPOCH.test(text)) ms = Number(text) * 1000;
  else {
    const m = ISO.exec(text.trim());
    if (!m) return undefined;
    const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
    const offset = zone.toUpperCase() === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const fraction = frac ? frac.slice(0, 4).padEnd(4, '0') : '.000';
    ms = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${fraction}${offset}`);
  }
  if (!Number.isFinite(ms) || ms < MIN_MS || ms > MAX_MS) return undefined;
  return Math.floor(ms);
}

/** The smallest nice span that fits `rangeMs` (last event minus first) in at most `maxBuckets` buckets. */
export function niceSpan(rangeMs: number, maxBuckets = MAX_BUCKETS): number {
  for (const span of NICE_SPANS_MS) if (Math.floor(rangeMs / span) + 1 <= maxBuckets) return span;
  return NICE_SPANS_MS[NICE_SPANS_MS.length - 1]!;
}

export interface TimelineBuckets {
  /** Bucket width in milliseconds. */
  spanMs: number;
  /** Start of the first bucket, epoch milliseconds (a multiple of spanMs). */
  startMs: number;
  /** Events per bucket, the first at startMs, each spanMs wide; at most MAX_BUCKETS. */
  counts: number[];
  /** Rows with a time. */
  total: number;
  /** Rows whose `_time` was missing or not a time. */
  unparsed: number;
}

export class TimelineCounter {
  private spanIndex = 0;
  /** Bucket number (time / span) -> events. */
  private buckets = new Map<number, number>();
  private lo = Infinity;
  private hi = -Infinity;
  private timed = 0;
  private untimed = 0;

  /** Adds cells [start, end) of a `_time` column (the result store's layout). */
  addColumn(values: readonly Cell[], start: number, end: number): void {
    for (let r = start; r < end; r++) this.add(values[r]);
  }

  /** Adds one row's `_time`. */
  add(cell: Cell | undefined): void {
    const ms = parseEventTime(cell);
    if (ms === undefined) {
      this.untimed++;
      return;
    }
    this.timed++;
    let span = NICE_SPANS_MS[this.spanIndex]!;
    let key = Math.floor(ms / span);
    if (key < this.lo || key > this.hi) {
      const lo = Math.min(this.lo, key);
      const hi = Math.max(this.hi, key);
      if (hi - lo + 1 > MAX_BUCKETS) {
        this.coarsen(lo * span, (hi + 1) * span - 1);
        span = NICE_SPANS_MS[this.spanIndex]!;
        key = Math.floor(ms / span);
      }
      this.lo = Math.min(this.lo, key);
      this.hi = Math.max(this.hi, key);
    }
    this.buckets.set(key, (this.buckets.get(key) ?? 0) + 1);
  }

  /** Moves to the smallest span whose buckets cover [fromMs, toMs] within MAX_BUCKETS, merging counts. */
  private coarsen(fromMs: number, toMs: number): void {
    let i = this.spanIndex;
    const fits = (s: number) => Math.floor(toMs / s) - Math.floor(fromMs / s) + 1 <= MAX_BUCKETS;
    while (i < NICE_SPANS_MS.length - 1 && !fits(NICE_SPANS_MS[i]!)) i++;
    const ratio = NICE_SPANS_MS[i]! / NICE_SPANS_MS[this.spanIndex]!;
    this.spanIndex = i;
    const merged = new Map<number, number>();
    for (const [key, n] of this.buckets) {
      const k = Math.floor(key / ratio);
      merged.set(k, (merged.get(k) ?? 0) + n);
    }
    this.buckets = merged;
    if (this.lo !== Infinity) {
      this.lo = Math.floor(this.lo / ratio);
      this.hi = Math.floor(this.hi / ratio);
    }
  }

  /** Starts over (preview rows replaced by final ones). */
  reset(): void {
    this.spanIndex = 0;
    this.buckets = new Map();
    this.lo = Infinity;
    this.hi = -Infinity;
    this.timed = 0;
    this.untimed = 0;
  }

  get rowCount(): number {
    return this.timed + this.untimed;
  }

  /** The buckets from the first event's to the last's, empty ones included; undefined with no times. */
  snapshot(): TimelineBuckets | undefined {
    if (this.timed === 0) return undefined;
    const span = NICE_SPANS_MS[this.spanIndex]!;
    const counts: number[] = [];
    for (let k = this.lo; k <= this.hi; k++) counts.push(this.buckets.get(k) ?? 0);
    return { spanMs: span, startMs: this.lo * span, counts, total: this.timed, unparsed: this.untimed };
  }
}

/** True when epoch-ms `t` is in [earliestMs, latestMs): the range a bucket selection stands for. */
export function inTimeRange(t: number | undefined, earliestMs: number, latestMs: number): boolean {
  return t !== undefined && t >= earliestMs && t < latestMs;
}

/**
 * A selected span as a time range for the next run: earliest and latest as epoch seconds (what
 * Splunk's earliest_time/latest_time and the local engine take), and a label for the status bar.
 */
export function timeRangeOfSpan(earliestMs: number, latestMs: number): { earliest: string; latest: string; label: string } {
  const seconds = (ms: number) => String(ms / 1000);
  const from = formatEventTime(earliestMs);
  const to = formatEventTime(latestMs);
  const sameDay = from.slice(0, 10) === to.slice(0, 10);
  return { earliest: seconds(earliestMs), latest: seconds(latestMs), label: `${from} to ${sameDay ? to.slice(11) : to} UTC` };
}
