/** Streaming commands: search, where, eval, fields, table, head, tail, rename, regex, makemv, mvexpand, fillnull, dedup. */
import { SplError } from '../errors';
import { compileEval, parseEvalExpression, toFieldValue, type EvalNode } from '../evalExpr';
import { isTrue } from '../evalValue';
import { parseBool, parseInteger, tokenizeArgs, TokenStream, type Token } from '../lexer';
import { compilePcre } from '../regex';
import { compileSearch, parseSearchExpression, timeRangeFilter, type SearchExpr } from '../search';
import { parseRelativeTime } from '../time';
import type { FieldValue, SplEvent } from '../types';
import { fieldNameMatcher, valuesOf, wildcardRegex } from '../values';
import { appendFields, filterOperator, keepOrder, mapOperator, type Command, type FieldOrder, type Operator } from './types';

export interface CommandSource {
  name: string;
  pos: number;
  /** Arguments after the command name. */
  args: string;
  argsPos: number;
}

export function tokens(src: CommandSource): TokenStream {
  return new TokenStream(tokenizeArgs(src.args, src.argsPos), src.argsPos + src.args.length, src.name);
}

// ---------------------------------------------------------------- search

export interface SearchCommand extends Command {
  readonly expr: SearchExpr;
}

export function parseSearch(src: CommandSource): SearchCommand {
  const expr = parseSearchExpression(src.args, src.argsPos);
  return {
    name: 'search', pos: src.pos, expr,
    // The leading search's time bounds are applied by the executor (they combine with the job's range);
    // a later `search` applies its own.
    create: (ctx) => {
      const pred = compileSearch(expr.node);
      const range = timeRangeFilter(
        expr.earliest !== undefined ? parseRelativeTime(expr.earliest, ctx.nowMs) : undefined,
        expr.latest !== undefined ? parseRelativeTime(expr.latest, ctx.nowMs) : undefined,
      );
      return filterOperator(range ? (e) => range(e) && pred(e) : pred);
    },
    fieldOrder: keepOrder,
  };
}

// ---------------------------------------------------------------- where / eval

export function parseWhere(src: CommandSource): Command {
  if (src.args.trim() === '') throw new SplError("Error in 'where' command: The expression is missing.", src.pos);
  const node = parseEvalExpression(src.args, src.argsPos);
  return {
    name: 'where', pos: src.pos,
    create: (ctx) => { const f = compileEval(node, ctx); return filterOperator((e) => isTrue(f(e))); },
    fieldOrder: keepOrder,
  };
}

/** Splits at commas outside quotes and parentheses, keeping offsets. */
function splitTopLevel(text: string, offset: number): { text: string; pos: number }[] {
  const out: { text: string; pos: number }[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
    } else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) { out.push({ text: text.slice(start, i), pos: offset + start }); start = i + 1; }
  }
  out.push({ text: text.slice(start), pos: offset + start });
  return out;
}

export function parseEval(src: CommandSource): Command {
  const assignments: { field: string; node: EvalNode }[] = [];
  for (const part of splitTopLevel(src.args, src.argsPos)) {
    const m = /^(\s*)(?:"([^"]+)"|'([^']+)'|([^\s=!<>"']+))\s*=(?!=)/.exec(part.text);
    if (!m) {
      const at = part.pos + (part.text.length - part.text.trimStart().length);
      throw new SplError(`Error in 'eval' command: The arguments are invalid; expected <field>=<expression>.`, at);
    }
    const field = m[2] ?? m[3] ?? m[4]!;
    const exprText = part.text.slice(m[0].length);
    if (exprText.trim() === '') throw new SplError(`Error in 'eval' command: The expression for '${field}' is missing.`, part.pos + m[0].length);
    assignments.push({ field, node: parseEvalExpression(exprText, part.pos + m[0].length) });
  }
  return {
    name: 'eval', pos: src.pos,
    create: (ctx) => {
      const compiled = assignments.map((a) => ({ field: a.field, f: compileEval(a.node, ctx) }));
      return mapOperator((e) => {
        const out = { ...e };
        // Later assignments see earlier ones, as in Splunk.
        for (const { field, f } of compiled) {
          const v = toFieldValue(f(out));
          if (v === null) delete out[field]; else out[field] = v;
        }
        return out;
      });
    },
    fieldOrder: (prev) => appendFields(prev, assignments.map((a) => a.field)),
  };
}

// ---------------------------------------------------------------- fields / table

/** Field names separated by spaces and/or commas. */
function fieldList(ts: TokenStream, stopWords: string[] = []): Token[] {
  const out: Token[] = [];
  while (!ts.atEnd()) {
    const t = ts.peek()!;
    if (t.kind === ',') { ts.next(); continue; }
    if (t.kind === 'word' && stopWords.includes(t.text.toLowerCase())) break;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    ts.next();
    out.push(ts.nameWithParens(t));
  }
  return out;
}

function project(names: string[], keepInternal: boolean): (e: SplEvent) => SplEvent {
  const exact = names.filter((n) => !n.includes('*'));
  const patterns = names.filter((n) => n.includes('*')).map(fieldNameMatcher);
  return (e) => {
    const out: SplEvent = {};
    if (patterns.length === 0 && !keepInternal) {
      for (const n of exact) { const v = e[n]; if (v !== undefined) out[n] = v; }
      return out;
    }
    for (const k in e) {
      if ((keepInternal && k.startsWith('_')) || exact.includes(k) || patterns.some((p) => p(k))) out[k] = e[k]!;
    }
    return out;
  };
}

export function parseFields(src: CommandSource): Command {
  const ts = tokens(src);
  let mode: '+' | '-' = '+';
  const first = ts.peek();
  if (first?.kind === 'word' && (first.text === '+' || first.text === '-')) { mode = first.text; ts.next(); }
  else if (first?.kind === 'word' && /^[+-]./.test(first.text)) {
    mode = first.text[0] as '+' | '-';
    first.text = first.text.slice(1);
  }
  const names = fieldList(ts).map((t) => t.text);
  if (names.length === 0) throw new SplError("Error in 'fields' command: Expected a list of fields.", ts.endPos);
  if (mode === '-') {
    const ms = names.map(fieldNameMatcher);
    const drop = (k: string): boolean => ms.some((m) => m(k));
    return {
      name: 'fields', pos: src.pos,
      create: () => mapOperator((e) => { const out: SplEvent = {}; for (const k in e) if (!drop(k)) out[k] = e[k]!; return out; }),
      fieldOrder: (prev) => (prev.kind === 'raw' ? prev : { ...prev, fields: prev.fields.filter((f) => !drop(f)) }),
    };
  }
  // `fields a b` keeps internal fields such as _raw and _time unless they are named.
  const keepInternal = !names.some((n) => n.startsWith('_') || n === '*');
  return {
    name: 'fields', pos: src.pos,
    create: () => mapOperator(project(names, keepInternal)),
    fieldOrder: () => ({ kind: 'explicit', fields: names, keepInternal }),
  };
}

export function parseTable(src: CommandSource): Command {
  const names = fieldList(tokens(src)).map((t) => t.text);
  if (names.length === 0) throw new SplError("Error in 'table' command: Expected a list of fields.", src.argsPos);
  return {
    name: 'table', pos: src.pos,
    create: () => mapOperator(project(names, false)),
    fieldOrder: () => ({ kind: 'explicit', fields: names, keepInternal: false }),
  };
}

// ---------------------------------------------------------------- head / tail

function countArg(src: CommandSource, def: number): number {
  const ts = tokens(src);
  let n = def;
  while (!ts.atEnd()) {
    const lim = ts.option('limit');
    if (lim) { n = parseInteger(lim, ts, 'limit'); continue; }
    const t = ts.next()!;
    if (t.kind === 'word' && /^\d+$/.test(t.text)) { n = Number(t.text); continue; }
    if (t.kind === 'word' && ['keeplast', 'null'].includes(t.text.toLowerCase()) && ts.peek()?.kind === '=') { ts.next(); ts.next(); continue; }
    throw ts.error(`invalid argument '${t.text}'`, t.pos);
  }
  return n;
}

export function parseHead(src: CommandSource): Command {
  const n = countArg(src, 10);
  return {
    name: 'head', pos: src.pos,
    create: (): Operator => {
      let taken = 0;
      return {
        get exhausted() { return taken >= n; },
        push(rows) {
          if (taken >= n) return [];
          const out = rows.length <= n - taken ? rows : rows.slice(0, n - taken);
          taken += out.length;
          return out;
        },
        flush: () => [],
      };
    },
    fieldOrder: keepOrder,
  };
}

export function parseTail(src: CommandSource): Command {
  const n = countArg(src, 10);
  return {
    name: 'tail', pos: src.pos,
    create: (): Operator => {
      let buf: SplEvent[] = [];
      return {
        push(rows) {
          if (n === 0) return [];
          for (const r of rows) buf.push(r);
          if (buf.length > 2 * n + 1000) buf = buf.slice(-n);
          return [];
        },
        // Splunk returns the last N results in reverse order.
        flush: () => (n === 0 ? [] : buf.slice(-n).reverse()),
      };
    },
    fieldOrder: keepOrder,
  };
}

// ---------------------------------------------------------------- rename

export function parseRename(src: CommandSource): Command {
  const ts = tokens(src);
  const pairs: { from: string; to: string }[] = [];
  while (!ts.atEnd()) {
    if (ts.peek()!.kind === ',') { ts.next(); continue; }
    const from = ts.expectValue('a field name');
    if (!ts.isKeyword('as')) throw ts.error(`expected 'AS' after '${from.text}'`);
    ts.next();
    const to = ts.expectValue('a new field name');
    if (from.text.split('*').length !== to.text.split('*').length && to.text.includes('*')) {
      throw ts.error('wildcards in the old and new names must match', to.pos);
    }
    pairs.push({ from: from.text, to: to.text });
  }
  if (pairs.length === 0) throw ts.error('expected <field> AS <newname>');
  const renameName = (name: string): string => {
    for (const { from, to } of pairs) {
      if (!from.includes('*')) { if (name === from) return to; continue; }
      const m = new RegExp(wildcardRegex(from).source.replace(/\.\*/g, '(.*)')).exec(name);
      if (m) { let i = 1; return to.replace(/\*/g, () => m[i++] ?? ''); }
    }
    return name;
  };
  return {
    name: 'rename', pos: src.pos,
    create: () => mapOperator((e) => {
      const out: SplEvent = {};
      const renamed: [string, FieldValue][] = [];
      for (const k in e) { const n = renameName(k); if (n === k) out[k] = e[k]!; else renamed.push([n, e[k]!]); }
      // A renamed field replaces an existing field of the new name.
      for (const [n, v] of renamed) out[n] = v;
      return out;
    }),
    fieldOrder: (prev) => (prev.kind === 'raw' ? prev : { ...prev, fields: prev.fields.map(renameName) }),
  };
}

// ---------------------------------------------------------------- regex

export function parseRegexCommand(src: CommandSource): Command {
  const ts = tokens(src);
  let field = '_raw', negate = false;
  const t = ts.peek(), eq = ts.peek(1);
  if (t?.kind === 'word' && eq?.kind === '=') {
    ts.index += 2;
    field = t.text.endsWith('!') ? t.text.slice(0, -1) : t.text;
    negate = t.text.endsWith('!');
  }
  const pat = ts.next();
  if (!pat || (pat.kind !== 'str' && pat.kind !== 'word')) throw ts.error('expected a regular expression');
  if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}'`);
  const re = compilePcre(pat.text, pat.pos);
  return {
    name: 'regex', pos: src.pos,
    create: () => filterOperator((e) => valuesOf(e[field]).some((v) => re.test(v)) !== negate),
    fieldOrder: keepOrder,
  };
}

// ---------------------------------------------------------------- makemv / mvexpand / fillnull

export function parseMakemv(src: CommandSource): Command {
  const ts = tokens(src);
  let delim: string | undefined, tokenizer: RegExp | undefined, allowEmpty = false, setsv = false, field: string | undefined;
  while (!ts.atEnd()) {
    let o: Token | undefined;
    if ((o = ts.option('delim'))) { delim = o.text; continue; }
    if ((o = ts.option('tokenizer'))) { tokenizer = compilePcre(o.text, o.pos, 'g'); continue; }
    if ((o = ts.option('allowempty'))) { allowEmpty = parseBool(o, ts); continue; }
    if ((o = ts.option('setsv'))) { setsv = parseBool(o, ts); continue; }
    const t = ts.next()!;
    if (t.kind !== 'word' || field !== undefined) throw ts.error(`unexpected '${t.text}'`, t.pos);
    field = t.text;
  }
  if (!field) throw ts.error('expected a field name');
  const f = field, d = delim ?? ' ';
  const splitOne = (s: string): string[] => {
    if (tokenizer) {
      const out: string[] = [];
      for (const m of s.matchAll(tokenizer)) out.push(m[1] ?? m[0]);
      return out;
    }
    return s.split(d);
  };
  return {
    name: 'makemv', pos: src.pos,
    create: () => mapOperator((e) => {
      const v = e[f];
      if (v === undefined) return e;
      let vals = valuesOf(v).flatMap(splitOne);
      if (!allowEmpty) vals = vals.filter((x) => x !== '');
      const out = { ...e };
      if (vals.length === 0) delete out[f];
      else out[f] = setsv ? vals.join(' ') : vals.length === 1 ? vals[0]! : vals;
      return out;
    }),
    fieldOrder: keepOrder,
  };
}

export function parseMvexpand(src: CommandSource): Command {
  const ts = tokens(src);
  let limit = 0, field: string | undefined;
  while (!ts.atEnd()) {
    const o = ts.option('limit');
    if (o) { limit = parseInteger(o, ts, 'limit'); continue; }
    const t = ts.next()!;
    if (t.kind !== 'word' || field !== undefined) throw ts.error(`unexpected '${t.text}'`, t.pos);
    field = t.text;
  }
  if (!field) throw ts.error('expected a field name');
  const f = field;
  return {
    name: 'mvexpand', pos: src.pos,
    create: () => ({
      push(rows) {
        const out: SplEvent[] = [];
        for (const e of rows) {
          const v = e[f];
          if (typeof v !== 'object') { out.push(e); continue; }
          const vals = limit > 0 ? v.slice(0, limit) : v;
          for (const x of vals) out.push({ ...e, [f]: x });
        }
        return out;
      },
      flush: () => [],
    }),
    fieldOrder: keepOrder,
  };
}

export function parseFillnull(src: CommandSource): Command {
  const ts = tokens(src);
  let value = '0';
  const fields: string[] = [];
  while (!ts.atEnd()) {
    const o = ts.option('value');
    if (o) { value = o.text; continue; }
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    fields.push(t.text);
  }
  const fill = (e: SplEvent, names: Iterable<string>): SplEvent => {
    let out: SplEvent | undefined;
    for (const n of names) {
      const v = e[n];
      if (v === undefined || v === '') { out ??= { ...e }; out[n] = value; }
    }
    return out ?? e;
  };
  return {
    name: 'fillnull', pos: src.pos,
    create: (): Operator => {
      if (fields.length > 0) return mapOperator((e) => fill(e, fields));
      // Without a field list every field of the result set is filled, so the whole set is needed first.
      const buf: SplEvent[] = [];
      const names = new Set<string>();
      return {
        push(rows) { for (const r of rows) { buf.push(r); for (const k in r) names.add(k); } return []; },
        flush: () => buf.map((e) => fill(e, names)),
      };
    },
    fieldOrder: (prev: FieldOrder) => (fields.length > 0 ? appendFields(prev, fields) : prev),
  };
}

// ---------------------------------------------------------------- dedup

export function parseDedup(src: CommandSource): Command {
  const ts = tokens(src);
  let n = 1, keepEmpty = false, consecutive = false, keepEvents = false;
  const fields: string[] = [];
  while (!ts.atEnd()) {
    let o: Token | undefined;
    if ((o = ts.option('keepempty'))) { keepEmpty = parseBool(o, ts); continue; }
    if ((o = ts.option('consecutive'))) { consecutive = parseBool(o, ts); continue; }
    if ((o = ts.option('keepevents'))) { keepEvents = parseBool(o, ts); continue; }
    const t = ts.next()!;
    if (t.kind === ',') continue;
    if (t.kind === 'word' && t.text.toLowerCase() === 'sortby') throw new SplError("The 'sortby' option of dedup is not supported by the local engine; use '| sort' after dedup.", t.pos);
    if (t.kind === 'word' && /^\d+$/.test(t.text) && fields.length === 0) { n = Number(t.text); continue; }
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    fields.push(t.text);
  }
  if (fields.length === 0) throw ts.error('expected at least one field');
  if (n < 1) throw ts.error('the count must be at least 1');
  return {
    name: 'dedup', pos: src.pos,
    create: (): Operator => {
      const seen = new Map<string, number>();
      let lastKey: string | undefined;
      return {
        push(rows) {
          const out: SplEvent[] = [];
          for (const e of rows) {
            const parts: string[] = [];
            let missing = false;
            for (const f of fields) {
              const v = e[f];
              if (v === undefined) { missing = true; break; }
              parts.push(typeof v === 'string' ? v : v.join('\u0001'));
            }
            if (missing) { if (keepEmpty) out.push(e); continue; }
            const key = parts.join('\u0000');
            let keep: boolean;
            if (consecutive) { keep = key !== lastKey; lastKey = key; }
            else { const c = seen.get(key) ?? 0; keep = c < n; seen.set(key, c + 1); }
            if (keep) out.push(e);
            else if (keepEvents) { const copy = { ...e }; for (const f of fields) delete copy[f]; out.push(copy); }
          }
          return out;
        },
        flush: () => [],
      };
    },
    fieldOrder: keepOrder,
  };
}
