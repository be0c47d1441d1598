/** Time and number spans (`span=5m`, `span=1mon`, `span=10`) as bin, timechart and streamstats read them. */
import { SplError } from './errors';
import { normaliseUnit } from './time';

export type Span = { kind: 'seconds'; seconds: number } | { kind: 'months'; months: number } | { kind: 'number'; size: number };

const SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** `5m`, `1h`, `mon` (1 is the default amount), `2.5` (a plain number span); throws with `pos` when invalid. */
export function parseSpan(text: string, pos: number, command: string): Span {
  const m = /^(\d+(?:\.\d+)?)?([A-Za-z]*)$/.exec(text.trim());
  if (m && m[2] === '' && m[1] !== undefined) {
    const size = Number(m[1]);
    if (size > 0) return { kind: 'number', size };
  }
  const raw = m ? normaliseUnit(m[2]!) : undefined;
  // Week-day snaps (w1) are for time modifiers, not spans.
  const u = raw !== undefined && /^w\d$/.test(raw) ? undefined : raw;
  if (!m || !u) throw new SplError(`Error in '${command}' command: invalid span '${text}'; expected e.g. 5m, 1h, 1d, 1mon or a number.`, pos);
  const n = m[1] === undefined ? 1 : Number(m[1]);
  if (!(n > 0)) throw new SplError(`Error in '${command}' command: the span must be positive, got '${text}'.`, pos);
  if (u === 'mon' || u === 'q' || u === 'y') return { kind: 'months', months: n * (u === 'mon' ? 1 : u === 'q' ? 3 : 12) };
  return { kind: 'seconds', seconds: n * SECONDS[u]! };
}

/** The start of the span holding epoch second `t` (UTC; `offset` shifts the alignment of second spans). */
export function timeBucket(t: number, span: Exclude<Span, { kind: 'number' }>, offset = 0): number {
  if (span.kind === 'seconds') return Math.floor((t - offset) / span.seconds) * span.seconds + offset;
  const d = new Date(Math.floor(t) * 1000);
  const monthIndex = d.getUTCFullYear() * 12 + d.getUTCMonth();
  const start = Math.floor(monthIndex / span.months) * span.months;
  return Date.UTC(Math.floor(start / 12), start % 12, 1) / 1000;
}

/** Spans Splunk picks from when it chooses one itself (bins=, no span), smallest first. */
export const NICE_TIME_SPANS = [1, 5, 10, 30, 60, 300, 600, 1800, 3600, 86400, 2592000];
