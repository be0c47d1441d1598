/**
 * iplocation: the local engine ships no geolocation database (a current one is tens of megabytes and
 * goes stale), so it adds the fields Splunk adds (City, Country, Region, lat, lon; with allfields=true
 * also Continent, MetroCode, Timezone) empty, with one warning per run. The search still runs.
 */
import { parseBool } from '../lexer';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { appendFields, mapOperator, type Command } from './types';

export function parseIplocation(src: CommandSource): Command {
  const ts = tokens(src);
  let prefix = '', all = false, field: string | undefined;
  while (!ts.atEnd()) {
    let t;
    if ((t = ts.option('prefix'))) { prefix = t.text; continue; }
    if ((t = ts.option('allfields'))) { all = parseBool(t, ts); continue; }
    if (ts.option('lang')) continue;
    const w = ts.next()!;
    if ((w.kind !== 'word' && w.kind !== 'str') || field) throw ts.error(`unexpected '${w.text}'`, w.pos);
    field = w.text;
  }
  if (!field) throw ts.error('expected the field that holds the IP address', ts.endPos);
  const ip = field;
  const names = ['City', 'Country', 'Region', 'lat', 'lon', ...(all ? ['Continent', 'MetroCode', 'Timezone'] : [])].map((n) => prefix + n);
  return {
    name: 'iplocation', pos: src.pos,
    create: (ctx) => {
      let warned = false;
      return mapOperator((e) => {
        if (valuesOf(e[ip]).length === 0) return e;
        if (!warned) { warned = true; ctx.warn('iplocation: the local engine has no geolocation database; City, Country, Region, lat and lon are empty.'); }
        const out = { ...e };
        for (const n of names) out[n] ??= '';
        return out;
      });
    },
    fieldOrder: (prev) => appendFields(prev, names),
  };
}
