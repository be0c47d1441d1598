/**
 * chart: stats aggregates with one row per value of the row field and, with a column field, one column
 * per its value (chartTable.ts: limit, OTHER, NULL). `chart <aggs> over <row> [by <col>]` or
 * `chart <aggs> by <row> [<col>]`. `span=` buckets the row field: times of `_time` by their start, other
 * numbers as `lo-hi` ranges like bin, ordered numerically.
 */
import { SplError } from '../errors';
import type { Token, TokenStream } from '../lexer';
import { parseSpan, timeBucket, type Span } from '../span';
import type { SplEvent } from '../types';
import { compareLex, formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { chartRows, defaultSplitOptions, parseSplitOption, type ChartInput, type SplitOptions } from './chartTable';
import { bindSpecs, parseAggs } from './stats';
import type { Command, Operator } from './types';

interface ChartOptions { split: SplitOptions; span: Span | undefined; spanPos: number }

/** Options may come first or follow the row and column fields (`over size span=10`). */
function parseOptions(ts: TokenStream, o: ChartOptions, command: string): void {
  for (;;) {
    if (parseSplitOption(ts, o.split)) continue;
    let t: Token | undefined;
    if ((t = ts.option('span'))) { o.span = parseSpan(t.text, t.pos, command); o.spanPos = t.pos; continue; }
    if ((t = ts.option('bins'))) throw ts.error('bins= is not supported by the local engine for chart; give span=', t.pos);
    if (ts.option('cont') || ts.option('format') || ts.option('sep') || ts.option('agg')) continue;
    if (ts.atOption()) throw ts.error(`unknown option '${ts.peek()!.text}'`);
    return;
  }
}

function fieldAt(ts: TokenStream, after: string): string {
  const f = ts.next();
  if (!f || (f.kind !== 'word' && f.kind !== 'str')) throw ts.error(`expected a field after '${after}'`, f?.pos ?? ts.endPos);
  return f.text;
}

function rowInput(rowField: string | undefined, span: Span | undefined, col: string | undefined): ChartInput<string | number> {
  if (rowField === undefined) return { rowKeys: () => [''], orderKeys: (k) => k, rowField: undefined, rowValue: () => '', split: col };
  const numbers = (e: SplEvent): number[] => valuesOf(e[rowField]).flatMap((v) => { const n = toNumber(v); return n === undefined ? [] : [n]; });
  if (span?.kind === 'number') {
    return {
      rowKeys: (e) => numbers(e).map((n) => Math.floor(n / span.size) * span.size),
      orderKeys: (k) => [...k].sort((a, b) => Number(a) - Number(b)),
      rowField, rowValue: (k) => `${formatNumber(Number(k))}-${formatNumber(Number(k) + span.size)}`, split: col,
    };
  }
  if (span) {
    return {
      rowKeys: (e) => numbers(e).map((n) => timeBucket(n, span)),
      orderKeys: (k) => [...k].sort((a, b) => Number(a) - Number(b)),
      rowField, rowValue: (k) => formatNumber(Number(k)), split: col,
    };
  }
  return { rowKeys: (e) => valuesOf(e[rowField]), orderKeys: (k) => [...k].sort((a, b) => compareLex(String(a), String(b))), rowField, rowValue: String, split: col };
}

export function parseChart(src: CommandSource): Command {
  const ts = tokens(src);
  const o: ChartOptions = { split: defaultSplitOptions(), span: undefined, spanPos: 0 };
  parseOptions(ts, o, src.name);
  const parsed = parseAggs(ts, src.name, { text: src.args, offset: src.argsPos }, ['by', 'over']);
  if (parsed.length === 0) throw new SplError("Error in 'chart' command: expected an aggregation such as count or avg(field).", ts.pos());
  let row: string | undefined, col: string | undefined;
  if (ts.isKeyword('over')) {
    ts.next();
    row = fieldAt(ts, 'over');
    parseOptions(ts, o, src.name);
    if (ts.isKeyword('by')) { ts.next(); col = fieldAt(ts, 'by'); }
  } else if (ts.isKeyword('by')) {
    ts.next();
    row = fieldAt(ts, 'by');
    parseOptions(ts, o, src.name);
    if (!ts.atEnd() && !ts.atOption()) { if (ts.peek()!.kind === ',') ts.next(); col = fieldAt(ts, row); }
  }
  parseOptions(ts, o, src.name);
  if (!ts.atEnd()) throw ts.error(`chart takes one row and one column field; unexpected '${ts.peek()!.text}'`);
  if (o.span && row === undefined) throw new SplError("Error in 'chart' command: span= needs a row field (over <field>).", o.spanPos);
  const input = rowInput(row, o.span, col);
  const names = parsed.map((s) => s.name);
  return {
    name: 'chart', pos: src.pos,
    create: (ctx): Operator => {
      const specs = bindSpecs(parsed, ctx);
      const buf: SplEvent[] = [];
      return {
        push(rows) { for (const r of rows) buf.push(r); return []; },
        flush: () => chartRows(buf, specs, input, o.split),
      };
    },
    // With a column field the columns are its values, known only from the data.
    fieldOrder: () => ({ kind: 'explicit', fields: [...(row === undefined ? [] : [row]), ...(col === undefined ? names : ['*'])], keepInternal: false }),
  };
}
