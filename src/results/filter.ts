/**
 * Row filters over the store: a text (or regex) search across the visible columns, per-column text
 * matches, and include/exclude of exact values. Matching is by any value of a multivalue cell.
 */
import type { Cell } from '../shared/cell';
import type { FilterSpec, TextMatch, ValueMatch } from '../shared/protocol';
import { inTimeRange, parseEventTime } from './timeline';

/** Above this a user regex is refused: it runs over every cell on the extension host. */
export const MAX_PATTERN_LENGTH = 1000;

export type StringTest = (s: string) => boolean;

export interface CompiledMatch {
  test: StringTest;
  /** Set when a regex was invalid and the text was matched literally instead. */
  error?: string;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function compileMatch(m: TextMatch): CompiledMatch {
  const text = m.text;
  if (m.regex) {
    if (text.length > MAX_PATTERN_LENGTH) {
      return { ...compileMatch({ text, caseSensitive: m.caseSensitive }), error: `Pattern longer than ${MAX_PATTERN_LENGTH} characters; matched as text.` };
    }
    try {
      // No g/y flag: test() must not keep state between cells.
      const re = new RegExp(text, m.caseSensitive ? '' : 'i');
      return { test: (s) => re.test(s) };
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return { ...compileMatch({ text, caseSensitive: m.caseSensitive }), error: `Invalid regular expression (${reason}); matched as text.` };
    }
  }
  if (m.caseSensitive) return { test: (s) => s.includes(text) };
  // A case-insensitive literal regex is faster here than lower-casing every cell.
  const re = new RegExp(escapeRegExp(text), 'i');
  return { test: (s) => re.test(s) };
}

export function cellMatches(cell: Cell, test: StringTest): boolean {
  if (cell === null) return false;
  if (typeof cell === 'string') return test(cell);
  for (const v of cell) if (test(v)) return true;
  return false;
}

/** Exact-value membership: equal strings; a multivalue cell holds the value if any element equals it. */
export function cellHolds(cell: Cell, value: Cell): boolean {
  if (value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return cell === null || cell === '' || (Array.isArray(cell) && cell.length === 0);
  }
  if (Array.isArray(value)) {
    if (!Array.isArray(cell) || cell.length !== value.length) return false;
    return cell.every((v, i) => v === value[i]);
  }
  if (cell === null) return false;
  if (typeof cell === 'string') return cell === value;
  return cell.includes(value);
}

/**
 * Regex results computed off the host's thread (see regexWorker.ts), by regexKey: per store row, 1 if
 * it matched; `too-slow` with the reason when the evaluation was stopped. Rows past the end of the
 * array have not been evaluated yet and do not pass.
 */
export type RegexLookup = (key: string) => Uint8Array | { tooSlow: string } | undefined;

/** One regex evaluation a filter needs: this pattern over these columns. */
export interface RegexJob { key: string; pattern: string; flags: string; columns: string[] }

export function regexKey(m: TextMatch, columns: readonly string[]): string {
  return JSON.stringify([m.text, !!m.caseSensitive, columns]);
}

/** The valid regexes in a spec (invalid ones are matched as text and need no worker). */
export function regexJobs(spec: FilterSpec, searchColumns: readonly string[]): RegexJob[] {
  const out: RegexJob[] = [];
  const add = (m: TextMatch, columns: string[]) => {
    if (!m.regex || m.text === '' || compileMatch(m).error) return;
    out.push({ key: regexKey(m, columns), pattern: m.text, flags: m.caseSensitive ? '' : 'i', columns });
  };
  for (const [col, m] of Object.entries(spec.perColumn ?? {})) add(m, [col]);
  if (spec.text) add({ text: spec.text, regex: spec.regex, caseSensitive: spec.caseSensitive }, [...searchColumns]);
  return out;
}

export interface RowFilter {
  /** True when the row passes. */
  pass(row: number): boolean;
  /** True when the filter passes every row (nothing to do). */
  empty: boolean;
  errors: string[];
}

/**
 * Builds a row predicate. `columnValues` resolves a column name to its values (undefined when the
 * column does not exist: a per-column match on it then passes nothing, an include nothing, an exclude
 * everything). `searchColumns` are the columns the free-text search looks at.
 */
export function compileFilter(
  spec: FilterSpec,
  columnValues: (name: string) => readonly Cell[] | undefined,
  searchColumns: readonly string[],
  regex?: RegexLookup,
): RowFilter {
  const errors: string[] = [];
  const checks: ((row: number) => boolean)[] = [];
  /** With a lookup, a valid regex is read from the worker's results, never run here. */
  const offThread = (m: TextMatch, columns: readonly string[], label: string): ((row: number) => boolean) | undefined => {
    if (!regex || !m.regex || compileMatch(m).error) return undefined;
    const res = regex(regexKey(m, columns));
    if (res === undefined) return () => false;
    if (res instanceof Uint8Array) return (r) => res[r] === 1;
    errors.push(label + res.tooSlow);
    const literal = compileMatch({ text: m.text, caseSensitive: m.caseSensitive });
    const values = columns.map(columnValues).filter((v): v is readonly Cell[] => v !== undefined);
    return (r) => values.some((v) => cellMatches(v[r] ?? null, literal.test));
  };
  for (const v of spec.include ?? []) checks.push(valueCheck(v, columnValues, true));
  for (const v of spec.exclude ?? []) checks.push(valueCheck(v, columnValues, false));
  if (spec.timeRange) {
    const { earliestMs, latestMs } = spec.timeRange;
    const times = columnValues('_time');
    checks.push(times ? (r) => inTimeRange(parseEventTime(times[r]), earliestMs, latestMs) : () => false);
  }
  for (const [col, m] of Object.entries(spec.perColumn ?? {})) {
    if (m.text === '') continue;
    const viaWorker = offThread(m, [col], `${col}: `);
    if (viaWorker) { checks.push(viaWorker); continue; }
    const c = compileMatch(m);
    if (c.error) errors.push(`${col}: ${c.error}`);
    const values = columnValues(col);
    checks.push(values ? (r) => cellMatches(values[r] ?? null, c.test) : () => false);
  }
  const textMatch = spec.text ? { text: spec.text, regex: spec.regex, caseSensitive: spec.caseSensitive } : undefined;
  const textViaWorker = textMatch && offThread(textMatch, searchColumns, '');
  if (textViaWorker) checks.push(textViaWorker);
  else if (spec.text) {
    const c = compileMatch({ text: spec.text, regex: spec.regex, caseSensitive: spec.caseSensitive });
    if (c.error) errors.push(c.error);
    const cols = searchColumns.map(columnValues).filter((v): v is readonly Cell[] => v !== undefined);
    checks.push((r) => {
      for (const values of cols) if (cellMatches(values[r] ?? null, c.test)) return true;
      return false;
    });
  }
  return {
    empty: checks.length === 0,
    errors,
    pass: (r) => {
      for (const check of checks) if (!check(r)) return false;
      return true;
    },
  };
}

function valueCheck(v: ValueMatch, columnValues: (name: string) => readonly Cell[] | undefined, include: boolean): (row: number) => boolean {
  const values = columnValues(v.column);
  if (!values) return () => !include;
  return (r) => cellHolds(values[r] ?? null, v.value) === include;
}
