/**
 * transaction: groups results that share the values of the given fields into one result each, in time
 * order, closing a group when `maxspan` or `maxpause` would be exceeded, at `maxevents`, before a
 * `startswith` match and after an `endswith` match. A group's fields are the union of its results'
 * values (distinct, or every value in order with `mvlist=true`), `_raw` the raw texts on lines,
 * `_time` the first time, plus `duration` and `eventcount`. Results come newest first, as in Splunk.
 */
import { SplError } from '../errors';
import { compileEval, parseEvalExpression } from '../evalExpr';
import { isTrue } from '../evalValue';
import { parseBool, parseInteger, type Token } from '../lexer';
import { compileSearch, parseSearchExpression } from '../search';
import { parseSpan } from '../span';
import type { ExecContext } from './types';
import type { SplEvent } from '../types';
import { formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import type { Command, Operator } from './types';

type Matcher = (ctx: ExecContext) => (e: SplEvent) => boolean;

/** `"text"` or `(field=value)` is a search; `eval(expr)` an eval expression. */
function condition(t: Token): Matcher {
  const m = /^\s*eval\s*\(([\s\S]*)\)\s*$/i.exec(t.text);
  if (m) {
    const node = parseEvalExpression(m[1]!, t.pos);
    return (ctx) => { const f = compileEval(node, ctx); return (e) => isTrue(f(e)); };
  }
  const pred = compileSearch(parseSearchExpression(t.text, t.pos).node);
  return () => pred;
}

interface Group { events: SplEvent[]; start: number; last: number }

export function parseTransaction(src: CommandSource): Command {
  const ts = tokens(src);
  const fields: string[] = [];
  let maxspan = Infinity, maxpause = Infinity, maxevents = 1000, mvlist = false, keepevicted = false;
  let startswith: Matcher | undefined, endswith: Matcher | undefined;
  const seconds = (t: Token): number => {
    if (t.text === '-1') return Infinity;
    const s = parseSpan(t.text, t.pos, 'transaction');
    if (s.kind === 'months') throw ts.error('use a span in seconds, minutes, hours or days', t.pos);
    return s.kind === 'seconds' ? s.seconds : s.size;
  };
  // startswith=eval(...) arrives as tokens: the text up to the matching parenthesis.
  const condText = (opt: string): Token | undefined => {
    if (!(ts.isKeyword(opt) && ts.peek(1)?.kind === '=')) return undefined;
    const v = ts.peek(2);
    if (v?.kind === 'word' && v.text.toLowerCase() === 'eval' && ts.peek(3)?.kind === '(') {
      ts.index += 3;
      const open = ts.next()!;
      let depth = 1, close: Token | undefined;
      while (!ts.atEnd()) { const x = ts.next()!; if (x.kind === '(') depth++; else if (x.kind === ')' && --depth === 0) { close = x; break; } }
      if (!close) throw ts.error("expected ')' to close eval(", open.pos);
      return { kind: 'str', text: `eval(${src.args.slice(open.pos + 1 - src.argsPos, close.pos - src.argsPos)})`, pos: v.pos };
    }
    if (v?.kind === '(') {
      ts.index += 2;
      const open = ts.next()!;
      let depth = 1, close: Token | undefined;
      while (!ts.atEnd()) { const x = ts.next()!; if (x.kind === '(') depth++; else if (x.kind === ')' && --depth === 0) { close = x; break; } }
      if (!close) throw ts.error("expected ')'", open.pos);
      return { kind: 'str', text: src.args.slice(open.pos + 1 - src.argsPos, close.pos - src.argsPos), pos: open.pos + 1 };
    }
    return ts.option(opt);
  };
  while (!ts.atEnd()) {
    let t: Token | undefined;
    if ((t = ts.option('maxspan'))) { maxspan = seconds(t); continue; }
    if ((t = ts.option('maxpause'))) { maxpause = seconds(t); continue; }
    if ((t = ts.option('maxevents'))) { maxevents = t.text === '-1' ? Infinity : parseInteger(t, ts, 'maxevents'); continue; }
    if ((t = ts.option('mvlist'))) { mvlist = parseBool(t, ts); continue; }
    if ((t = ts.option('keepevicted'))) { keepevicted = parseBool(t, ts); continue; }
    if ((t = condText('startswith'))) { startswith = condition(t); continue; }
    if ((t = condText('endswith'))) { endswith = condition(t); continue; }
    if (ts.option('connected') || ts.option('unifyends') || ts.option('maxopentxn') || ts.option('maxopenevents') || ts.option('delim') || ts.option('nullstr') || ts.option('mvraw')) continue;
    if (ts.atOption()) throw ts.error(`unknown option '${ts.peek()!.text}'`);
    const w = ts.next()!;
    if (w.kind === ',') continue;
    if (w.kind !== 'word' && w.kind !== 'str') throw ts.error(`unexpected '${w.text}'`, w.pos);
    fields.push(w.text);
  }
  const merge = (g: Group): SplEvent => {
    const out: SplEvent = {};
    const all: Record<string, string[]> = {};
    for (const e of g.events) for (const k in e) { if (k === '_time' || k === '_raw') continue; (all[k] ??= []).push(...valuesOf(e[k])); }
    for (const [k, vals] of Object.entries(all)) {
      const v = mvlist ? vals : [...new Set(vals)].sort();
      out[k] = v.length === 1 ? v[0]! : v;
    }
    const raws = g.events.flatMap((e) => valuesOf(e._raw));
    if (raws.length > 0) out._raw = raws.join('\n');
    out._time = formatNumber(g.start);
    out.duration = formatNumber(g.last - g.start);
    out.eventcount = String(g.events.length);
    return out;
  };
  return {
    name: 'transaction', pos: src.pos,
    create: (ctx): Operator => {
      const starts = startswith?.(ctx), ends = endswith?.(ctx);
      const buf: SplEvent[] = [];
      return {
        push(rows) { buf.push(...rows); return []; },
        flush() {
          const timed = buf.map((e, i) => ({ e, i, t: toNumber(valuesOf(e._time)[0] ?? '') }));
          if (timed.some((x) => x.t === undefined)) throw new SplError("Error in 'transaction' command: every result needs a _time.", src.pos);
          timed.sort((a, b) => a.t! - b.t! || a.i - b.i);
          const open = new Map<string, Group>();
          const done: Group[] = [];
          const close = (k: string, g: Group, complete: boolean): void => { open.delete(k); if (complete || keepevicted || !starts) done.push(g); };
          for (const { e, t } of timed) {
            const parts: string[] = [];
            for (const f of fields) { const v = valuesOf(e[f])[0]; if (v !== undefined) parts.push(v); }
            if (fields.length > 0 && parts.length === 0) continue;
            const k = parts.join('\u0000');
            let g = open.get(k);
            const isStart = starts ? starts(e) : false;
            if (g && (t! - g.start > maxspan || t! - g.last > maxpause || g.events.length >= maxevents || isStart)) { close(k, g, !starts && !ends); g = undefined; }
            if (!g) {
              if (starts && !isStart) continue;
              g = { events: [], start: t!, last: t! };
              open.set(k, g);
            }
            g.events.push(e);
            g.last = t!;
            if (ends?.(e)) close(k, g, true);
          }
          for (const [k, g] of open) close(k, g, !ends && !starts);
          return done.sort((a, b) => b.start - a.start).map(merge);
        },
      };
    },
    fieldOrder: () => ({ kind: 'raw' }),
  };
}
