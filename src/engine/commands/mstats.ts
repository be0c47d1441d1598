/**
 * mstats over metric data points: `| mstats [prestats=<bool>] [append=<bool>] <func>(<metric_name>|_value)
 * [AS <name>]... [WHERE <search>] [BY|GROUPBY <fields>] [span=<time>]`. The local engine has event
 * indexes only, so the data points are read from events that carry them: `metric_name` with `_value`
 * (one metric per event), or `metric_name:<name>=<value>` fields (Splunk's multiple-metric format). The
 * other fields of the event are the point's dimensions. A metric name with `*` (`avg(tcp.*) AS tcp.*`)
 * makes one column per matching metric, the `*` of the AS name standing for the matched text.
 */
import { SplError } from '../errors';
import { parseBool, type Token, type TokenStream } from '../lexer';
import { compileSearch, timeRangeFilter, type SearchExpr } from '../search';
import { timeBucket } from '../span';
import { parseRelativeTime } from '../time';
import type { SplEvent } from '../types';
import { compareKeys, groupKeys, makeAgg, parseAggs, type Agg, type AggSpec } from './stats';
import { escapeRegex, formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import type { Command, FieldOrder, Operator } from './types';
import { firstTopLevel, isKeywordAt, parseTimeSpan, whereExpression, type TimeSpan } from './statsClauses';


/** Options that steer Splunk's metric store or charting: accepted, nothing to do locally. */
const NO_OP_OPTIONS = new Set(['backfill', 'update_period', 'chart', 'chart.limit', 'chart.agg', 'chart.usenull', 'chart.useother', 'chunk_size', 'summariesonly', 'local']);

interface MstatsPlan {
  specs: AggSpec[];
  where: SearchExpr | undefined;
  by: string[];
  span: TimeSpan | undefined;
  fillnull: string | undefined;
  prestats: boolean;
  /** The command's text without `append=t`, run as a subsearch whose rows are appended. */
  appendText: string | undefined;
}

const MULTI_METRIC = 'metric_name:';

/** The metric data points an event holds: each as a row with its dimensions, `metric_name` and `_value`. */
export function metricPoints(e: SplEvent): SplEvent[] {
  const names = Object.keys(e).filter((k) => k.startsWith(MULTI_METRIC));
  if (names.length === 0) {
    if (e.metric_name === undefined || e._value === undefined) return [];
    return [e];
  }
  const dims: SplEvent = {};
  for (const k in e) if (!k.startsWith(MULTI_METRIC) && k !== 'metric_name' && k !== '_value') dims[k] = e[k]!;
  return names.map((k) => ({ ...dims, metric_name: k.slice(MULTI_METRIC.length), _value: e[k]! }));
}

/** Where the WHERE clause ends: the first top-level BY/GROUPBY or `span=`. */
function whereEnd(ts: TokenStream): number {
  return firstTopLevel(ts, (k) => isKeywordAt(ts, k, ['by', 'groupby']) || (isKeywordAt(ts, k, ['span']) && ts.peek(k + 1)?.kind === '='));
}

function parseMstatsPlan(src: CommandSource): MstatsPlan {
  const ts = tokens(src);
  let fillnull: string | undefined, prestats = false, appendText: string | undefined;
  while (ts.atOption()) {
    const name = ts.peek()!.text.toLowerCase();
    const at = ts.peek()!.pos;
    let o: Token | undefined;
    if ((o = ts.option('prestats'))) { prestats = parseBool(o, ts); continue; }
    if ((o = ts.option('fillnull_value'))) { fillnull = o.text; continue; }
    if ((o = ts.option('append'))) {
      if (parseBool(o, ts)) {
        const end = o.pos + (o.kind === 'str' ? o.text.length + 2 : o.text.length);
        appendText = `| mstats ${src.args.slice(0, at - src.argsPos)}${src.args.slice(end - src.argsPos)}`;
      }
      continue;
    }
    if (NO_OP_OPTIONS.has(name) && ts.option(name)) continue;
    break;
  }
  const specs = parseAggs(ts, 'mstats', { text: src.args, offset: src.argsPos }, ['where', 'by', 'groupby', 'span']);
  if (specs.length === 0) throw ts.error('expected at least one function, e.g. avg(<metric_name>)', ts.pos());
  for (const s of specs) if (s.field === undefined) throw new SplError(`Error in 'mstats' command: ${s.name} needs a metric name or _value, e.g. ${s.func}(_value).`, s.pos);
  let where: SearchExpr | undefined;
  let by: string[] = [];
  let span: TimeSpan | undefined;
  while (!ts.atEnd()) {
    if (isKeywordAt(ts, 0, ['where'])) {
      const whereTok = ts.next()!;
      where = whereExpression(ts, src, whereTok, whereEnd(ts));
      continue;
    }
    const o = ts.option('span');
    if (o) { span = parseTimeSpan(o, ts, 'mstats'); continue; }
    if (isKeywordAt(ts, 0, ['by', 'groupby'])) {
      const byTok = ts.next()!;
      while (!ts.atEnd() && !(isKeywordAt(ts, 0, ['where']) || (isKeywordAt(ts, 0, ['span']) && ts.peek(1)?.kind === '='))) {
        const t = ts.next()!;
        if (t.kind === ',') continue;
        if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
        if (ts.peek()?.kind === '=') throw ts.error(`unknown option '${t.text}' in the by clause`, t.pos);
        by.push(t.text);
      }
      if (by.length === 0) throw ts.error(`expected fields after '${byTok.text}'`, byTok.pos);
      continue;
    }
    throw ts.error(`unexpected '${ts.peek()!.text}'`);
  }
  by = [...new Set(by)];
  return { specs, where, by, span, fillnull, prestats, appendText };
}

/** Which column a point feeds for a term: `_value` takes every point; a (wildcard) metric name its matches. */
function columnFor(spec: AggSpec): (metric: string) => string | undefined {
  const field = spec.field!;
  if (field === '_value') return () => spec.name;
  if (!field.includes('*')) return (m) => (m === field ? spec.name : undefined);
  const re = new RegExp(`^${field.split('*').map(escapeRegex).join('(.*)')}$`, 's');
  const explicit = spec.name !== `${spec.func}(${field})` && spec.name.includes('*');
  return (m) => {
    const hit = re.exec(m);
    if (!hit) return undefined;
    // The AS name's `*` stands for what the metric name's `*` matched; without AS, func(<metric>).
    if (explicit) { let i = 1; return spec.name.replace(/\*/g, () => hit[i++] ?? ''); }
    return `${spec.func}(${m})`;
  };
}

interface Group { key: string[]; time: string | undefined; cols: Map<string, Agg> }

export function parseMstats(src: CommandSource): Command {
  const plan = parseMstatsPlan(src);
  const { by, specs } = plan;
  const columns = specs.map(columnFor);
  if (plan.appendText !== undefined) {
    // append=t: this mstats's rows follow the results before it, so it runs as a subsearch.
    const text = plan.appendText;
    let rows: SplEvent[] = [];
    return {
      name: 'mstats', pos: src.pos,
      async prepare(p) { rows = await p.runSubsearch(text, src.pos, { maxResults: 50_000, maxSeconds: 60 }); },
      create: (): Operator => ({ push: (r) => r, flush: () => rows }),
      fieldOrder: (prev) => (prev.kind === 'raw' ? prev : { kind: 'explicit', fields: [...prev.fields, '*'], keepInternal: prev.keepInternal }),
    };
  }
  return {
    name: 'mstats', pos: src.pos, generating: true, readsEvents: true,
    create: (ctx): Operator => {
      const where = plan.where;
      const pred = where ? compileSearch(where.node) : undefined;
      const range = where && timeRangeFilter(
        where.earliest !== undefined ? parseRelativeTime(where.earliest, ctx.nowMs) : undefined,
        where.latest !== undefined ? parseRelativeTime(where.latest, ctx.nowMs) : undefined,
      );
      const groups = new Map<string, Group>();
      const add = (p: SplEvent): void => {
        const metric = valuesOf(p.metric_name)[0];
        if (metric === undefined) return;
        let time: string | undefined;
        if (plan.span) {
          const t = toNumber(valuesOf(p._time)[0] ?? '');
          if (t === undefined) return;
          time = formatNumber(timeBucket(t, plan.span));
        }
        const row = plan.fillnull === undefined ? p : { ...p };
        if (plan.fillnull !== undefined) for (const f of by) if (row[f] === undefined) row[f] = plan.fillnull;
        for (const key of by.length ? groupKeys(row, by) : [[]]) {
          const id = `${time ?? ''}\u0001${key.join('\u0000')}`;
          let g = groups.get(id);
          if (!g) { g = { key, time, cols: new Map() }; groups.set(id, g); }
          specs.forEach((s, i) => {
            const col = columns[i]!(metric);
            if (col === undefined) return;
            let agg = g.cols.get(col);
            if (!agg) { agg = makeAgg(s.func, '_value')(); g.cols.set(col, agg); }
            agg.add(row);
          });
        }
      };
      return {
        push(events) {
          const out: SplEvent[] = [];
          for (const e of events) {
            for (const p of metricPoints(e)) {
              if ((pred && !pred(p)) || (range && !range(p))) continue;
              if (plan.prestats) out.push(p); else add(p);
            }
          }
          return out;
        },
        flush() {
          if (plan.prestats) return [];
          const sorted = [...groups.values()].sort((a, b) => (Number(a.time ?? 0) - Number(b.time ?? 0)) || compareKeys(a.key, b.key));
          return sorted.flatMap((g) => {
            const row: SplEvent = {};
            if (g.time !== undefined) row._time = g.time;
            by.forEach((f, i) => { row[f] = g.key[i]!; });
            let any = false;
            for (const [col, agg] of g.cols) { const v = agg.result(); if (v !== undefined) { row[col] = v; any = true; } }
            return any ? [row] : [];
          });
        },
      };
    },
    fieldOrder: (): FieldOrder => (plan.prestats
      ? { kind: 'raw' }
      : { kind: 'explicit', fields: [...(plan.span ? ['_time'] : []), ...by, ...specs.map((s) => (s.field!.includes('*') && !s.name.includes('*') ? `${s.func}(*)` : s.name))], keepInternal: false }),
  };
}
