/**
 * tstats over the CIM data models: `| tstats [options] <aggregates> [from datamodel=<Model[.Dataset]>]
 * [where <search>] [by <fields> [span=<time>]]`; without `from`, over the indexed fields of every event
 * (`_time host source sourcetype index`). Locally every event is "summarized", so the acceleration
 * options are accepted and change nothing; the events come from the data-model layer (../datamodels).
 */
import { compileDatasetMapper, resolveDatamodel, type CimDataset } from '../datamodels';
import { SplError } from '../errors';
import { parseBool, type Token, type TokenStream } from '../lexer';
import { compileSearch, timeRangeFilter, type SearchExpr, type SearchNode } from '../search';
import { timeBucket } from '../span';
import { parseRelativeTime } from '../time';
import type { SplEvent } from '../types';
import { formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { bindSpecs, groupedRows, Grouper, parseAggs, type AggSpec } from './stats';
import type { Command, FieldOrder, Operator } from './types';
import { firstTopLevel, isKeywordAt, parseTimeSpan, whereExpression, type TimeSpan } from './statsClauses';

/** Options that only steer Splunk's summaries and search distribution: nothing to do locally. */
const NO_OP_OPTIONS = new Set(['summariesonly', 'allow_old_summaries', 'local', 'include_reduced_buckets']);


interface TstatsPlan {
  /** Undefined without `from`: tstats then reads the indexed fields of every event. */
  datasets: CimDataset[] | undefined;
  specs: AggSpec[];
  where: SearchExpr | undefined;
  by: string[];
  /** What `_time` is bucketed to before grouping, when `span=` is given. */
  span: TimeSpan | undefined;
  fillnull: string | undefined;
  prestats: boolean;
}

/** The offset (in `ts`) of the first top-level `by`, outside parentheses; -1 when there is none. */
function findBy(ts: TokenStream): number {
  return firstTopLevel(ts, (k) => isKeywordAt(ts, k, ['by']));
}

function parseFrom(ts: TokenStream): CimDataset[] {
  ts.next();
  const t = ts.next();
  if (t?.kind === 'word' && /^datamodel:./i.test(t.text)) return resolveDatamodel(t.text.slice('datamodel:'.length), t.pos);
  if (t?.kind === 'word' && t.text.toLowerCase() === 'datamodel:') {
    const name = ts.expectValue('a data model name after datamodel:');
    return resolveDatamodel(name.text, name.pos);
  }
  if (t?.kind === 'word' && t.text.toLowerCase() === 'datamodel') {
    if (ts.peek()?.kind === '=') ts.next();
    const name = ts.expectValue('a data model name after datamodel=');
    return resolveDatamodel(name.text, name.pos);
  }
  throw ts.error('only data models can be read locally: from datamodel=<Model.Dataset>', t?.pos ?? ts.endPos);
}

function parseByClause(ts: TokenStream): { by: string[]; span: TimeSpan | undefined } {
  const byTok = ts.next()!;
  const by: string[] = [];
  let span: TimeSpan | undefined;
  while (!ts.atEnd()) {
    const o = ts.option('span');
    if (o) { span = parseTimeSpan(o, ts, 'tstats'); continue; }
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    if (ts.peek()?.kind === '=') throw ts.error(`unknown option '${t.text}' in the by clause`, t.pos);
    by.push(t.text);
  }
  if (by.length === 0) throw ts.error("expected fields after 'by'", byTok.pos);
  return { by, span };
}

function parseTstatsPlan(src: CommandSource): TstatsPlan {
  const ts = tokens(src);
  let fillnull: string | undefined;
  let prestats = false;
  while (ts.atOption()) {
    const name = ts.peek()!.text.toLowerCase();
    let o: Token | undefined;
    if ((o = ts.option('prestats'))) { prestats = parseBool(o, ts); continue; }
    if ((o = ts.option('fillnull_value'))) { fillnull = o.text; continue; }
    if ((o = ts.option('append'))) {
      if (parseBool(o, ts)) throw new SplError("tstats append=true is not supported by the local engine; run the searches separately.", o.pos);
      continue;
    }
    if (NO_OP_OPTIONS.has(name) && (o = ts.option(name))) { parseBool(o, ts); continue; }
    if (name === 'chunk_size' && ts.option(name)) continue;
    break;
  }
  const specs = parseAggs(ts, 'tstats', { text: src.args, offset: src.argsPos }, ['from', 'where', 'by']);
  if (specs.length === 0) throw ts.error('expected at least one function, e.g. count', ts.pos());
  const datasets = isKeywordAt(ts, 0, ['from']) ? parseFrom(ts) : undefined;
  let where: SearchExpr | undefined;
  if (isKeywordAt(ts, 0, ['where'])) {
    const whereTok = ts.next()!;
    where = whereExpression(ts, src, whereTok, findBy(ts));
  }
  let by: string[] = [], span: TimeSpan | undefined;
  if (isKeywordAt(ts, 0, ['by'])) ({ by, span } = parseByClause(ts));
  if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}'`);
  return { datasets, specs, where, by, span, fillnull, prestats };
}

/** The fields tstats reads from any event without a data model: the indexed ones. */
const INDEXED_FIELDS = ['_time', 'host', 'source', 'sourcetype', 'index'];

function indexedFields(e: SplEvent): SplEvent[] {
  const row: SplEvent = {};
  for (const f of INDEXED_FIELDS) { const v = e[f]; if (v !== undefined) row[f] = v; }
  return [row];
}

/** The fields tstats reads, so the mapper computes only those; undefined when it needs them all. */
function fieldsRead(plan: TstatsPlan): Set<string> | undefined {
  if (plan.prestats) return undefined;
  const out = new Set<string>([...plan.by, ...plan.specs.flatMap((s) => (s.field === undefined ? [] : [s.field]))]);
  const walk = (n: SearchNode): boolean => {
    switch (n.type) {
      case 'and': case 'or': return n.items.every(walk);
      case 'not': return walk(n.item);
      case 'cmp': case 'in': out.add(n.field); return true;
      case 'all': return true;
      // A bare term searches every field.
      case 'term': return false;
    }
  };
  return !plan.where || walk(plan.where.node) ? out : undefined;
}

/** Copies a dataset row into what tstats groups: `_time` bucketed, empty by-fields filled when asked. */
function prepareRow(row: SplEvent, plan: TstatsPlan): SplEvent {
  const out = { ...row };
  delete out.nodename;
  if (plan.span !== undefined) {
    const t = toNumber(valuesOf(out._time)[0] ?? '');
    if (t !== undefined) out._time = formatNumber(timeBucket(t, plan.span));
  }
  if (plan.fillnull !== undefined) for (const f of plan.by) if (out[f] === undefined) out[f] = plan.fillnull;
  return out;
}

export function parseTstats(src: CommandSource): Command {
  const plan = parseTstatsPlan(src);
  const { by, specs } = plan;
  return {
    name: 'tstats', pos: src.pos, generating: true, readsEvents: true,
    create: (ctx): Operator => {
      const only = fieldsRead(plan);
      const toRows = plan.datasets ? compileDatasetMapper(plan.datasets, ctx, only ? { only } : {}) : indexedFields;
      const where = plan.where;
      const pred = where ? compileSearch(where.node) : undefined;
      const range = where && timeRangeFilter(
        where.earliest !== undefined ? parseRelativeTime(where.earliest, ctx.nowMs) : undefined,
        where.latest !== undefined ? parseRelativeTime(where.latest, ctx.nowMs) : undefined,
      );
      const bound = bindSpecs(specs, ctx);
      const g = new Grouper(by, bound);
      return {
        push(events) {
          const out: SplEvent[] = [];
          for (const e of events) {
            for (const row of toRows(e)) {
              if ((pred && !pred(row)) || (range && !range(row))) continue;
              const r = prepareRow(row, plan);
              if (plan.prestats) out.push(r); else g.add(r);
            }
          }
          return out;
        },
        flush: () => (plan.prestats ? [] : groupedRows(g, by, bound)),
      };
    },
    fieldOrder: (): FieldOrder => (plan.prestats
      ? { kind: 'raw' }
      : { kind: 'explicit', fields: [...by, ...specs.map((s) => s.name)], keepInternal: false }),
  };
}
