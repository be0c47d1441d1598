/**
 * streamstats: running aggregates, in result order, added to each result. `current=false` leaves the
 * result itself out of its own figures; `window=N` keeps the last N results per group; `time_window`
 * those within a span of the current `_time`; `reset_on_change` starts over when a by-value changes;
 * `reset_before`/`reset_after` start over around results for which an eval expression is true.
 */
import { SplError } from '../errors';
import { compileEval, parseEvalExpression, type EvalNode } from '../evalExpr';
import { isTrue } from '../evalValue';
import { parseBool, parseInteger, type Token } from '../lexer';
import { parseSpan } from '../span';
import type { SplEvent } from '../types';
import { toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { bindSpecs, parseAggs, parseBy, type AggSpec } from './stats';
import { appendFields, type Command, type Operator } from './types';

export function parseStreamstats(src: CommandSource): Command {
  const ts = tokens(src);
  let current = true, window = 0, resetOnChange = false, timeWindow: number | undefined;
  let resetBefore: EvalNode | undefined, resetAfter: EvalNode | undefined;
  const evalOption = (t: Token): EvalNode => parseEvalExpression(t.text.replace(/^\((.*)\)$/s, '$1'), t.pos);
  while (ts.atOption()) {
    let t: Token | undefined;
    if ((t = ts.option('current'))) { current = parseBool(t, ts); continue; }
    if ((t = ts.option('window'))) { window = parseInteger(t, ts, 'window'); continue; }
    // global only matters with a window across by-groups, which this engine keeps per group.
    if ((t = ts.option('global'))) { parseBool(t, ts); continue; }
    if ((t = ts.option('reset_on_change'))) { resetOnChange = parseBool(t, ts); continue; }
    if (ts.option('allnum')) continue;
    if ((t = ts.option('time_window'))) {
      const sp = parseSpan(t.text, t.pos, 'streamstats');
      if (sp.kind !== 'seconds') throw ts.error('time_window must be a time span such as 1h', t.pos);
      timeWindow = sp.seconds;
      continue;
    }
    if ((t = ts.option('reset_before'))) { resetBefore = evalOption(t); continue; }
    if ((t = ts.option('reset_after'))) { resetAfter = evalOption(t); continue; }
    break;
  }
  const parsedSpecs = parseAggs(ts, 'streamstats', { text: src.args, offset: src.argsPos });
  if (parsedSpecs.length === 0) throw ts.error('expected at least one function, e.g. count', ts.pos());
  const by = parseBy(ts);
  if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}'`);
  return {
    name: 'streamstats', pos: src.pos,
    create: (ctx): Operator => {
      const specs: AggSpec[] = bindSpecs(parsedSpecs, ctx);
      const before = resetBefore ? compileEval(resetBefore, ctx) : undefined;
      const after = resetAfter ? compileEval(resetAfter, ctx) : undefined;
      // Per group: the results inside the window (all of them without a window).
      const groups = new Map<string, SplEvent[]>();
      let lastKey: string | undefined;
      const keyOf = (e: SplEvent): string | undefined => {
        if (by.length === 0) return '';
        const parts: string[] = [];
        for (const f of by) { const v = valuesOf(e[f])[0]; if (v === undefined) return undefined; parts.push(v); }
        return parts.join('\u0000');
      };
      const figures = (rows: SplEvent[]): SplEvent => {
        const aggs = specs.map((s) => s.make());
        for (const r of rows) for (const a of aggs) a.add(r);
        const out: SplEvent = {};
        specs.forEach((s, i) => { const v = aggs[i]!.result(); if (v !== undefined) out[s.name] = v; });
        return out;
      };
      return {
        push(rows) {
          const out: SplEvent[] = [];
          for (const e of rows) {
            const key = keyOf(e);
            if (key === undefined) { out.push(e); continue; }
            if ((resetOnChange && lastKey !== undefined && key !== lastKey) || (before && isTrue(before(e)))) groups.clear();
            lastKey = key;
            let buf = groups.get(key);
            if (!buf) { buf = []; groups.set(key, buf); }
            if (timeWindow !== undefined) {
              const t = toNumber(valuesOf(e._time)[0] ?? '');
              if (t === undefined) throw new SplError("Error in 'streamstats' command: time_window needs results with _time.", src.pos);
              while (buf.length > 0 && (toNumber(valuesOf(buf[0]!._time)[0] ?? '') ?? t) <= t - timeWindow) buf.shift();
            }
            if (current) buf.push(e);
            if (window > 0) while (buf.length > window) buf.shift();
            out.push({ ...e, ...figures(buf) });
            if (!current) { buf.push(e); if (window > 0) while (buf.length > window) buf.shift(); }
            if (after && isTrue(after(e))) groups.clear();
          }
          return out;
        },
        flush: () => [],
      };
    },
    fieldOrder: (prev) => appendFields(prev, parsedSpecs.map((s) => s.name)),
  };
}
