/**
 * timechart: stats aggregates per time bucket of `_time`, split into one column per value of the `by`
 * field (chartTable.ts). With no `span=`, the span is chosen from the events' time range for `bins=`
 * (100 by default) buckets, as bin does; Splunk chooses it from the search's time range instead.
 * `cont=t` (the default) lists every bucket between the first and the last.
 */
import { SplError } from '../errors';
import { parseBool, parseInteger, type Token } from '../lexer';
import { parseSpan, timeBucket, type Span } from '../span';
import type { SplEvent } from '../types';
import { formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { niceTimeSpan, spanSeconds } from './bin';
import { chartRows, defaultSplitOptions, parseSplitOption } from './chartTable';
import { bindSpecs, parseAggs, type AggSpec } from './stats';
import type { Command, Operator } from './types';

const MAX_FILLED_BUCKETS = 50000;

type TimeSpan = Exclude<Span, { kind: 'number' }>;

function nextBucket(t: number, span: TimeSpan): number {
  if (span.kind === 'seconds') return t + span.seconds;
  const d = new Date(t * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + span.months, 1) / 1000;
}

/** The by clause of timechart: one split field, nothing after it. */
function parseSplitBy(ts: import('../lexer').TokenStream): string | undefined {
  if (!ts.isKeyword('by')) return undefined;
  const byTok = ts.next()!;
  const f = ts.next();
  if (!f || (f.kind !== 'word' && f.kind !== 'str')) throw ts.error("expected a field after 'by'", f?.pos ?? byTok.pos);
  if (ts.isKeyword('where')) throw ts.error("the 'where' series filter is not supported by the local engine", ts.pos());
  if (!ts.atEnd()) throw ts.error(`timechart splits by one field; unexpected '${ts.peek()!.text}'`);
  return f.text;
}

export function parseTimechart(src: CommandSource): Command {
  const ts = tokens(src);
  const split = defaultSplitOptions();
  let span: TimeSpan | undefined, bins = 100, minspan = 0, cont = true;
  for (;;) {
    if (parseSplitOption(ts, split)) continue;
    let t: Token | undefined;
    if ((t = ts.option('span'))) {
      const s = parseSpan(t.text, t.pos, src.name);
      // A bare number is seconds for timechart.
      span = s.kind === 'number' ? { kind: 'seconds', seconds: s.size } : s;
      continue;
    }
    if ((t = ts.option('bins'))) { bins = parseInteger(t, ts, 'bins'); if (bins < 1) throw ts.error('bins must be at least 1', t.pos); continue; }
    if ((t = ts.option('minspan'))) { minspan = spanSeconds(parseSpan(t.text, t.pos, src.name)); continue; }
    if ((t = ts.option('cont'))) { cont = parseBool(t, ts); continue; }
    // Options about display or partial buckets that do not change the table here.
    if ((t = ts.option('partial')) || (t = ts.option('fixedrange'))) { parseBool(t, ts); continue; }
    if (ts.option('format')) continue;
    if ((t = ts.option('agg'))) throw ts.error('agg= is not supported by the local engine; series are ranked by their sum', t.pos);
    if (ts.atOption()) throw ts.error(`unknown option '${ts.peek()!.text}'`);
    break;
  }
  const parsed = parseAggs(ts, src.name, { text: src.args, offset: src.argsPos });
  if (parsed.length === 0) throw new SplError("Error in 'timechart' command: expected an aggregation such as count or avg(field).", ts.pos());
  const by = parseSplitBy(ts);
  return {
    name: 'timechart', pos: src.pos,
    create: (ctx): Operator => {
      const specs: AggSpec[] = bindSpecs(parsed, ctx);
      const buf: SplEvent[] = [];
      return {
        push(rows) { for (const r of rows) buf.push(r); return []; },
        flush() {
          const timeOf = (e: SplEvent): number | undefined => toNumber(valuesOf(e._time)[0] ?? '');
          let lo = Infinity, hi = -Infinity;
          for (const e of buf) { const t = timeOf(e); if (t !== undefined) { lo = Math.min(lo, t); hi = Math.max(hi, t); } }
          if (lo === Infinity) return [];
          const s: TimeSpan = span ?? niceTimeSpan(hi - lo, bins, minspan);
          return chartRows<number>(buf, specs, {
            rowKeys: (e) => { const t = timeOf(e); return t === undefined ? [] : [timeBucket(t, s)]; },
            orderKeys: (seen) => {
              const sorted = [...seen].sort((a, b) => a - b);
              if (!cont || sorted.length === 0) return sorted;
              const all: number[] = [];
              for (let t = sorted[0]!; t <= sorted[sorted.length - 1]!; t = nextBucket(t, s)) {
                // Far-apart times with a small span would make millions of empty rows.
                if (all.length >= MAX_FILLED_BUCKETS) { ctx.warn(`timechart: more than ${MAX_FILLED_BUCKETS} buckets; only those with events are listed.`); return sorted; }
                all.push(t);
              }
              return all;
            },
            rowField: '_time',
            rowValue: (k) => formatNumber(k),
            split: by,
          }, split);
        },
      };
    },
    // The columns depend on the split values: `_time`, then the rest in Splunk's field order.
    fieldOrder: () => ({ kind: 'explicit', fields: ['_time', '*'], keepInternal: false }),
  };
}
