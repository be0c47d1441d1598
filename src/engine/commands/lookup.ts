/**
 * lookup: adds fields from a CSV lookup file to each result whose match fields equal a row's
 * (case-sensitive, as Splunk's default). `OUTPUT` overwrites, `OUTPUTNEW` only fills fields the result
 * lacks; without either, every other column of the table is output. Several matching rows give
 * multivalue fields (at most 1000, Splunk's max_matches).
 */
import { SplError } from '../errors';
import { type Token } from '../lexer';
import { lookupPath, readLookup, type LookupTable } from '../lookups';
import type { SplEvent } from '../types';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { appendFields, mapOperator, type Command, type Operator } from './types';

interface Pair { table: string; event: string }

const MAX_MATCHES = 1000;

export function parseLookup(src: CommandSource): Command {
  const ts = tokens(src);
  while (ts.atOption()) {
    const o = ts.peek()!.text.toLowerCase();
    if (!['local', 'update', 'event_time_field'].includes(o)) throw ts.error(`unknown option '${ts.peek()!.text}'`);
    ts.index += 3;
  }
  const nameTok = ts.expectValue('a lookup table name');
  const pairs = (stop: boolean): Pair[] => {
    const out: Pair[] = [];
    while (!ts.atEnd()) {
      if (stop && (ts.isKeyword('output') || ts.isKeyword('outputnew'))) break;
      const t = ts.next()!;
      if (t.kind === ',') continue;
      if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
      let event = t.text;
      if (ts.isKeyword('as')) { ts.next(); event = ts.expectValue('a field name after AS').text; }
      out.push({ table: t.text, event });
    }
    return out;
  };
  const match = pairs(true);
  if (match.length === 0) throw ts.error('expected the lookup field to match on', ts.pos());
  let mode: 'all' | 'output' | 'outputnew' = 'all';
  let outputs: Pair[] = [];
  if (!ts.atEnd()) {
    const kw: Token = ts.next()!;
    mode = kw.text.toLowerCase() as 'output' | 'outputnew';
    outputs = pairs(false);
    if (outputs.length === 0) throw ts.error(`expected fields after ${kw.text}`, kw.pos);
  }
  let table: LookupTable | undefined;
  return {
    name: 'lookup', pos: src.pos,
    async prepare(p) {
      table = await readLookup(lookupPath(p.lookupsFolder, nameTok.text, nameTok.pos, true));
      for (const m of match) if (!table.fields.includes(m.table)) throw new SplError(`Error in 'lookup' command: the lookup table '${nameTok.text}' has no field '${m.table}'.`, nameTok.pos);
    },
    create: (): Operator => {
      if (!table) throw new SplError(`Error in 'lookup' command: the lookup table '${nameTok.text}' was not loaded.`, src.pos);
      const t = table;
      const outs: Pair[] = mode === 'all' ? t.fields.filter((f) => !match.some((m) => m.table === f)).map((f) => ({ table: f, event: f })) : outputs;
      // An index of the rows by their first match field keeps the lookup per result cheap.
      const index = new Map<string, Record<string, string>[]>();
      for (const r of t.rows) {
        const k = r[match[0]!.table];
        if (k === undefined) continue;
        const list = index.get(k);
        if (list) list.push(r); else index.set(k, [r]);
      }
      return mapOperator((e) => {
        const first = valuesOf(e[match[0]!.event]);
        if (first.length === 0) return e;
        const hits: Record<string, string>[] = [];
        for (const v of first) {
          for (const r of index.get(v) ?? []) {
            if (hits.length >= MAX_MATCHES) break;
            if (match.slice(1).every((m) => { const ev = valuesOf(e[m.event]); return r[m.table] !== undefined && ev.includes(r[m.table]!); })) hits.push(r);
          }
        }
        if (hits.length === 0) return e;
        const out: SplEvent = { ...e };
        for (const o of outs) {
          if (mode === 'outputnew' && out[o.event] !== undefined) continue;
          const vals = hits.map((h) => h[o.table]).filter((x): x is string => x !== undefined);
          if (vals.length === 0) { if (mode === 'output') delete out[o.event]; continue; }
          out[o.event] = vals.length === 1 ? vals[0]! : vals;
        }
        return out;
      });
    },
    fieldOrder: (prev) => appendFields(prev, outputs.map((o) => o.event)),
  };
}
