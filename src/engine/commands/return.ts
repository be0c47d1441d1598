/**
 * return: the values a subsearch hands back, as one `search` field: `field="v"`, `alias="v"` for
 * `alias=field`, or the bare value for `$field`; the first `count` results (default 1), OR-ed.
 */
import { quoteValue } from '../subsearch';
import type { SplEvent } from '../types';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import type { Command, Operator } from './types';

interface Item { field: string; alias: string | undefined; bare: boolean }

export function parseReturn(src: CommandSource): Command {
  const ts = tokens(src);
  let count = 1;
  const items: Item[] = [];
  while (!ts.atEnd()) {
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind === 'word' && /^\d+$/.test(t.text) && items.length === 0) { count = Number(t.text); continue; }
    if (t.kind === 'word' && ts.peek()?.kind === '=') { ts.next(); items.push({ alias: t.text, field: ts.expectValue('a field after =').text, bare: false }); continue; }
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    items.push(t.text.startsWith('$') ? { field: t.text.slice(1), alias: undefined, bare: true } : { field: t.text, alias: undefined, bare: false });
  }
  if (items.length === 0) throw ts.error('expected at least one field', ts.endPos);
  const rowText = (r: SplEvent): string => items.flatMap((it) => {
    const v = valuesOf(r[it.field])[0];
    if (v === undefined) return [];
    return [it.bare ? v : `${it.alias ?? it.field}=${quoteValue(v)}`];
  }).join(' ');
  return {
    name: 'return', pos: src.pos,
    create: (): Operator => {
      const rows: SplEvent[] = [];
      return {
        push(r) { for (const x of r) if (rows.length < count) rows.push(x); return []; },
        flush() {
          const texts = rows.map(rowText).filter((t) => t !== '');
          return [{ search: texts.length <= 1 ? (texts[0] ?? '') : texts.map((t) => `(${t})`).join(' OR ') }];
        },
      };
    },
    fieldOrder: () => ({ kind: 'explicit', fields: ['search'], keepInternal: false }),
  };
}
