/**
 * The `search` command's expression language: terms, phrases, field comparisons, IN, boolean operators
 * with Splunk's search precedence (NOT, then OR, then AND), and time modifiers.
 */
import { SplError } from './errors';
import { unescapeQuoted } from './lexer';
import { parseRelativeTime } from './time';
import type { SplEvent } from './types';
import { escapeRegex, toNumber, valueMatcher, valuesOf, compareLex } from './values';

export type CompareOp = '=' | '!=' | '<' | '>' | '<=' | '>=';

export type SearchNode =
  | { type: 'and'; items: SearchNode[] }
  | { type: 'or'; items: SearchNode[] }
  | { type: 'not'; item: SearchNode }
  | { type: 'term'; pattern: string; pos: number }
  | { type: 'cmp'; field: string; op: CompareOp; value: string; pos: number }
  | { type: 'in'; field: string; values: string[]; pos: number }
  | { type: 'all' };

export interface SearchExpr {
  node: SearchNode;
  earliest?: string;
  latest?: string;
}

interface SToken {
  kind: 'term' | '(' | ')';
  raw: string;
  pos: number;
}

function lex(text: string, offset: number): SToken[] {
  const out: SToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push({ kind: c, raw: c, pos: offset + i }); i++; continue; }
    const start = i;
    while (i < text.length) {
      const d = text[i]!;
      if (d === '"') {
        i++;
        while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
        i++;
        continue;
      }
      if (/\s/.test(d) || d === '(' || d === ')') break;
      i++;
    }
    out.push({ kind: 'term', raw: text.slice(start, i), pos: offset + start });
  }
  return joinSpacedComparisons(out);
}

const OPERATOR_ONLY = /^(?:!=|<=|>=|=|<|>)$/;
const ENDS_WITH_OPERATOR = /^[^"=<>!]+(?:!=|<=|>=|=|<|>)$/;
const STARTS_WITH_OPERATOR = /^(?:!=|<=|>=|=|<|>)[^=<>]/;

/** Splunk reads `field = value`, `field= value` and `field =value` as `field=value`. */
function joinSpacedComparisons(toks: SToken[]): SToken[] {
  const out: SToken[] = [];
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k]!, next = toks[k + 1], after = toks[k + 2];
    const isWord = (x: SToken | undefined): x is SToken => x?.kind === 'term' && !OPERATOR_ONLY.test(x.raw) && !['AND', 'OR', 'NOT'].includes(x.raw);
    if (isWord(t) && !t.raw.startsWith('"')) {
      if (next?.kind === 'term' && OPERATOR_ONLY.test(next.raw) && isWord(after)) {
        out.push({ kind: 'term', raw: t.raw + next.raw + after.raw, pos: t.pos }); k += 2; continue;
      }
      if (ENDS_WITH_OPERATOR.test(t.raw) && isWord(next)) {
        out.push({ kind: 'term', raw: t.raw + next.raw, pos: t.pos }); k += 1; continue;
      }
      if (!/[=<>]/.test(t.raw) && next?.kind === 'term' && STARTS_WITH_OPERATOR.test(next.raw)) {
        out.push({ kind: 'term', raw: t.raw + next.raw, pos: t.pos }); k += 1; continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** Text of a term with quotes removed and escapes applied; `*` stays a wildcard even inside quotes. */
function unquote(raw: string): string {
  let out = '';
  let i = 0;
  while (i < raw.length) {
    if (raw[i] === '"') {
      let j = i + 1;
      while (j < raw.length && raw[j] !== '"') j += raw[j] === '\\' ? 2 : 1;
      out += unescapeQuoted(raw.slice(i + 1, j));
      i = j + 1;
    } else {
      let j = i;
      while (j < raw.length && raw[j] !== '"') j++;
      out += unescapeQuoted(raw.slice(i, j));
      i = j;
    }
  }
  return out;
}

const OPS: CompareOp[] = ['!=', '<=', '>=', '=', '<', '>'];

/** Splits `field<op>value` at the first operator outside quotes; undefined for a plain term. */
function splitComparison(raw: string): { field: string; op: CompareOp; value: string } | undefined {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '"') return undefined;
    if (c === '=' || c === '<' || c === '>' || c === '!') {
      const op = OPS.find((o) => raw.startsWith(o, i));
      if (!op || i === 0) return undefined;
      return { field: raw.slice(0, i), op, value: raw.slice(i + op.length) };
    }
  }
  return undefined;
}

class SearchParser {
  private i = 0;
  earliest: string | undefined;
  latest: string | undefined;

  constructor(private readonly toks: SToken[], private readonly endPos: number) {}

  parse(): SearchNode {
    if (this.toks.length === 0) return { type: 'all' };
    const n = this.parseAnd();
    const t = this.toks[this.i];
    if (t) throw new SplError(t.kind === ')' ? 'Unbalanced parentheses.' : `Unexpected '${t.raw}'.`, t.pos);
    return n;
  }

  private peekOp(word: string): boolean {
    const t = this.toks[this.i];
    return t?.kind === 'term' && t.raw === word;
  }

  private parseAnd(): SearchNode {
    const items: SearchNode[] = [];
    for (;;) {
      const t = this.toks[this.i];
      if (!t || t.kind === ')') break;
      if (this.peekOp('AND')) {
        if (items.length === 0) throw new SplError("Missing term before 'AND'.", t.pos);
        this.i++;
        if (!this.toks[this.i] || this.toks[this.i]!.kind === ')') throw new SplError("Missing term after 'AND'.", t.pos);
        continue;
      }
      if (this.peekOp('OR')) throw new SplError("Missing term before 'OR'.", t.pos);
      const n = this.parseOr();
      if (n) items.push(n);
    }
    if (items.length === 0) return { type: 'all' };
    return items.length === 1 ? items[0]! : { type: 'and', items };
  }

  private parseOr(): SearchNode | undefined {
    const first = this.parseNot();
    const items = first ? [first] : [];
    while (this.peekOp('OR')) {
      const pos = this.toks[this.i]!.pos;
      this.i++;
      const n = this.parseNot();
      if (!n) {
        if (!this.toks[this.i] || this.toks[this.i]!.kind === ')') throw new SplError("Missing term after 'OR'.", pos);
        continue;
      }
      items.push(n);
    }
    if (items.length === 0) return undefined;
    return items.length === 1 ? items[0]! : { type: 'or', items };
  }

  private parseNot(): SearchNode | undefined {
    if (this.peekOp('NOT')) {
      const pos = this.toks[this.i]!.pos;
      this.i++;
      const n = this.parseNot();
      if (!n) throw new SplError("Missing term after 'NOT'.", pos);
      return { type: 'not', item: n };
    }
    return this.parsePrimary();
  }

  /** Returns undefined for time modifiers, which apply to the whole search rather than filtering here. */
  private parsePrimary(): SearchNode | undefined {
    const t = this.toks[this.i];
    if (!t) throw new SplError('Missing search term.', this.endPos);
    if (t.kind === '(') {
      this.i++;
      const n = this.parseAnd();
      const close = this.toks[this.i];
      if (!close || close.kind !== ')') throw new SplError('Unbalanced parentheses.', t.pos);
      this.i++;
      return n;
    }
    if (t.kind === ')') throw new SplError('Unbalanced parentheses.', t.pos);
    this.i++;
    const next = this.toks[this.i];
    if (next?.kind === 'term' && (next.raw === 'IN' || next.raw === 'in') && this.toks[this.i + 1]?.kind === '(' && !splitComparison(t.raw)) {
      return this.parseIn(t);
    }
    const cmp = splitComparison(t.raw);
    if (!cmp) {
      const pattern = unquote(t.raw);
      return pattern === '*' ? { type: 'all' } : { type: 'term', pattern, pos: t.pos };
    }
    const field = cmp.field;
    const value = unquote(cmp.value);
    const lower = field.toLowerCase();
    if (lower === 'earliest' || lower === 'latest') {
      if (cmp.op !== '=') throw new SplError(`Invalid time modifier '${t.raw}'.`, t.pos);
      try { parseRelativeTime(value, Date.now()); } catch (e) { throw new SplError((e as Error).message, t.pos); }
      if (lower === 'earliest') this.earliest = value; else this.latest = value;
      return undefined;
    }
    return { type: 'cmp', field, op: cmp.op, value, pos: t.pos };
  }

  private parseIn(fieldTok: SToken): SearchNode {
    this.i += 2; // IN (
    const values: string[] = [];
    for (;;) {
      const t = this.toks[this.i];
      if (!t) throw new SplError('Unbalanced parentheses.', fieldTok.pos);
      this.i++;
      if (t.kind === ')') break;
      if (t.kind === '(') throw new SplError(`Unexpected '(' in IN list.`, t.pos);
      for (const part of splitOutsideQuotes(t.raw, ',')) if (part !== '') values.push(unquote(part));
    }
    if (values.length === 0) throw new SplError('The IN list is empty.', fieldTok.pos);
    return { type: 'in', field: unquote(fieldTok.raw), values, pos: fieldTok.pos };
  }
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '', q = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && q) { cur += c + (s[i + 1] ?? ''); i++; continue; }
    if (c === '"') q = !q;
    if (c === sep && !q) { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}

export function parseSearchExpression(text: string, offset: number): SearchExpr {
  const p = new SearchParser(lex(text, offset), offset + text.length);
  const node = p.parse();
  const out: SearchExpr = { node };
  if (p.earliest !== undefined) out.earliest = p.earliest;
  if (p.latest !== undefined) out.latest = p.latest;
  return out;
}

export type EventPredicate = (e: SplEvent) => boolean;

/** Numbers compare with numbers, strings with strings (lexically); a number never compares with a string. */
function compareValues(a: string, b: string): number | undefined {
  const na = toNumber(a), nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  if (na !== undefined || nb !== undefined) return undefined;
  return compareLex(a.toLowerCase(), b.toLowerCase());
}

function termMatcher(pattern: string): EventPredicate {
  // Bare terms match the raw text anywhere (a substring test, more lenient than Splunk's indexed terms).
  const pieces = pattern.split('*').filter((p) => p !== '');
  const re = new RegExp(pieces.map(escapeRegex).join('.*'), 'is');
  return (e) => {
    const raw = e._raw;
    if (raw !== undefined) return valuesOf(raw).some((v) => re.test(v));
    // Without _raw (in-memory events), any field value may hold the term.
    for (const k in e) if (valuesOf(e[k]).some((v) => re.test(v))) return true;
    return false;
  };
}

export function compileSearch(node: SearchNode): EventPredicate {
  switch (node.type) {
    case 'all': return () => true;
    case 'and': {
      const fs = node.items.map(compileSearch);
      if (fs.length === 2) { const [a, b] = fs as [EventPredicate, EventPredicate]; return (e) => a(e) && b(e); }
      return (e) => { for (const f of fs) if (!f(e)) return false; return true; };
    }
    case 'or': {
      const fs = node.items.map(compileSearch);
      return (e) => { for (const f of fs) if (f(e)) return true; return false; };
    }
    case 'not': { const f = compileSearch(node.item); return (e) => !f(e); }
    case 'term': return termMatcher(node.pattern);
    case 'in': {
      const ms = node.values.map(valueMatcher);
      const field = node.field;
      return (e) => {
        const v = e[field];
        if (v === undefined) return false;
        if (typeof v === 'string') return ms.some((m) => m(v));
        return v.some((x) => ms.some((m) => m(x)));
      };
    }
    case 'cmp': {
      const { field, op, value } = node;
      if (op === '=' || op === '!=') {
        const m = valueMatcher(value);
        const any = (v: string | string[]): boolean => (typeof v === 'string' ? m(v) : v.some(m));
        if (op === '=') return (e) => { const v = e[field]; return v !== undefined && any(v); };
        return (e) => { const v = e[field]; return v !== undefined && !any(v); };
      }
      const test = (c: number | undefined): boolean => c !== undefined && (op === '<' ? c < 0 : op === '>' ? c > 0 : op === '<=' ? c <= 0 : c >= 0);
      return (e) => valuesOf(e[field]).some((v) => test(compareValues(v, value)));
    }
  }
}

// Characters no common JSON writer escapes, so their presence in the value implies their presence in the line.
const PREFILTER_SAFE = /^[A-Za-z0-9 _.:,;!?#$%@^()[\]{}|~-]+$/;
const NUMBER_CHARS = /^[0-9.eE+-]+$/;

/**
 * Literal pieces (lower case) that every matching event's raw JSON line must contain, for the source to
 * skip lines before parsing them. Only pieces a JSON encoder writes verbatim, and never for fields the
 * source derives itself, so a matching event can never be dropped.
 */
export function requiredLiterals(node: SearchNode, synthesized: ReadonlySet<string>): string[] {
  const pieces = (pattern: string): string[] =>
    pattern.split('*').filter((p) => p.length >= 2 && PREFILTER_SAFE.test(p) && !NUMBER_CHARS.test(p)).map((p) => p.toLowerCase());
  switch (node.type) {
    case 'and': return node.items.flatMap((n) => requiredLiterals(n, synthesized));
    case 'term': return pieces(node.pattern);
    case 'cmp':
      if (node.op !== '=' || synthesized.has(node.field) || node.field.startsWith('_')) return [];
      return pieces(node.value);
    default: return [];
  }
}

/** Keeps events with earliest <= _time < latest (epoch seconds); undefined when there is no bound. */
export function timeRangeFilter(earliest: number | undefined, latest: number | undefined): ((e: SplEvent) => boolean) | undefined {
  if (earliest === undefined && latest === undefined) return undefined;
  const lo = earliest ?? -Infinity, hi = latest ?? Infinity;
  return (e) => {
    const v = e._time;
    const t = typeof v === 'string' ? toNumber(v) : undefined;
    // latest is exclusive, as in Splunk.
    return t !== undefined && t >= lo && t < hi;
  };
}
