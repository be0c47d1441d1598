/**
 * append: the subsearch's results after the current ones; appendcols: its fields added row by row
 * (the current values win unless `override=true`). Subsearch limits: maxout (50,000) and maxtime (60 s).
 */
import { parseBool, parseInteger } from '../lexer';
import type { SplEvent } from '../types';
import { tokens, type CommandSource } from './commandSource';
import type { ParseContext } from './registry';
import { subArgument } from './subpipeline';
import type { Command, Operator } from './types';

function parseAppendLike(src: CommandSource, pc: ParseContext, cols: boolean): Command {
  const ts = tokens(src);
  let maxout = 50_000, maxtime = 60, override = false;
  while (!ts.atEnd() && ts.peek()!.kind !== 'sub') {
    let t;
    if ((t = ts.option('maxout'))) { maxout = parseInteger(t, ts, 'maxout'); continue; }
    if ((t = ts.option('maxtime'))) { maxtime = parseInteger(t, ts, 'maxtime'); continue; }
    if ((t = ts.option('timeout'))) { maxtime = parseInteger(t, ts, 'timeout'); continue; }
    if (cols && (t = ts.option('override'))) { override = parseBool(t, ts); continue; }
    if (ts.option('extendtimerange')) continue;
    throw ts.error(`unexpected '${ts.peek()!.text}'`);
  }
  const sub = subArgument(ts, 'a subsearch');
  pc.parsePipeline(sub.text, sub.pos);
  let extra: SplEvent[] = [];
  return {
    name: cols ? 'appendcols' : 'append', pos: src.pos,
    async prepare(p) { extra = await p.runSubsearch(sub.text, sub.pos, { maxResults: maxout, maxSeconds: maxtime }); },
    create: (): Operator => {
      if (!cols) return { push: (rows) => rows, flush: () => extra };
      let i = 0;
      return {
        push(rows) {
          return rows.map((e) => { const x = extra[i++]; return x ? (override ? { ...e, ...x } : { ...x, ...e }) : e; });
        },
        flush: () => extra.slice(i),
      };
    },
    fieldOrder: (prev) => (prev.kind === 'raw' ? prev : { kind: 'explicit', fields: [...prev.fields, '*'], keepInternal: prev.keepInternal }),
  };
}

export const parseAppend = (src: CommandSource, pc: ParseContext): Command => parseAppendLike(src, pc, false);
export const parseAppendcols = (src: CommandSource, pc: ParseContext): Command => parseAppendLike(src, pc, true);
