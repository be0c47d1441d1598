/** fillnull: fills empty fields with a value. */
import type { SplEvent } from '../types';
import { appendFields, mapOperator, type Command, type FieldOrder, type Operator } from './types';
import { tokens, type CommandSource } from './commandSource';

export function parseFillnull(src: CommandSource): Command {
  const ts = tokens(src);
  let value = '0';
  const fields: string[] = [];
  while (!ts.atEnd()) {
    const o = ts.option('value');
    if (o) { value = o.text; continue; }
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    fields.push(t.text);
  }
  const fill = (e: SplEvent, names: Iterable<string>): SplEvent => {
    let out: SplEvent | undefined;
    for (const n of names) {
      const v = e[n];
      if (v === undefined || v === '') { out ??= { ...e }; out[n] = value; }
    }
    return out ?? e;
  };
  return {
    name: 'fillnull', pos: src.pos,
    create: (): Operator => {
      if (fields.length > 0) return mapOperator((e) => fill(e, fields));
      // Without a field list every field of the result set is filled, so the whole set is needed first.
      const buf: SplEvent[] = [];
      const names = new Set<string>();
      return {
        push(rows) { for (const r of rows) { buf.push(r); for (const k in r) names.add(k); } return []; },
        flush: () => buf.map((e) => fill(e, names)),
      };
    },
    fieldOrder: (prev: FieldOrder) => (fields.length > 0 ? appendFields(prev, fields) : prev),
  };
}
