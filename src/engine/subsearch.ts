/**
 * What a subsearch's results become in the outer search: Splunk's `format` text (`( ( a="1" AND b="2" )
 * OR ( ... ) )`), or the value of a `search` or `query` field when the subsearch made one (`return`,
 * `format`). Values are escaped so a result can never change the outer query's structure.
 */
import type { SplEvent } from './types';
import { valuesOf } from './values';

export interface FormatOptions {
  rowPrefix: string; colPrefix: string; colSep: string; colEnd: string; rowSep: string; rowEnd: string;
  /** Joins the values of a multivalue field (default OR). */
  mvsep: string;
  /** Text for no results (default `NOT ()`, which matches nothing). */
  emptystr: string;
  /** 0 = all. */
  maxresults: number;
}

export const DEFAULT_FORMAT: FormatOptions = { rowPrefix: '(', colPrefix: '(', colSep: 'AND', colEnd: ')', rowSep: 'OR', rowEnd: ')', mvsep: 'OR', emptystr: 'NOT ()', maxresults: 0 };

/** Limits Splunk applies to a subsearch by default (limits.conf [subsearch] maxout and maxtime). */
export const SUBSEARCH_MAX_RESULTS = 10_000;
export const SUBSEARCH_MAX_SECONDS = 60;

export function quoteValue(v: string): string {
  return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** Field names are written bare when safe, quoted otherwise. */
function fieldName(f: string): string {
  return /^[A-Za-z0-9_.:{}@-]+$/.test(f) ? f : quoteValue(f);
}

export function formatResults(rows: SplEvent[], o: FormatOptions = DEFAULT_FORMAT): string {
  const kept = o.maxresults > 0 ? rows.slice(0, o.maxresults) : rows;
  const rowTexts: string[] = [];
  for (const r of kept) {
    const cols: string[] = [];
    for (const f of Object.keys(r).sort()) {
      if (f.startsWith('_')) continue;
      const vals = valuesOf(r[f]);
      if (vals.length === 0) continue;
      const terms = vals.map((v) => `${fieldName(f)}=${quoteValue(v)}`);
      cols.push(terms.length === 1 ? terms[0]! : `( ${terms.join(` ${o.mvsep} `)} )`);
    }
    if (cols.length > 0) rowTexts.push(`${o.colPrefix} ${cols.join(` ${o.colSep} `)} ${o.colEnd}`);
  }
  if (rowTexts.length === 0) return o.emptystr;
  return `${o.rowPrefix} ${rowTexts.join(` ${o.rowSep} `)} ${o.rowEnd}`;
}

/** The text a subsearch contributes to its outer search. */
export function subsearchText(rows: SplEvent[]): string {
  const first = rows[0];
  if (first && (first.search !== undefined || first.query !== undefined)) {
    const parts: string[] = [];
    for (const r of rows) {
      if (r.search !== undefined) parts.push(...valuesOf(r.search));
      else parts.push(...valuesOf(r.query).map(quoteValue));
    }
    return parts.length === 1 ? parts[0]! : parts.map((p) => `( ${p} )`).join(' OR ');
  }
  return formatResults(rows);
}
