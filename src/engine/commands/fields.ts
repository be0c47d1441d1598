/** fields: keeps (`fields a b`, `fields + a`) or removes (`fields - a`) fields; `fieldList` and `project` serve table too. */
import { SplError } from '../errors';
import { TokenStream, type Token } from '../lexer';
import type { SplEvent } from '../types';
import { fieldNameMatcher } from '../values';
import { mapOperator, type Command } from './types';
import { tokens, type CommandSource } from './commandSource';

/** Field names separated by spaces and/or commas. */
export function fieldList(ts: TokenStream, stopWords: string[] = []): Token[] {
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

/** Each event's named fields (wildcards allowed, `_` fields too with keepInternal), except those `drop` matches. */
export function project(names: string[], keepInternal: boolean, drop?: (field: string) => boolean): (e: SplEvent) => SplEvent {
  const exact = names.filter((n) => !n.includes('*') && !drop?.(n));
  const patterns = names.filter((n) => n.includes('*')).map(fieldNameMatcher);
  return (e) => {
    const out: SplEvent = {};
    if (patterns.length === 0 && !keepInternal) {
      for (const n of exact) { const v = e[n]; if (v !== undefined) out[n] = v; }
      return out;
    }
    for (const k in e) {
      if (((keepInternal && k.startsWith('_')) || exact.includes(k) || patterns.some((p) => p(k))) && !drop?.(k)) out[k] = e[k]!;
    }
    return out;
  };
}

/** A command whose output is `project(names, keepInternal, drop)` of each event (table, `fields +`). */
export function projectionCommand(name: string, pos: number, names: string[], keepInternal: boolean, drop?: (field: string) => boolean): Command {
  return {
    name, pos,
    create: () => mapOperator(project(names, keepInternal, drop)),
    fieldOrder: () => ({ kind: 'explicit', fields: names, keepInternal }),
    without: (more) => projectionCommand(name, pos, names, keepInternal, drop ? (k) => drop(k) || more(k) : more),
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
      drops: drop,
    };
  }
  // `fields a b` keeps internal fields such as _raw and _time unless they are named.
  return projectionCommand('fields', src.pos, names, !names.some((n) => n.startsWith('_') || n === '*'));
}
