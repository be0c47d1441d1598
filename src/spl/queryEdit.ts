/**
 * "Add to query" and "Exclude" from a value in the results: the SPL that keeps (or drops) the rows
 * where a field has that value, and where it goes in the query as written in the editor.
 *
 * Values come from results, so they are attacker-controlled: every value is written inside double
 * quotes with `\` and `"` escaped, and values that no quoting makes safe (line breaks, NUL, a comment
 * mark) are refused with a reason instead of producing a different query than the one asked for.
 */
import { tokenize } from './tokenize';

export interface FieldFilter {
  field: string;
  /** null: rows where the field is absent. A multivalue cell filters on one of its values. */
  value: string | null;
  exclude: boolean;
}

export interface QueryEdit {
  /** Offset in the query text where `insert` goes. */
  offset: number;
  insert: string;
  /** The query text with the edit applied. */
  text: string;
  /** Where it went: the base search (before the first pipe) or a clause at the end. */
  placement: 'base' | 'search' | 'where';
}

export class QueryEditError extends Error {}

/** A field name the search command reads as one (letters, digits, `_ . : - { } @ #`, not starting with a digit or `-`). */
const PLAIN_FIELD = /^[A-Za-z_@#][\w.:{}@#-]*$/;

/**
 * Commands after which the base search may not see a field the results have: they create fields
 * without naming them (stats's `count`, top's `percent`, lookup outputs, transaction's `duration`…).
 */
const FIELD_MAKERS = new Set([
  'stats', 'eventstats', 'streamstats', 'chart', 'timechart', 'top', 'rare', 'transaction', 'lookup', 'inputlookup',
  'iplocation', 'spath', 'extract', 'kv', 'xmlkv', 'fieldsummary', 'contingency', 'geostats', 'tstats', 'datamodel',
  'join', 'append', 'appendcols', 'appendpipe', 'map', 'rest', 'addinfo', 'addtotals', 'bucket', 'bin', 'eval',
  'rename', 'rex', 'makemv', 'mvexpand', 'fillnull', 'foreach', 'multisearch', 'union', 'from', 'mstats', 'untable',
  'xyseries', 'transpose', 'sistats', 'tojson', 'convert', 'fieldformat', 'accum', 'delta', 'autoregress', 'predict', 'trendline',
]);

/** `"value"` as SPL reads a quoted string: backslash and double quote escaped with a backslash. */
export function quoteSplString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function checkValue(value: string): void {
  if (/[\r\n]/.test(value)) throw new QueryEditError('This value has a line break, which a search term cannot hold: filter it in the grid instead.');
  if (value.includes('\0')) throw new QueryEditError('This value holds a NUL character, which a search term cannot hold.');
  if (value.includes('```')) throw new QueryEditError('This value holds ``` (the SPL comment mark), which would turn the rest of the query into a comment.');
}

function checkField(field: string): void {
  if (field === '') throw new QueryEditError('The field has no name.');
  if (/[\r\n\0'\\`]/.test(field)) {
    throw new QueryEditError(`The field name ${JSON.stringify(field.slice(0, 80))} holds a quote, backslash, backtick or line break: no SPL clause can name it safely. Rename it in the query first.`);
  }
}

/**
 * The clause for one filter, and whether it can join the base search. Values with `*` go to `where`:
 * in a search term `*` is always a wildcard, and no escape makes it literal.
 */
export function filterClause(f: FieldFilter): { clause: string; kind: 'term' | 'where' } {
  checkField(f.field);
  if (f.value !== null) checkValue(f.value);
  const plain = PLAIN_FIELD.test(f.field);
  if (f.value === null) {
    // Absent field: `field=*` matches rows that have it.
    if (plain) return { clause: f.exclude ? `${f.field}=*` : `NOT ${f.field}=*`, kind: 'term' };
    const name = `'${f.field}'`;
    return { clause: f.exclude ? `isnotnull(${name})` : `isnull(${name})`, kind: 'where' };
  }
  if (plain && !f.value.includes('*')) {
    const term = `${f.field}=${quoteSplString(f.value)}`;
    return { clause: f.exclude ? `NOT ${term}` : term, kind: 'term' };
  }
  // eval syntax: field names in single quotes, strings in double quotes. `!=` alone would also drop
  // rows without the field (a null comparison is not true), which `NOT field="v"` keeps.
  const name = `'${f.field}'`;
  const value = quoteSplString(f.value);
  return { clause: f.exclude ? `(isnull(${name}) OR ${name}!=${value})` : `${name}=${value}`, kind: 'where' };
}

/**
 * Applies a filter to a query as written in the editor (comments and all; with or without a leading
 * `search`). The term goes at the end of the base search, before the first top-level pipe, when the
 * base search can see the field; otherwise a `| search` (or `| where`) clause goes at the end, where
 * it filters exactly the rows the grid showed.
 */
export function applyFilter(queryText: string, f: FieldFilter): QueryEdit {
  const { clause, kind } = filterClause(f);
  const tokens = tokenize(queryText).filter((t) => t.kind !== 'comment');
  if (tokens.length === 0) throw new QueryEditError('The query is empty.');
  let depth = 0;
  let firstPipe = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'lbracket') depth++;
    else if (t.kind === 'rbracket') depth = Math.max(0, depth - 1);
    else if (t.kind === 'pipe' && depth === 0) {
      firstPipe = i;
      break;
    }
  }
  const generating = tokens[0]!.kind === 'pipe';
  const end = tokens[tokens.length - 1]!.end;
  if (kind === 'term' && !generating && baseSearchSees(queryText, tokens, firstPipe)) {
    const lastBase = firstPipe === -1 ? tokens[tokens.length - 1]! : tokens[firstPipe - 1];
    if (lastBase) {
      const insert = ` ${clause}`;
      return edit(queryText, lastBase.end, insert, 'base');
    }
  }
  const insert = kind === 'term' ? ` | search ${clause}` : ` | where ${clause}`;
  return edit(queryText, end, insert, kind === 'term' ? 'search' : 'where');
}

function edit(text: string, offset: number, insert: string, placement: QueryEdit['placement']): QueryEdit {
  return { offset, insert, text: text.slice(0, offset) + insert + text.slice(offset), placement };
}

/**
 * True when no command after the first pipe makes or renames fields: commands such as `table`,
 * `fields`, `head`, `sort` or `where` pass the base search's fields through, so a term there filters
 * the same rows (and the search reads fewer events).
 */
function baseSearchSees(text: string, tokens: ReturnType<typeof tokenize>, firstPipe: number): boolean {
  if (firstPipe === -1) return true;
  for (let i = firstPipe; i < tokens.length; i++) {
    if (tokens[i]!.kind !== 'pipe') continue;
    const next = tokens[i + 1];
    if (next && next.kind === 'word' && FIELD_MAKERS.has(text.slice(next.start, next.end).toLowerCase())) return false;
  }
  return true;
}
