/** convert: Splunk's conversion functions over (wildcarded) fields, in place or `AS` a new field. */
import { strftime, strptime } from '../time';
import type { FieldValue, SplEvent } from '../types';
import { fieldNameMatcher, formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { appendFields, mapOperator, type Command } from './types';

type Converter = (v: string, timeformat: string) => string | undefined;

const UNITS: Record<string, number> = { k: 1, m: 1024, g: 1024 * 1024 };

/** Converters return undefined for a value they cannot convert. */
const CONVERTERS: Record<string, Converter> = {
  ctime: (v, f) => { const n = toNumber(v); return n === undefined ? undefined : strftime(n, f); },
  mktime: (v, f) => { const n = strptime(v, f); return n === undefined ? undefined : formatNumber(n); },
  // [D+]HH:MM:SS
  dur2sec: (v) => {
    const m = /^\s*(?:(\d+)\+)?(\d+):(\d+):(\d+(?:\.\d+)?)\s*$/.exec(v);
    return m ? formatNumber(Number(m[1] ?? 0) * 86400 + Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4])) : undefined;
  },
  // [MM:]SS.SSS
  mstime: (v) => {
    const m = /^\s*(?:(\d+):)?(\d+(?:\.\d+)?)\s*$/.exec(v);
    return m ? formatNumber(Number(m[1] ?? 0) * 60 + Number(m[2])) : undefined;
  },
  // A number with an optional k, m or g suffix, in kilobytes.
  memk: (v) => {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([kmgKMG])?\s*$/.exec(v);
    return m ? formatNumber(Number(m[1]) * UNITS[(m[2] ?? 'k').toLowerCase()]!) : undefined;
  },
  rmcomma: (v) => v.replace(/,/g, ''),
  // The leading number, without its unit ("10km" is 10).
  rmunit: (v) => { const m = /^\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(v); return m ? formatNumber(Number(m[1])) : undefined; },
  num: (v) => autoNumber(v),
  auto: (v) => autoNumber(v),
  none: (v) => v,
};

function autoNumber(v: string): string | undefined {
  const direct = toNumber(v.replace(/,/g, ''));
  if (direct !== undefined) return formatNumber(direct);
  return CONVERTERS.memk!(v, '') ?? CONVERTERS.dur2sec!(v, '');
}

interface Conversion { func: string; field: string; as: string | undefined }

export function parseConvert(src: CommandSource): Command {
  const ts = tokens(src);
  let timeformat = '%m/%d/%Y %H:%M:%S';
  const conversions: Conversion[] = [];
  while (!ts.atEnd()) {
    const tf = ts.option('timeformat');
    if (tf) { timeformat = tf.text; continue; }
    const t = ts.next()!;
    if (t.kind === ',') continue;
    const func = t.text.toLowerCase();
    if (t.kind !== 'word' || !(func in CONVERTERS)) throw ts.error(`unknown conversion '${t.text}'; expected one of ${Object.keys(CONVERTERS).join(', ')}`, t.pos);
    if (ts.next()?.kind !== '(') throw ts.error(`expected '(' after ${func}`, t.pos);
    const f = ts.expectValue(`a field name in ${func}()`);
    if (ts.next()?.kind !== ')') throw ts.error(`expected ')' after ${func}(${f.text}`, f.pos);
    let as: string | undefined;
    if (ts.isKeyword('as')) { ts.next(); as = ts.expectValue('a field name after AS').text; }
    conversions.push({ func, field: f.text, as });
  }
  if (conversions.length === 0) throw ts.error('expected a conversion such as ctime(field)', ts.endPos);
  // `none(field)` exempts fields from wildcard conversions listed with it.
  const exempt = conversions.filter((c) => c.func === 'none').map((c) => fieldNameMatcher(c.field));
  const active = conversions.filter((c) => c.func !== 'none');
  const convertValue = (v: FieldValue, c: Conversion): FieldValue | undefined => {
    const f = CONVERTERS[c.func]!;
    const vals = valuesOf(v);
    const out: string[] = [];
    for (const x of vals) {
      const r = f(x, timeformat);
      if (r !== undefined) out.push(r);
      // auto keeps what it cannot convert; num drops it; the others leave the value as it was.
      else if (c.func !== 'num') out.push(x);
    }
    return out.length === 0 ? undefined : typeof v === 'string' ? out[0]! : out;
  };
  return {
    name: 'convert', pos: src.pos,
    create: () => mapOperator((e) => {
      const out: SplEvent = { ...e };
      for (const c of active) {
        const names = c.field.includes('*') ? Object.keys(e).filter(fieldNameMatcher(c.field)) : [c.field];
        for (const n of names) {
          if (exempt.some((m) => m(n))) continue;
          const v = e[n];
          if (v === undefined) continue;
          const r = convertValue(v, c);
          const target = c.as ?? n;
          if (r === undefined) delete out[target]; else out[target] = r;
        }
      }
      return out;
    }),
    fieldOrder: (prev) => appendFields(prev, active.flatMap((c) => (c.as ? [c.as] : []))),
  };
}
