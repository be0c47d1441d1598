/** mvexpand: one result per value of a multivalue field. */
import { parseInteger } from '../lexer';
import type { SplEvent } from '../types';
import { keepOrder, type Command } from './types';
import { tokens, type CommandSource } from './commandSource';

export function parseMvexpand(src: CommandSource): Command {
  const ts = tokens(src);
  let limit = 0, field: string | undefined;
  while (!ts.atEnd()) {
    const o = ts.option('limit');
    if (o) { limit = parseInteger(o, ts, 'limit'); continue; }
    const t = ts.next()!;
    if (t.kind !== 'word' || field !== undefined) throw ts.error(`unexpected '${t.text}'`, t.pos);
    field = t.text;
  }
  if (!field) throw ts.error('expected a field name');
  const f = field;
  return {
    name: 'mvexpand', pos: src.pos,
    create: () => ({
      push(rows) {
        const out: SplEvent[] = [];
        for (const e of rows) {
          const v = e[f];
          if (typeof v !== 'object') { out.push(e); continue; }
          const vals = limit > 0 ? v.slice(0, limit) : v;
          for (const x of vals) out.push({ ...e, [f]: x });
        }
        return out;
      },
      flush: () => [],
    }),
    fieldOrder: keepOrder,
  };
}
