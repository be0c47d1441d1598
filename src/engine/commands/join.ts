/**
 * join: combines each result with the subsearch's results that share the join fields (all common
 * fields when none are named). `type=inner` (default) drops results without a match, `left`/`outer`
 * keeps them; `max` matches per result (default 1, 0 = all); the subsearch's fields overwrite unless
 * `overwrite=false`. The subsearch is cut at 50,000 results / 60 s, Splunk's join limits.
 */
import { parseBool, parseInteger } from '../lexer';
import type { SplEvent } from '../types';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import type { ParseContext } from './registry';
import { subArgument } from './subpipeline';
import type { Command, Operator } from './types';

export function parseJoin(src: CommandSource, pc: ParseContext): Command {
  const ts = tokens(src);
  let type: 'inner' | 'left' = 'inner', max = 1, overwrite = true;
  const fields: string[] = [];
  while (!ts.atEnd() && ts.peek()!.kind !== 'sub') {
    let t;
    if ((t = ts.option('type'))) {
      const v = t.text.toLowerCase();
      if (v !== 'inner' && v !== 'left' && v !== 'outer') throw ts.error(`type must be inner, left or outer, got '${t.text}'`, t.pos);
      type = v === 'inner' ? 'inner' : 'left';
      continue;
    }
    if ((t = ts.option('max'))) { max = parseInteger(t, ts, 'max'); continue; }
    if ((t = ts.option('overwrite'))) { overwrite = parseBool(t, ts); continue; }
    if (ts.option('usetime') || ts.option('earlier')) continue;
    const w = ts.next()!;
    if (w.kind === ',') continue;
    if (w.kind !== 'word' && w.kind !== 'str') throw ts.error(`unexpected '${w.text}'`, w.pos);
    fields.push(w.text);
  }
  const sub = subArgument(ts, 'a subsearch');
  pc.parsePipeline(sub.text, sub.pos);
  let right: SplEvent[] = [];
  return {
    name: 'join', pos: src.pos,
    async prepare(p) { right = await p.runSubsearch(sub.text, sub.pos, { maxResults: 50_000, maxSeconds: 60 }); },
    create: (): Operator => {
      const names = fields.length > 0 ? fields : undefined;
      const keyOf = (e: SplEvent, on: string[]): string | undefined => {
        const parts: string[] = [];
        for (const f of on) { const v = valuesOf(e[f])[0]; if (v === undefined) return undefined; parts.push(v); }
        return parts.join('\u0000');
      };
      const commonFields = (e: SplEvent): string[] => Object.keys(e).filter((k) => !k.startsWith('_') && right.some((r) => r[k] !== undefined));
      const index = new Map<string, SplEvent[]>();
      if (names) for (const r of right) { const k = keyOf(r, names); if (k !== undefined) { const l = index.get(k); if (l) l.push(r); else index.set(k, [r]); } }
      return {
        push(rows) {
          const out: SplEvent[] = [];
          for (const e of rows) {
            const on = names ?? commonFields(e);
            const k = on.length > 0 ? keyOf(e, on) : undefined;
            const matches = k === undefined ? [] : names ? index.get(k) ?? [] : right.filter((r) => keyOf(r, on) === k);
            if (matches.length === 0) { if (type === 'left') out.push(e); continue; }
            for (const m of max > 0 ? matches.slice(0, max) : matches) out.push(overwrite ? { ...e, ...m } : { ...m, ...e });
          }
          return out;
        },
        flush: () => [],
      };
    },
    fieldOrder: (prev) => (prev.kind === 'raw' ? prev : { kind: 'explicit', fields: [...prev.fields, '*'], keepInternal: prev.keepInternal }),
  };
}
