/**
 * The table chart and timechart share: aggregates per row key (a time bucket, a row-field value) and
 * per split value, the split values cut to the `limit` with the largest totals (the rest aggregated
 * again as OTHER, so dc and avg stay right), and one column per split value (`agg: value` with several
 * aggregates). Missing count/dc cells are 0, as Splunk fills them.
 */
import type { Token, TokenStream } from '../lexer';
import { parseBool, parseInteger } from '../lexer';
import type { SplEvent } from '../types';
import { compareLex, toNumber, valuesOf } from '../values';
import type { Agg, AggSpec } from './stats';

export interface SplitOptions {
  limit: number;
  useother: boolean;
  otherstr: string;
  usenull: boolean;
  nullstr: string;
  sep: string;
}

export const defaultSplitOptions = (): SplitOptions => ({ limit: 10, useother: true, otherstr: 'OTHER', usenull: true, nullstr: 'NULL', sep: ': ' });

/** Reads one of the split options at the cursor; false when the next token is not one. */
export function parseSplitOption(ts: TokenStream, o: SplitOptions): boolean {
  let t: Token | undefined;
  if ((t = ts.option('limit'))) {
    // limit=top5 / bottom5 are newer forms; the count is what the engine keeps.
    const m = /^(?:top)?(\d+)$/i.exec(t.text);
    if (!m) throw ts.error(`limit must be a number or topN, got '${t.text}'`, t.pos);
    o.limit = parseInteger({ ...t, text: m[1]! }, ts, 'limit');
    return true;
  }
  if ((t = ts.option('useother'))) { o.useother = parseBool(t, ts); return true; }
  if ((t = ts.option('otherstr'))) { o.otherstr = t.text; return true; }
  if ((t = ts.option('usenull'))) { o.usenull = parseBool(t, ts); return true; }
  if ((t = ts.option('nullstr'))) { o.nullstr = t.text; return true; }
  if ((t = ts.option('sep'))) { o.sep = t.text; return true; }
  return false;
}

const zeroFilled = (s: AggSpec): boolean => s.func === 'count' || s.func === 'dc';

export interface ChartInput<K> {
  /** The row key of an event (bucket start, row value), undefined to skip it. */
  rowKeys(e: SplEvent): K[];
  /** Every row key in output order: sorted seen keys, or filled between the first and last bucket. */
  orderKeys(seen: K[]): K[];
  /** Undefined for one row of totals (chart without over/by). */
  rowField: string | undefined;
  rowValue(k: K): string;
  split: string | undefined;
}

type Cells = Map<string, Agg[]>;

export function chartRows<K extends string | number>(events: SplEvent[], specs: AggSpec[], input: ChartInput<K>, o: SplitOptions): SplEvent[] {
  const table = new Map<K, Cells>();
  const splitValues = (e: SplEvent): string[] => {
    if (input.split === undefined) return [''];
    const vals = valuesOf(e[input.split]);
    if (vals.length > 0) return vals;
    return o.usenull ? [o.nullstr] : [];
  };
  const add = (k: K, s: string, e: SplEvent): void => {
    let cells = table.get(k);
    if (!cells) { cells = new Map(); table.set(k, cells); }
    let aggs = cells.get(s);
    if (!aggs) { aggs = specs.map((x) => x.make()); cells.set(s, aggs); }
    for (const a of aggs) a.add(e);
  };
  const keyed: { keys: K[]; splits: string[]; e: SplEvent }[] = [];
  for (const e of events) {
    const keys = input.rowKeys(e);
    const splits = splitValues(e);
    if (keys.length === 0 || splits.length === 0) continue;
    keyed.push({ keys, splits, e });
    for (const k of keys) for (const s of splits) add(k, s, e);
  }

  let series = [...new Set([...table.values()].flatMap((c) => [...c.keys()]))];
  if (input.split !== undefined && o.limit > 0 && series.length > o.limit) {
    // Rank by the sum of the first aggregate over every row, largest first, ties by name.
    const total = new Map<string, number>();
    for (const cells of table.values()) {
      for (const [s, aggs] of cells) total.set(s, (total.get(s) ?? 0) + (toNumber(String(aggs[0]!.result() ?? '')) ?? 0));
    }
    series.sort((a, b) => (total.get(b)! - total.get(a)!) || compareLex(a, b));
    const kept = new Set(series.slice(0, o.limit));
    series = series.filter((s) => kept.has(s));
    for (const cells of table.values()) for (const s of [...cells.keys()]) if (!kept.has(s)) cells.delete(s);
    if (o.useother) {
      let anyOther = false;
      for (const { keys, splits, e } of keyed) {
        if (splits.every((s) => kept.has(s))) continue;
        anyOther = true;
        for (const k of keys) add(k, o.otherstr, e);
      }
      if (anyOther) series.push(o.otherstr);
    }
  }

  // Split values in code-unit order, NULL and OTHER last.
  const special = (s: string): number => (s === o.otherstr ? 2 : s === o.nullstr ? 1 : 0);
  series.sort((a, b) => special(a) - special(b) || compareLex(a, b));
  const column = (spec: AggSpec, s: string): string => {
    if (input.split === undefined) return spec.name;
    return specs.length === 1 ? s : `${spec.name}${o.sep}${s}`;
  };
  return input.orderKeys([...table.keys()]).map((k) => {
    const row: SplEvent = input.rowField === undefined ? {} : { [input.rowField]: input.rowValue(k) };
    const cells = table.get(k);
    for (const s of series) {
      const aggs = cells?.get(s);
      specs.forEach((spec, i) => {
        const v = aggs?.[i]!.result() ?? (zeroFilled(spec) ? '0' : undefined);
        if (v !== undefined) row[column(spec, s)] = v;
      });
    }
    return row;
  });
}
