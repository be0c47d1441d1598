/** dedup: removes results that repeat the values of fields. */
import { SplError } from '../errors';
import { parseBool, type Token } from '../lexer';
import type { SplEvent } from '../types';
import { keepOrder, type Command, type Operator } from './types';
import { tokens, type CommandSource } from './commandSource';

export function parseDedup(src: CommandSource): Command {
  const ts = tokens(src);
  let n = 1, keepEmpty = false, consecutive = false, keepEvents = false;
  const fields: string[] = [];
  while (!ts.atEnd()) {
    let o: Token | undefined;
    if ((o = ts.option('keepempty'))) { keepEmpty = parseBool(o, ts); continue; }
    if ((o = ts.option('consecutive'))) { consecutive = parseBool(o, ts); continue; }
    if ((o = ts.option('keepevents'))) { keepEvents = parseBool(o, ts); continue; }
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind === 'word' && t.text.toLowerCase() === 'sortby') throw new SplError("The 'sortby' option of dedup is not supported by the local engine; use '| sort' after dedup.", t.pos);
    if (t.kind === 'word' && /^\d+$/.test(t.text) && fields.length === 0) { n = Number(t.text); continue; }
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    fields.push(t.text);
  }
  if (fields.length === 0) throw ts.error('expected at least one field');
  if (n < 1) throw ts.error('the count must be at least 1');
  return {
    name: 'dedup', pos: src.pos,
    create: (): Operator => {
      const seen = new Map<string, number>();
      let lastKey: string | undefined;
      return {
        push(rows) {
          const out: SplEvent[] = [];
          for (const e of rows) {
            const parts: string[] = [];
            let missing = false;
            for (const f of fields) {
              const v = e[f];
              if (v === undefined) { missing = true; break; }
              parts.push(typeof v === 'string' ? v : v.join('\u0001'));
            }
            if (missing) { if (keepEmpty) out.push(e); continue; }
            const key = parts.join('\u0000');
            let keep: boolean;
            if (consecutive) { keep = key !== lastKey; lastKey = key; }
            else { const c = seen.get(key) ?? 0; keep = c < n; seen.set(key, c + 1); }
            if (keep) out.push(e);
            else if (keepEvents) { const copy = { ...e }; for (const f of fields) delete copy[f]; out.push(copy); }
          }
          return out;
        },
        flush: () => [],
      };
    },
    fieldOrder: keepOrder,
  };
}
