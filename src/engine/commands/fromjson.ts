/**
 * fromjson: the top-level keys of a JSON object in a field become fields (with `prefix=`); objects stay
 * JSON text, arrays become multivalue fields.
 */
import { parseJsonValue } from '../structured';
import type { SplEvent } from '../types';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { keepOrder, mapOperator, type Command } from './types';

const text = (v: unknown): string | undefined => (v === null || v === undefined ? undefined : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function parseFromjson(src: CommandSource): Command {
  const ts = tokens(src);
  let field: string | undefined, prefix = '';
  while (!ts.atEnd()) {
    const p = ts.option('prefix');
    if (p) { prefix = p.text; continue; }
    const t = ts.next()!;
    if ((t.kind !== 'word' && t.kind !== 'str') || field) throw ts.error(`unexpected '${t.text}'`, t.pos);
    field = t.text;
  }
  if (!field) throw ts.error('expected the field that holds the JSON', ts.endPos);
  const input = field;
  return {
    name: 'fromjson', pos: src.pos,
    create: () => mapOperator((e) => {
      const raw = valuesOf(e[input])[0];
      const doc = raw === undefined ? undefined : parseJsonValue(raw);
      if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return e;
      const out: SplEvent = { ...e };
      for (const [k, v] of Object.entries(doc as Record<string, unknown>)) {
        const name = prefix + k;
        if (Array.isArray(v)) {
          const vals = v.flatMap((x) => { const s = text(x); return s === undefined ? [] : [s]; });
          if (vals.length > 0) out[name] = vals.length === 1 ? vals[0]! : vals;
        } else {
          const s = text(v);
          if (s !== undefined) out[name] = s;
        }
      }
      return out;
    }),
    fieldOrder: keepOrder,
  };
}
