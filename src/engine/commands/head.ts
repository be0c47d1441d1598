/** head: the first N results (or while an expression holds). */
import { parseInteger } from '../lexer';
import { keepOrder, type Command, type Operator } from './types';
import { tokens, type CommandSource } from './commandSource';

export function countArg(src: CommandSource, def: number): number {
  const ts = tokens(src);
  let n = def;
  while (!ts.atEnd()) {
    const lim = ts.option('limit');
    if (lim) { n = parseInteger(lim, ts, 'limit'); continue; }
    const t = ts.next()!;
    if (t.kind === 'word' && /^\d+$/.test(t.text)) { n = Number(t.text); continue; }
    if (t.kind === 'word' && ['keeplast', 'null'].includes(t.text.toLowerCase()) && ts.peek()?.kind === '=') { ts.next(); ts.next(); continue; }
    throw ts.error(`invalid argument '${t.text}'`, t.pos);
  }
  return n;
}

export function parseHead(src: CommandSource): Command {
  const n = countArg(src, 10);
  return {
    name: 'head', pos: src.pos,
    create: (): Operator => {
      let taken = 0;
      return {
        get exhausted() { return taken >= n; },
        push(rows) {
          if (taken >= n) return [];
          const out = rows.length <= n - taken ? rows : rows.slice(0, n - taken);
          taken += out.length;
          return out;
        },
        flush: () => [],
      };
    },
    fieldOrder: keepOrder,
  };
}
