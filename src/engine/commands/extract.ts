/**
 * extract (alias kv): key/value pairs from `_raw` as fields. Without delimiters, Splunk's automatic
 * `key=value` and `key="quoted value"` pairs; with `pairdelim`/`kvdelim` (each a set of characters),
 * the text is split into pairs at any pair delimiter and each pair at its first key/value delimiter.
 * `limit` (50) pairs are read from the first `maxchars` (10240) characters; `clean_keys` (true) turns
 * characters other than letters, digits and `_` in a key into `_`. An existing field keeps its value
 * unless `mv_add=true`, which adds the extracted value to it. Named extractions from transforms.conf
 * need a Splunk server.
 */
import { SplError } from '../errors';
import { parseBool, parseInteger, type Token } from '../lexer';
import type { SplEvent } from '../types';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { keepOrder, mapOperator, type Command } from './types';

export interface ExtractOptions {
  pairdelim: string | undefined;
  kvdelim: string | undefined;
  limit: number;
  maxchars: number;
  cleanKeys: boolean;
  mvAdd: boolean;
}

const AUTO_PAIR = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,;"]*))/g;

function unquote(v: string): string {
  const t = v.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** The pairs of a text, in order, at most `limit`. */
export function extractPairs(raw: string, o: ExtractOptions): [string, string][] {
  const text = raw.slice(0, o.maxchars);
  const out: [string, string][] = [];
  if (o.pairdelim === undefined && o.kvdelim === undefined) {
    for (const m of text.matchAll(AUTO_PAIR)) {
      if (out.length >= o.limit) break;
      out.push([m[1]!, m[2] !== undefined ? m[2].replace(/\\(["\\])/g, '$1') : m[3]!]);
    }
    return out;
  }
  const pairSet = new Set(o.pairdelim ?? ' \t\n,;');
  const kvSet = new Set(o.kvdelim ?? '=');
  let start = 0;
  const pairs: string[] = [];
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || pairSet.has(text[i]!)) { pairs.push(text.slice(start, i)); start = i + 1; }
  }
  for (const p of pairs) {
    if (out.length >= o.limit) break;
    let k = -1;
    for (let i = 0; i < p.length; i++) if (kvSet.has(p[i]!)) { k = i; break; }
    if (k <= 0) continue;
    const key = p.slice(0, k).trim();
    if (key === '') continue;
    out.push([unquote(key), unquote(p.slice(k + 1))]);
  }
  return out;
}

export function cleanKey(k: string): string {
  return k.replace(/[^A-Za-z0-9_]/g, '_');
}

export function parseExtract(src: CommandSource): Command {
  const ts = tokens(src);
  const o: ExtractOptions = { pairdelim: undefined, kvdelim: undefined, limit: 50, maxchars: 10240, cleanKeys: true, mvAdd: false };
  while (!ts.atEnd()) {
    let t: Token | undefined;
    if (ts.peek()?.kind === ',') { ts.next(); continue; }
    if ((t = ts.option('pairdelim'))) { o.pairdelim = t.text; continue; }
    if ((t = ts.option('kvdelim'))) { o.kvdelim = t.text; continue; }
    if ((t = ts.option('limit'))) { o.limit = parseInteger(t, ts, 'limit'); continue; }
    if ((t = ts.option('maxchars'))) { o.maxchars = parseInteger(t, ts, 'maxchars'); continue; }
    if ((t = ts.option('clean_keys'))) { o.cleanKeys = parseBool(t, ts); continue; }
    if ((t = ts.option('mv_add'))) { o.mvAdd = parseBool(t, ts); continue; }
    if ((t = ts.option('auto')) || (t = ts.option('reload')) || (t = ts.option('segment'))) { parseBool(t, ts); continue; }
    const w = ts.next()!;
    if (ts.peek()?.kind === '=') throw ts.error(`unknown option '${w.text}'`, w.pos);
    throw new SplError(`Error in '${src.name}' command: the extraction '${w.text}' is defined in transforms.conf, which needs a Splunk server; the local engine extracts key/value pairs with pairdelim and kvdelim.`, w.pos);
  }
  return {
    name: src.name, pos: src.pos,
    create: () => mapOperator((e) => {
      const raw = valuesOf(e._raw)[0];
      if (raw === undefined) return e;
      const pairs = extractPairs(raw, o);
      if (pairs.length === 0) return e;
      const out: SplEvent = { ...e };
      const added = new Set<string>();
      for (const [k, v] of pairs) {
        const key = o.cleanKeys ? cleanKey(k) : k;
        const had = out[key];
        if (had === undefined || added.has(key)) {
          // A key repeated in the same event gathers its values, as Splunk's extraction does.
          out[key] = had === undefined ? v : [...valuesOf(had), v];
          added.add(key);
        } else if (o.mvAdd) {
          out[key] = [...valuesOf(had), v];
        }
      }
      return out;
    }),
    fieldOrder: keepOrder,
  };
}
