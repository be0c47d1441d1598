/** xmlkv: each leaf `<key>value</key>` of a field (default _raw) becomes a field; existing fields win. */
import { xmlPairs } from '../structured';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { keepOrder, mapOperator, type Command } from './types';

export function parseXmlkv(src: CommandSource): Command {
  const ts = tokens(src);
  let field = '_raw';
  while (!ts.atEnd()) {
    if (ts.option('maxinputs')) continue;
    const t = ts.next()!;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    field = t.text;
  }
  return {
    name: 'xmlkv', pos: src.pos,
    create: () => mapOperator((e) => {
      const text = valuesOf(e[field])[0];
      if (text === undefined || !text.includes('<')) return e;
      const pairs = xmlPairs(text);
      const out = { ...e };
      for (const k in pairs) if (out[k] === undefined) out[k] = pairs[k]!;
      return out;
    }),
    fieldOrder: keepOrder,
  };
}
