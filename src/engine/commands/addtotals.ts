/**
 * addtotals: a field with the sum of each row's numeric fields (`row=t`, named by `fieldname=`, Total by
 * default) and, with `col=t`, a last row with each numeric column's sum, labelled in `labelfield`. A field
 * list (wildcards allowed) limits the fields summed; without one, every field but the `_` ones.
 */
import { parseBool, type Token } from '../lexer';
import type { SplEvent } from '../types';
import { fieldNameMatcher, formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { appendFields, mapOperator, type Command, type Operator } from './types';

/** The number a field holds, when its one value is numeric. */
function numberOf(e: SplEvent, name: string): number | undefined {
  const vals = valuesOf(e[name]);
  return vals.length === 1 ? toNumber(vals[0]!) : undefined;
}

export function parseAddtotals(src: CommandSource): Command {
  const ts = tokens(src);
  let row = true, col = false, fieldname = 'Total', label = 'Total';
  let labelfield: string | undefined;
  const fields: string[] = [];
  while (!ts.atEnd()) {
    let o: Token | undefined;
    if ((o = ts.option('row'))) { row = parseBool(o, ts); continue; }
    if ((o = ts.option('col'))) { col = parseBool(o, ts); continue; }
    if ((o = ts.option('fieldname'))) { fieldname = o.text; continue; }
    if ((o = ts.option('labelfield'))) { labelfield = o.text; continue; }
    if ((o = ts.option('label'))) { label = o.text; continue; }
    if (ts.atOption()) throw ts.error(`unknown option '${ts.peek()!.text}'`);
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    fields.push(t.text);
  }
  const matchers = fields.map(fieldNameMatcher);
  const summed = (name: string): boolean => (matchers.length > 0 ? matchers.some((m) => m(name)) : !name.startsWith('_'));
  const withRowTotal = (e: SplEvent): SplEvent => {
    if (!row) return e;
    let sum = 0;
    for (const name of Object.keys(e)) {
      if (name === fieldname || !summed(name)) continue;
      const n = numberOf(e, name);
      if (n !== undefined) sum += n;
    }
    return { ...e, [fieldname]: formatNumber(sum) };
  };
  return {
    name: 'addtotals', pos: src.pos,
    create: (): Operator => {
      if (!col) return mapOperator(withRowTotal);
      const sums = new Map<string, number>();
      return {
        push(rows) {
          const out = rows.map(withRowTotal);
          for (const e of out) {
            for (const name of Object.keys(e)) {
              if (name === labelfield || (name !== fieldname && !summed(name))) continue;
              const n = numberOf(e, name);
              if (n !== undefined) sums.set(name, (sums.get(name) ?? 0) + n);
            }
          }
          return out;
        },
        flush() {
          const total: SplEvent = {};
          for (const [name, n] of sums) total[name] = formatNumber(n);
          if (labelfield !== undefined) total[labelfield] = label;
          return [total];
        },
      };
    },
    fieldOrder: (prev) => appendFields(prev, [...(row ? [fieldname] : []), ...(col && labelfield !== undefined ? [labelfield] : [])]),
  };
}
