/** makemv: splits a field into a multivalue field. */
import { parseBool, type Token } from '../lexer';
import { compilePcre } from '../regex';
import { valuesOf } from '../values';
import { keepOrder, mapOperator, type Command } from './types';
import { tokens, type CommandSource } from './commandSource';

export function parseMakemv(src: CommandSource): Command {
  const ts = tokens(src);
  let delim: string | undefined, tokenizer: RegExp | undefined, allowEmpty = false, setsv = false, field: string | undefined;
  while (!ts.atEnd()) {
    let o: Token | undefined;
    if ((o = ts.option('delim'))) { delim = o.text; continue; }
    if ((o = ts.option('tokenizer'))) { tokenizer = compilePcre(o.text, o.pos, 'g'); continue; }
    if ((o = ts.option('allowempty'))) { allowEmpty = parseBool(o, ts); continue; }
    if ((o = ts.option('setsv'))) { setsv = parseBool(o, ts); continue; }
    const t = ts.next()!;
    if (t.kind !== 'word' || field !== undefined) throw ts.error(`unexpected '${t.text}'`, t.pos);
    field = t.text;
  }
  if (!field) throw ts.error('expected a field name');
  const f = field, d = delim ?? ' ';
  const splitOne = (s: string): string[] => {
    if (tokenizer) {
      const out: string[] = [];
      for (const m of s.matchAll(tokenizer)) out.push(m[1] ?? m[0]);
      return out;
    }
    return s.split(d);
  };
  return {
    name: 'makemv', pos: src.pos,
    create: () => mapOperator((e) => {
      const v = e[f];
      if (v === undefined) return e;
      let vals = valuesOf(v).flatMap(splitOne);
      if (!allowEmpty) vals = vals.filter((x) => x !== '');
      const out = { ...e };
      if (vals.length === 0) delete out[f];
      else out[f] = setsv ? vals.join(' ') : vals.length === 1 ? vals[0]! : vals;
      return out;
    }),
    fieldOrder: keepOrder,
  };
}
