/**
 * multikv: table-formatted events (the output of ps, top, netstat) into one result per table row. The
 * header line names the columns (characters other than letters, digits and `_` become `_`); each row's
 * values are split at runs of spaces, the last column taking the rest of the line. `forceheader=<n>`
 * takes line n as the header, `noheader=true` names the columns Column_1, Column_2...; `fields` keeps
 * only the named columns, `filter` keeps the rows containing one of its terms (case-insensitively).
 * Each row keeps the event's other fields (`copyattrs`, true) and has the row line as `_raw`; the
 * original event is dropped (`rmorig`, true). Header detection by column alignment (multikv.conf) is
 * not implemented.
 */
import { parseBool, parseInteger, type Token } from '../lexer';
import type { SplEvent } from '../types';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { keepOrder, type Command, type Operator } from './types';

export interface MultikvOptions {
  fields: string[] | undefined;
  filter: string[] | undefined;
  forceheader: number | undefined;
  noheader: boolean;
  copyattrs: boolean;
  rmorig: boolean;
}

function splitColumns(line: string, n: number): string[] {
  const parts: string[] = [];
  let rest = line.trim();
  while (rest !== '' && parts.length < n - 1) {
    const m = /^(\S+)\s*/.exec(rest)!;
    parts.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

/** The rows of one table-formatted text, each as column name → value. */
export function multikvRows(raw: string, o: MultikvOptions): { line: string; values: Record<string, string> }[] {
  const lines = raw.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0) return [];
  let header: string[];
  let body: string[];
  if (o.noheader) {
    const width = Math.max(...lines.map((l) => l.trim().split(/\s+/).length));
    header = Array.from({ length: width }, (_, i) => `Column_${i + 1}`);
    body = lines;
  } else {
    const h = Math.min(Math.max(1, o.forceheader ?? 1), lines.length) - 1;
    header = lines[h]!.trim().split(/\s+/).map((c) => c.replace(/[^A-Za-z0-9_]/g, '_'));
    body = lines.slice(h + 1);
  }
  const terms = o.filter?.map((t) => t.toLowerCase());
  const out: { line: string; values: Record<string, string> }[] = [];
  for (const line of body) {
    if (terms && !terms.some((t) => line.toLowerCase().includes(t))) continue;
    const cells = splitColumns(line, header.length);
    const values: Record<string, string> = {};
    header.forEach((name, i) => {
      const v = cells[i];
      if (v !== undefined && (!o.fields || o.fields.includes(name))) values[name] = v;
    });
    out.push({ line, values });
  }
  return out;
}

export function parseMultikv(src: CommandSource): Command {
  const ts = tokens(src);
  const o: MultikvOptions = { fields: undefined, filter: undefined, forceheader: undefined, noheader: false, copyattrs: true, rmorig: true };
  const list = (): string[] => {
    const words: string[] = [];
    while (!ts.atEnd() && !ts.atOption() && !ts.isKeyword('fields') && !ts.isKeyword('filter')) {
      const t = ts.next()!;
      if (t.kind === ',') continue;
      if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
      words.push(t.text);
    }
    return words;
  };
  while (!ts.atEnd()) {
    let t: Token | undefined;
    if ((t = ts.option('forceheader'))) { o.forceheader = parseInteger(t, ts, 'forceheader'); continue; }
    if ((t = ts.option('noheader'))) { o.noheader = parseBool(t, ts); continue; }
    if ((t = ts.option('copyattrs'))) { o.copyattrs = parseBool(t, ts); continue; }
    if ((t = ts.option('rmorig'))) { o.rmorig = parseBool(t, ts); continue; }
    if (ts.option('multitable') || ts.option('conf')) continue;
    if (ts.isKeyword('fields')) { const k = ts.next()!; o.fields = list(); if (o.fields.length === 0) throw ts.error('expected field names after fields', k.pos); continue; }
    if (ts.isKeyword('filter')) { const k = ts.next()!; o.filter = list(); if (o.filter.length === 0) throw ts.error('expected terms after filter', k.pos); continue; }
    const w = ts.next()!;
    throw ts.error(`unexpected '${w.text}'`, w.pos);
  }
  return {
    name: 'multikv', pos: src.pos,
    create: (): Operator => ({
      push(rows) {
        const out: SplEvent[] = [];
        for (const e of rows) {
          const raw = valuesOf(e._raw)[0];
          const table = raw === undefined ? [] : multikvRows(raw, o);
          if (!o.rmorig || table.length === 0) out.push(e);
          for (const r of table) {
            const base: SplEvent = o.copyattrs ? { ...e } : {};
            if (!o.copyattrs && e._time !== undefined) base._time = e._time;
            out.push({ ...base, ...r.values, _raw: r.line });
          }
        }
        return out;
      },
      flush: () => [],
    }),
    fieldOrder: keepOrder,
  };
}
