/** stats, eventstats, top and rare: grouping with Splunk's aggregate functions and output layout. */
import { SplError } from '../errors';
import { parseBool, parseInteger, type Token, type TokenStream } from '../lexer';
import type { FieldValue, SplEvent } from '../types';
import { compareLex, formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { compileEval, parseEvalExpression, type EvalNode } from '../evalExpr';
import { parseSpan } from '../span';
import { appendFields, type Command, type ExecContext, type Operator } from './types';

export interface Agg { add(e: SplEvent): void; result(): FieldValue | undefined }
export interface AggSpec {
  func: string;
  field: string | undefined;
  /** `count(eval(...))`: the expression whose values are aggregated instead of a field's. */
  expr?: EvalNode;
  name: string;
  pos: number;
  make: () => Agg;
}

/** The values an aggregate reads from an event: a field's, or an eval expression's (false and null count as none). */
type ValuesOf = (e: SplEvent) => string[];

function evalValues(node: EvalNode, ctx: ExecContext): ValuesOf {
  const f = compileEval(node, ctx);
  return (e) => {
    const v = f(e);
    if (v === null || v === false) return [];
    if (v === true) return ['1'];
    if (Array.isArray(v)) return v;
    return [typeof v === 'number' ? formatNumber(v) : v];
  };
}

/** Specs whose aggregates read eval expressions, compiled for this run. */
export function bindSpecs(specs: AggSpec[], ctx: ExecContext): AggSpec[] {
  return specs.map((s) => (s.expr ? { ...s, make: makeAgg(s.func, s.field, evalValues(s.expr, ctx)) } : s));
}

const ALIASES: Record<string, string> = { c: 'count', distinct_count: 'dc', estdc: 'dc', mean: 'avg' };
const UNSUPPORTED = /^(estdc_error|rate|per_second|per_minute|per_hour|per_day|earliest_time|latest_time|first_time)$/;

/** perc95, p99.9, percentile50, exactperc99, upperperc5: percentile functions named by their percentile. */
const PERCENTILE = /^(perc|p|percentile|exactperc|upperperc)(\d+(?:\.\d+)?)$/;

/** The canonical function for a written name: aliases resolved, percentiles kept with their number. */
function canonical(lower: string): string {
  const m = PERCENTILE.exec(lower);
  if (m) return `${m[1] === 'upperperc' ? 'upperperc' : 'perc'}${m[2]!}`;
  return ALIASES[lower] ?? lower;
}

function isKnown(func: string): boolean {
  return KNOWN.has(func) || PERCENTILE.test(func);
}

/**
 * The X-th percentile of sorted numbers. perc/exactperc interpolate between the closest ranks (the
 * exact value Splunk's perc also returns below 1000 distinct values); upperperc takes the upper rank.
 */
export function percentile(sorted: number[], x: number, upper: boolean): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = (x / 100) * (sorted.length - 1);
  const lo = Math.floor(rank), hi = Math.ceil(rank);
  if (upper) return sorted[hi]!;
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function timeOf(e: SplEvent): number {
  const t = toNumber(valuesOf(e._time)[0] ?? '');
  return t ?? NaN;
}

export function makeAgg(func: string, field: string | undefined, reader?: ValuesOf): () => Agg {
  const vals: ValuesOf = reader ?? ((e) => (field === undefined ? [] : valuesOf(e[field])));
  switch (func) {
    case 'count':
      if (field === undefined && !reader) return () => { let n = 0; return { add: () => { n++; }, result: () => String(n) }; };
      return () => { let n = 0; return { add: (e) => { n += vals(e).length; }, result: () => String(n) }; };
    case 'dc': return () => {
      const s = new Set<string>();
      return { add: (e) => { for (const v of vals(e)) s.add(v); }, result: () => String(s.size) };
    };
    case 'values': return () => {
      const s = new Set<string>();
      return {
        add: (e) => { for (const v of vals(e)) s.add(v); },
        result: () => { if (s.size === 0) return undefined; const a = [...s].sort(compareLex); return a.length === 1 ? a[0]! : a; },
      };
    };
    case 'list': return () => {
      const a: string[] = [];
      return {
        // Splunk keeps the first 100 values.
        add: (e) => { for (const v of vals(e)) if (a.length < 100) a.push(v); },
        result: () => (a.length === 0 ? undefined : a.length === 1 ? a[0]! : [...a]),
      };
    };
    case 'min': case 'max': return () => {
      const sign = func === 'min' ? 1 : -1;
      let num: number | undefined, str: string | undefined;
      return {
        add: (e) => {
          for (const v of vals(e)) {
            const n = toNumber(v);
            if (n !== undefined) { if (num === undefined || sign * (n - num) < 0) num = n; }
            else if (str === undefined || sign * compareLex(v, str) < 0) str = v;
          }
        },
        // Numbers win over strings when a field holds both.
        result: () => (num !== undefined ? formatNumber(num) : str),
      };
    };
    case 'sum': case 'avg': return () => {
      let sum = 0, n = 0;
      return {
        add: (e) => { for (const v of vals(e)) { const x = toNumber(v); if (x !== undefined) { sum += x; n++; } } },
        result: () => (n === 0 ? undefined : formatNumber(func === 'sum' ? sum : sum / n)),
      };
    };
    case 'range': return () => {
      let lo = Infinity, hi = -Infinity;
      return {
        add: (e) => { for (const v of vals(e)) { const x = toNumber(v); if (x !== undefined) { lo = Math.min(lo, x); hi = Math.max(hi, x); } } },
        result: () => (lo === Infinity ? undefined : formatNumber(hi - lo)),
      };
    };
    case 'stdev': case 'var': case 'stdevp': case 'varp': return () => {
      // Welford's algorithm: one pass, no stored values.
      let n = 0, mean = 0, m2 = 0;
      return {
        add: (e) => { for (const v of vals(e)) { const x = toNumber(v); if (x === undefined) continue; n++; const d = x - mean; mean += d / n; m2 += d * (x - mean); } },
        result: () => {
          const pop = func.endsWith('p');
          if (n === 0 || (!pop && n < 2)) return undefined;
          const variance = m2 / (pop ? n : n - 1);
          return formatNumber(func.startsWith('stdev') ? Math.sqrt(variance) : variance);
        },
      };
    };
    case 'first': case 'last': return () => {
      let v: string | undefined;
      return {
        add: (e) => { const x = vals(e)[0]; if (x !== undefined && (func === 'last' || v === undefined)) v = x; },
        result: () => v,
      };
    };
    case 'earliest': case 'latest': return () => {
      let v: string | undefined, t = NaN;
      return {
        add: (e) => {
          const x = vals(e)[0];
          if (x === undefined) return;
          const et = timeOf(e);
          if (v === undefined || (func === 'earliest' ? et < t : et >= t)) { v = x; t = et; }
        },
        result: () => v,
      };
    };
    case 'sumsq': return () => {
      let sum = 0, n = 0;
      return {
        add: (e) => { for (const v of vals(e)) { const x = toNumber(v); if (x !== undefined) { sum += x * x; n++; } } },
        result: () => (n === 0 ? undefined : formatNumber(sum)),
      };
    };
    case 'median': return () => {
      const xs: number[] = [];
      return {
        add: (e) => { for (const v of vals(e)) { const x = toNumber(v); if (x !== undefined) xs.push(x); } },
        // With an even count Splunk takes the higher of the two middle values.
        result: () => { if (xs.length === 0) return undefined; const s = [...xs].sort((a, b) => a - b); return formatNumber(s[Math.floor(s.length / 2)]!); },
      };
    };
    case 'mode': return () => {
      const counts = new Map<string, number>();
      return {
        add: (e) => { for (const v of vals(e)) counts.set(v, (counts.get(v) ?? 0) + 1); },
        // The most frequent value; ties go to the one seen first.
        result: () => { let best: string | undefined, n = 0; for (const [v, c] of counts) if (c > n) { best = v; n = c; } return best; },
      };
    };
    case 'sparkline': return sparklineAgg(field, undefined);
    default: {
      const m = /^(perc|upperperc)(\d+(?:\.\d+)?)$/.exec(func);
      if (!m) throw new Error(`unknown aggregate ${func}`);
      const x = Number(m[2]), upper = m[1] === 'upperperc';
      return () => {
        const xs: number[] = [];
        return {
          add: (e) => { for (const v of vals(e)) { const n = toNumber(v); if (n !== undefined) xs.push(n); } },
          result: () => { const p = percentile([...xs].sort((a, b) => a - b), x, upper); return p === undefined ? undefined : formatNumber(p); },
        };
      };
    }
  }
}

const KNOWN = new Set(['count', 'dc', 'values', 'list', 'min', 'max', 'sum', 'avg', 'range', 'stdev', 'var', 'stdevp', 'varp', 'first', 'last', 'earliest', 'latest', 'sumsq', 'median', 'mode', 'sparkline']);

/** Splunk's sparkline value: a marker, then the count per time bucket from the group's first event to its last. */
function sparklineAgg(field: string | undefined, spanSeconds: number | undefined): () => Agg {
  return () => {
    const times: number[] = [];
    return {
      add: (e) => { if (field !== undefined && e[field] === undefined) return; const t = timeOf(e); if (!Number.isNaN(t)) times.push(t); },
      result: () => sparklineValue(times, spanSeconds),
    };
  };
}

/** Without a span, about 20 buckets over the group's time range, in whole seconds. */
function sparklineValue(times: number[], spanSeconds: number | undefined): string[] | undefined {
  if (times.length === 0) return undefined;
  let lo = Infinity, hi = -Infinity;
  for (const t of times) { lo = Math.min(lo, t); hi = Math.max(hi, t); }
  const span = spanSeconds ?? Math.max(1, Math.ceil((hi - lo + 1) / 20));
  lo = Math.floor(lo / span) * span;
  const counts = new Array<number>(Math.floor((hi - lo) / span) + 1).fill(0);
  for (const t of times) counts[Math.floor((t - lo) / span)]!++;
  return ['##__SPARKLINE__##', ...counts.map(String)];
}

/** Aggregate functions up to the end or to one of `stopWords` (tstats stops at `from`). */
export function parseAggs(ts: TokenStream, command: string, source: { text: string; offset: number }, stopWords: readonly string[] = ['by']): AggSpec[] {
  const specs: AggSpec[] = [];
  while (!ts.atEnd() && !stopWords.some((w) => ts.isKeyword(w))) {
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind !== 'word') throw ts.error(`unexpected '${t.text}'`, t.pos);
    const written = t.text;
    const lower = written.toLowerCase();
    const func = canonical(lower);
    let field: string | undefined;
    if (func === 'sparkline') {
      // sparkline, sparkline(count), sparkline(count(x), span): the trend of a count over time.
      specs.push(parseSparkline(ts, written, t.pos));
      continue;
    }
    if (ts.peek()?.kind === '(') {
      ts.next();
      const f = ts.next();
      if (f?.kind === 'word' && f.text.toLowerCase() === 'eval' && ts.peek()?.kind === '(') {
        // eval(<expression>): the expression is the text up to the matching parenthesis.
        const open = ts.next()!;
        let depth = 1;
        let close: Token | undefined;
        while (!ts.atEnd()) {
          const x = ts.next()!;
          if (x.kind === '(') depth++;
          else if (x.kind === ')' && --depth === 0) { close = x; break; }
        }
        if (!close || ts.next()?.kind !== ')') throw ts.error(`expected ')' to close ${written}(eval(...))`, open.pos);
        const exprText = source.text.slice(open.pos + 1 - source.offset, close.pos - source.offset);
        const exprNode = parseEvalExpression(exprText, open.pos + 1);
        const asName = ts.isKeyword('as') ? (ts.next(), ts.expectValue('a name after AS').text) : undefined;
        if (asName === undefined) throw new SplError(`Error in '${command}' command: ${written}(eval(...)) needs a name; add AS <name>.`, t.pos);
        if (!isKnown(func) || UNSUPPORTED.test(func)) throw new SplError(`The ${command} function '${written}' is not supported by the local engine.`, t.pos);
        specs.push({ func, field: undefined, expr: exprNode, name: asName, pos: t.pos, make: makeAgg(func, undefined, () => []) });
        continue;
      }
      if (!f || (f.kind !== 'word' && f.kind !== 'str')) throw ts.error(`expected a field name in ${written}()`, f?.pos ?? ts.endPos);
      field = f.text;
      if (ts.next()?.kind !== ')') throw ts.error(`expected ')' after ${written}(${field}`, f.pos);
    }
    if (UNSUPPORTED.test(func)) throw new SplError(`The ${command} function '${written}' is not supported by the local engine.`, t.pos);
    if (!isKnown(func)) throw new SplError(`Unknown ${command} function '${written}'.`, t.pos);
    if (func !== 'count' && field === undefined) throw ts.error(`the function '${written}' needs a field, e.g. ${written}(field)`, t.pos);
    let name = field === undefined ? written : `${written}(${field})`;
    if (ts.isKeyword('as')) {
      ts.next();
      name = asName(ts);
    }
    specs.push({ func, field, name, pos: t.pos, make: makeAgg(func, field) });
  }
  return specs;
}

/**
 * The name after AS. Splunk reads it up to the next space, so `AS flags(inheritance)` names the field
 * `flags(inheritance)`; the tokeniser splits that at the parentheses, so they are joined back here.
 */
function asName(ts: TokenStream): string {
  return ts.nameWithParens(ts.expectValue('a name after AS')).text;
}

function parseSparkline(ts: TokenStream, written: string, pos: number): AggSpec {
  let field: string | undefined, spanSeconds: number | undefined;
  let label = written;
  if (ts.peek()?.kind === '(') {
    const open = ts.next()!;
    const fn = ts.next();
    if (fn?.kind !== 'word' || !/^(count|c)$/i.test(fn.text)) throw new SplError(`The stats function '${written}(${fn?.text ?? ''}...)' is not supported by the local engine: only sparkline(count) and sparkline(count(field)).`, fn?.pos ?? open.pos);
    if (ts.peek()?.kind === '(') { ts.next(); field = ts.expectValue('a field name').text; if (ts.next()?.kind !== ')') throw ts.error(`expected ')' after ${field}`, open.pos); }
    let depth = 1;
    const parts: string[] = [];
    while (!ts.atEnd() && depth > 0) {
      const x = ts.next()!;
      if (x.kind === '(') depth++;
      else if (x.kind === ')') depth--;
      if (depth > 0 && x.kind !== ',') parts.push(x.text);
    }
    label = `${written}(count${field === undefined ? '' : `(${field})`}${parts.length ? `,${parts.join('')}` : ''})`;
    if (parts.length > 0) {
      const span = parseSpan(parts.join(''), open.pos, 'stats');
      if (span.kind !== 'seconds') throw new SplError(`Error in 'stats' command: a sparkline span must be a time span such as 1h, got '${parts.join('')}'.`, open.pos);
      spanSeconds = span.seconds;
    }
  }
  const name = ts.isKeyword('as') ? (ts.next(), asName(ts)) : label;
  return { func: 'sparkline', field, name, pos, make: sparklineAgg(field, spanSeconds) };
}

export function parseBy(ts: TokenStream): string[] {
  return parseKeywordFields(ts, 'by');
}

/** `<keyword> f1, f2 ...` up to the end (stats' by, replace's IN); none without the keyword. */
export function parseKeywordFields(ts: TokenStream, keyword: string): string[] {
  if (!ts.isKeyword(keyword)) return [];
  const byTok = ts.next()!;
  const fields: string[] = [];
  while (!ts.atEnd()) {
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    fields.push(t.text);
  }
  if (fields.length === 0) throw ts.error(`expected fields after '${keyword}'`, byTok.pos);
  return fields;
}

/** Every combination of the by-field values of an event (multivalue fields fan out); none if one is missing. */
export function groupKeys(e: SplEvent, by: string[]): string[][] {
  let combos: string[][] = [[]];
  for (const f of by) {
    const v = e[f];
    if (v === undefined) return [];
    if (typeof v === 'string') { for (const c of combos) c.push(v); continue; }
    if (v.length === 0) return [];
    combos = combos.flatMap((c) => v.map((x) => [...c, x]));
  }
  return combos;
}

export function compareKeys(a: string[], b: string[]): number {
  for (let i = 0; i < a.length; i++) { const c = compareLex(a[i]!, b[i]!); if (c !== 0) return c; }
  return 0;
}

interface Group { key: string[]; aggs: Agg[] }

export class Grouper {
  readonly groups = new Map<string, Group>();
  constructor(private readonly by: string[], private readonly specs: AggSpec[]) {}

  /** Returns the groups the event was added to. */
  add(e: SplEvent): Group[] {
    const by = this.by;
    if (by.length === 1) {
      // Fast path for the common single-field grouping.
      const v = e[by[0]!];
      if (v === undefined) return [];
      if (typeof v === 'string') return [this.addTo(v, [v], e)];
    }
    return groupKeys(e, by).map((k) => this.addTo(k.join('\u0000'), k, e));
  }

  private addTo(id: string, key: string[], e: SplEvent): Group {
    let g = this.groups.get(id);
    if (!g) { g = { key, aggs: this.specs.map((s) => s.make()) }; this.groups.set(id, g); }
    for (const a of g.aggs) a.add(e);
    return g;
  }

  sorted(): Group[] {
    return [...this.groups.values()].sort((a, b) => compareKeys(a.key, b.key));
  }
}

export function parseStatsArgs(src: CommandSource): { specs: AggSpec[]; by: string[] } {
  const ts = tokens(src);
  // Options that do not change results here.
  while (ts.atOption()) {
    const o = ts.peek()!.text.toLowerCase();
    if (!['allnum', 'delim', 'partitions', 'dedup_splitvals'].includes(o)) break;
    ts.index += 3;
  }
  const specs = parseAggs(ts, src.name, { text: src.args, offset: src.argsPos });
  if (specs.length === 0) throw ts.error('expected at least one function, e.g. count', ts.pos());
  const by = parseBy(ts);
  if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}'`);
  const names = new Set<string>();
  for (const s of specs) names.add(s.name);
  return { specs, by };
}

/** The result rows of a stats-like grouping: by-fields then aggregates, groups in by-value order. */
export function groupedRows(g: Grouper, by: string[], specs: AggSpec[]): SplEvent[] {
  if (by.length === 0 && g.groups.size === 0) {
    // No events: one row, with zero counts and nothing else.
    const row: SplEvent = {};
    specs.forEach((s) => { const v = s.make().result(); if (v !== undefined && (s.func === 'count' || s.func === 'dc')) row[s.name] = v; });
    return [row];
  }
  if (by.length === 0) {
    const only = [...g.groups.values()][0]!;
    const row: SplEvent = {};
    specs.forEach((s, i) => { const v = only.aggs[i]!.result(); if (v !== undefined) row[s.name] = v; });
    return [row];
  }
  return g.sorted().map((grp) => {
    const row: SplEvent = {};
    by.forEach((f, i) => { row[f] = grp.key[i]!; });
    specs.forEach((s, i) => { const v = grp.aggs[i]!.result(); if (v !== undefined) row[s.name] = v; });
    return row;
  });
}

export function parseStats(src: CommandSource): Command {
  const { specs: parsedSpecs, by } = parseStatsArgs(src);
  return {
    name: 'stats', pos: src.pos,
    create: (ctx): Operator => {
      const specs = bindSpecs(parsedSpecs, ctx);
      const g = new Grouper(by, specs);
      return {
        push(rows) { for (const r of rows) g.add(r); return []; },
        flush: () => groupedRows(g, by, specs),
      };
    },
    fieldOrder: () => ({ kind: 'explicit', fields: [...by, ...parsedSpecs.map((s) => s.name)], keepInternal: false }),
  };
}

export function parseEventstats(src: CommandSource): Command {
  const { specs: parsedSpecs, by } = parseStatsArgs(src);
  return {
    name: 'eventstats', pos: src.pos,
    create: (ctx): Operator => {
      const specs = bindSpecs(parsedSpecs, ctx);
      const g = new Grouper(by, specs);
      const buf: { e: SplEvent; groups: Group[] }[] = [];
      const all = by.length === 0 ? { key: [], aggs: specs.map((s) => s.make()) } : undefined;
      return {
        push(rows) {
          for (const e of rows) {
            if (all) { for (const a of all.aggs) a.add(e); buf.push({ e, groups: [all] }); }
            else buf.push({ e, groups: g.add(e) });
          }
          return [];
        },
        flush() {
          return buf.map(({ e, groups }) => {
            const grp = groups[0];
            if (!grp) return e;
            const out = { ...e };
            specs.forEach((s, i) => { const v = grp.aggs[i]!.result(); if (v !== undefined) out[s.name] = v; });
            return out;
          });
        },
      };
    },
    fieldOrder: (prev) => appendFields(prev, parsedSpecs.map((s) => s.name)),
  };
}

// ---------------------------------------------------------------- top / rare

export function parseTopRare(src: CommandSource, rare: boolean): Command {
  const ts = tokens(src);
  let limit = 10, countField = 'count', percentField = 'percent', showCount = true, showPerc = true, useOther = false, otherStr = 'OTHER';
  const fields: string[] = [];
  while (!ts.atEnd() && !ts.isKeyword('by')) {
    let o: Token | undefined;
    if ((o = ts.option('limit'))) { limit = parseInteger(o, ts, 'limit'); continue; }
    if ((o = ts.option('countfield'))) { countField = o.text; continue; }
    if ((o = ts.option('percentfield'))) { percentField = o.text; continue; }
    if ((o = ts.option('showcount'))) { showCount = parseBool(o, ts); continue; }
    if ((o = ts.option('showperc'))) { showPerc = parseBool(o, ts); continue; }
    if ((o = ts.option('useother'))) { useOther = parseBool(o, ts); continue; }
    if ((o = ts.option('otherstr'))) { otherStr = o.text; continue; }
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind === 'word' && /^\d+$/.test(t.text) && fields.length === 0) { limit = Number(t.text); continue; }
    if (ts.peek()?.kind === '=') throw ts.error(`unknown option '${t.text}'`, t.pos);
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    fields.push(t.text);
  }
  if (fields.length === 0) throw ts.error('expected at least one field');
  const by = parseBy(ts);
  const name = rare ? 'rare' : 'top';
  return {
    name, pos: src.pos,
    create: (): Operator => {
      // Per by-group: counts of each value combination, in first-seen order for stable ties.
      const groups = new Map<string, { key: string[]; counts: Map<string, { vals: string[]; n: number }>; total: number }>();
      return {
        push(rows) {
          for (const e of rows) {
            const combos = groupKeys(e, fields);
            if (combos.length === 0) continue;
            for (const bk of by.length ? groupKeys(e, by) : [[]]) {
              const gid = bk.join('\u0000');
              let g = groups.get(gid);
              if (!g) { g = { key: bk, counts: new Map(), total: 0 }; groups.set(gid, g); }
              for (const c of combos) {
                const id = c.join('\u0000');
                const entry = g.counts.get(id);
                if (entry) entry.n++; else g.counts.set(id, { vals: c, n: 1 });
                g.total++;
              }
            }
          }
          return [];
        },
        flush() {
          const out: SplEvent[] = [];
          const ordered = [...groups.values()].sort((a, b) => compareKeys(a.key, b.key));
          for (const g of ordered) {
            const entries = [...g.counts.values()].sort((a, b) => (rare ? a.n - b.n : b.n - a.n));
            const kept = limit > 0 ? entries.slice(0, limit) : entries;
            const row = (vals: string[], n: number): SplEvent => {
              const r: SplEvent = {};
              by.forEach((f, i) => { r[f] = g.key[i]!; });
              fields.forEach((f, i) => { r[f] = vals[i]!; });
              if (showCount) r[countField] = String(n);
              if (showPerc) r[percentField] = ((n / g.total) * 100).toFixed(6);
              return r;
            };
            for (const k of kept) out.push(row(k.vals, k.n));
            const rest = entries.slice(kept.length).reduce((s, k) => s + k.n, 0);
            if (useOther && rest > 0) out.push(row(fields.map(() => otherStr), rest));
          }
          return out;
        },
      };
    },
    fieldOrder: () => ({
      kind: 'explicit',
      fields: [...by, ...fields, ...(showCount ? [countField] : []), ...(showPerc ? [percentField] : [])],
      keepInternal: false,
    }),
  };
}
