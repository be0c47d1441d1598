/** sort: Splunk's automatic ordering, per-field direction, count limit (default 10000), stable. */
import { SplError } from '../errors';
import type { SplEvent } from '../types';
import { compareAuto, compareLex, firstValue, toNumber } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { keepOrder, type Command, type Operator } from './types';

type SortType = 'auto' | 'num' | 'str' | 'ip';
interface SortKey { field: string; desc: boolean; type: SortType }

function ipValue(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/.exec(s);
  return m ? ((+m[1]! * 256 + +m[2]!) * 256 + +m[3]!) * 256 + +m[4]! : undefined;
}

function comparer(type: SortType): (a: string, b: string) => number {
  switch (type) {
    case 'auto': return compareAuto;
    case 'str': return compareLex;
    case 'num': return (a, b) => {
      const x = toNumber(a), y = toNumber(b);
      if (x !== undefined && y !== undefined) return x - y;
      if (x !== undefined) return -1;
      if (y !== undefined) return 1;
      return compareLex(a, b);
    };
    case 'ip': return (a, b) => {
      const x = ipValue(a), y = ipValue(b);
      if (x !== undefined && y !== undefined) return x - y;
      return compareAuto(a, b);
    };
  }
}

export function parseSort(src: CommandSource): Command {
  const ts = tokens(src);
  let limit = 10000;
  const keys: SortKey[] = [];
  let reverse = false;
  const first = ts.peek();
  if (first?.kind === 'word' && /^\d+$/.test(first.text)) { limit = Number(first.text); ts.next(); }
  const lim = ts.option('limit');
  if (lim) { if (!/^\d+$/.test(lim.text)) throw ts.error('limit must be an integer', lim.pos); limit = Number(lim.text); }
  while (!ts.atEnd()) {
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    let text = t.text;
    let desc = false;
    if (text === '-' || text === '+') {
      desc = text === '-';
      const n = ts.next();
      if (!n || (n.kind !== 'word' && n.kind !== 'str')) throw ts.error(`expected a field after '${text}'`, t.pos);
      text = n.text;
    } else if (t.kind === 'word' && (text.startsWith('-') || text.startsWith('+'))) {
      desc = text.startsWith('-');
      text = text.slice(1);
    }
    if (ts.atEnd() && keys.length > 0 && t.kind === 'word' && (text === 'd' || text === 'desc') && !desc) { reverse = true; break; }
    let type: SortType = 'auto';
    if (['auto', 'num', 'str', 'ip'].includes(text.toLowerCase()) && ts.peek()?.kind === '(') {
      type = text.toLowerCase() as SortType;
      ts.next();
      const f = ts.expectValue('a field name');
      if (ts.next()?.kind !== ')') throw ts.error(`expected ')' after '${f.text}'`, f.pos);
      text = f.text;
    }
    keys.push({ field: text, desc, type });
  }
  if (keys.length === 0) throw new SplError("Error in 'sort' command: Expected a field to sort by.", ts.endPos);
  const cmps = keys.map((k) => ({ field: k.field, sign: (k.desc !== reverse ? -1 : 1), cmp: comparer(k.type) }));
  const compare = (a: SplEvent, b: SplEvent): number => {
    for (const { field, sign, cmp } of cmps) {
      const x = firstValue(a[field]), y = firstValue(b[field]);
      // Missing values sort last in either direction.
      if (x === undefined || y === undefined) { if (x !== y) return x === undefined ? 1 : -1; continue; }
      const c = cmp(x, y);
      if (c !== 0) return sign * c;
    }
    return 0;
  };
  return {
    name: 'sort', pos: src.pos,
    create: (): Operator => {
      const buf: SplEvent[] = [];
      return {
        push(rows) { for (const r of rows) buf.push(r); return []; },
        flush() {
          buf.sort(compare); // stable
          return limit > 0 && buf.length > limit ? buf.slice(0, limit) : buf;
        },
      };
    },
    fieldOrder: keepOrder,
  };
}
