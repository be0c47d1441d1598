/**
 * bin (alias bucket): replaces a number or time by the start of its bucket. Times (`_time`) become the
 * bucket's epoch start; other numbers the range `lo-hi`, as Splunk prints them. With `bins=` (or
 * neither `span=` nor `bins=`, which means bins=100) the span is chosen from the data, so the command
 * waits for all results.
 */
import { SplError } from '../errors';
import { parseInteger, type Token } from '../lexer';
import { NICE_TIME_SPANS, parseSpan, timeBucket, type Span } from '../span';
import { parseRelativeTime } from '../time';
import type { SplEvent } from '../types';
import { formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { appendFields, mapOperator, type Command, type Operator } from './types';

interface BinOptions {
  field: string;
  as: string;
  span: Span | undefined;
  bins: number | undefined;
  minspan: Span | undefined;
  start: number | undefined;
  end: number | undefined;
  aligntime: { text: string; pos: number } | undefined;
}

const isTimeField = (f: string): boolean => f === '_time';

export function spanSeconds(s: Span): number {
  return s.kind === 'seconds' ? s.seconds : s.kind === 'months' ? s.months * 2592000 : s.size;
}

/** The number span for `range` over `bins` buckets: the smallest power of ten (of at least minspan) that fits. */
function niceNumberSpan(range: number, bins: number, minspan: number): number {
  if (range <= 0) return Math.max(1, minspan);
  let span = 10 ** Math.floor(Math.log10(range / bins));
  while (range / span > bins || span < minspan) span *= 10;
  return span;
}

export function niceTimeSpan(range: number, bins: number, minspan: number): Exclude<Span, { kind: 'number' }> {
  for (const s of NICE_TIME_SPANS) if (s >= minspan && range / s <= bins) return { kind: 'seconds', seconds: s };
  return { kind: 'months', months: Math.max(1, Math.ceil(range / bins / 2592000)) };
}

function numberLabel(v: number, span: number): string {
  const lo = Math.floor(v / span) * span;
  return `${formatNumber(lo)}-${formatNumber(lo + span)}`;
}

export function parseBin(src: CommandSource): Command {
  const ts = tokens(src);
  const o: Partial<BinOptions> = {};
  let field: Token | undefined;
  while (!ts.atEnd()) {
    let t: Token | undefined;
    if ((t = ts.option('span'))) { if (/log/i.test(t.text)) throw ts.error('logarithmic spans are not supported by the local engine', t.pos); o.span = parseSpan(t.text, t.pos, src.name); continue; }
    if ((t = ts.option('bins'))) { o.bins = parseInteger(t, ts, 'bins'); if (o.bins < 2) throw ts.error('bins must be at least 2', t.pos); continue; }
    if ((t = ts.option('minspan'))) { o.minspan = parseSpan(t.text, t.pos, src.name); continue; }
    if ((t = ts.option('start'))) { o.start = Number(t.text); if (Number.isNaN(o.start)) throw ts.error(`start must be a number, got '${t.text}'`, t.pos); continue; }
    if ((t = ts.option('end'))) { o.end = Number(t.text); if (Number.isNaN(o.end)) throw ts.error(`end must be a number, got '${t.text}'`, t.pos); continue; }
    if ((t = ts.option('aligntime'))) { o.aligntime = { text: t.text, pos: t.pos }; continue; }
    if (ts.atOption()) throw ts.error(`unknown option '${ts.peek()!.text}'`);
    const w = ts.next()!;
    if (w.kind === 'word' && w.text.toLowerCase() === 'as' && field) { o.as = ts.expectValue('a field name after AS').text; continue; }
    if ((w.kind !== 'word' && w.kind !== 'str') || field) throw ts.error(`unexpected '${w.text}'`, w.pos);
    field = w;
  }
  if (!field) throw new SplError(`Error in '${src.name}' command: expected a field name.`, ts.endPos);
  const opts: BinOptions = { span: undefined, bins: undefined, minspan: undefined, start: undefined, end: undefined, aligntime: undefined, ...o, field: field.text, as: o.as ?? field.text };
  const out = opts.as;
  const time = isTimeField(opts.field);

  const apply = (e: SplEvent, bucket: (n: number) => string): SplEvent => {
    const vals = valuesOf(e[opts.field]);
    if (vals.length === 0) return e;
    const mapped: string[] = [];
    for (const v of vals) { const n = toNumber(v); if (n !== undefined) mapped.push(bucket(n)); }
    const r = { ...e };
    // A value that is not a number leaves no bucket.
    if (mapped.length === 0) delete r[out]; else r[out] = mapped.length === 1 ? mapped[0]! : mapped;
    return r;
  };

  return {
    name: src.name, pos: src.pos,
    create: (ctx): Operator => {
      const span = opts.span;
      if (span) {
        if (span.kind === 'number' && time) {
          return mapOperator((e) => apply(e, (n) => formatNumber(Math.floor(n / span.size) * span.size)));
        }
        if (span.kind === 'number') return mapOperator((e) => apply(e, (n) => numberLabel(n, span.size)));
        let offset = 0;
        if (opts.aligntime && span.kind === 'seconds') {
          const a = opts.aligntime;
          if (/^(earliest|latest)$/i.test(a.text)) throw new SplError(`Error in '${src.name}' command: aligntime=${a.text} is not supported by the local engine; give a time such as @d+3h or an epoch.`, a.pos);
          let at: number;
          try { at = /^\d+(\.\d+)?$/.test(a.text) ? Number(a.text) : parseRelativeTime(a.text, ctx.nowMs); } catch (err) { throw new SplError((err as Error).message, a.pos); }
          offset = ((at % span.seconds) + span.seconds) % span.seconds;
        }
        // A time span on another field reads its values as epoch seconds (bin span=2s group_time).
        const ts2: Exclude<Span, { kind: 'number' }> = span;
        return mapOperator((e) => apply(e, (n) => formatNumber(timeBucket(n, ts2, offset))));
      }
      // The span depends on the range of all values: buffer, then choose.
      const buf: SplEvent[] = [];
      let lo = Infinity, hi = -Infinity;
      return {
        push(rows) {
          for (const r of rows) {
            buf.push(r);
            for (const v of valuesOf(r[opts.field])) { const n = toNumber(v); if (n !== undefined) { lo = Math.min(lo, n); hi = Math.max(hi, n); } }
          }
          return [];
        },
        flush() {
          if (lo === Infinity) return buf;
          if (opts.start !== undefined) lo = Math.min(lo, opts.start);
          if (opts.end !== undefined) hi = Math.max(hi, opts.end);
          const bins = opts.bins ?? 100;
          const minspan = opts.minspan ? spanSeconds(opts.minspan) : 0;
          if (time) {
            const s = niceTimeSpan(hi - lo, bins, minspan);
            return buf.map((e) => apply(e, (n) => formatNumber(timeBucket(n, s))));
          }
          const size = niceNumberSpan(hi - lo, bins, minspan);
          return buf.map((e) => apply(e, (n) => numberLabel(n, size)));
        },
      };
    },
    fieldOrder: (prev) => appendFields(prev, [out]),
  };
}
