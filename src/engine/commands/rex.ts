/** rex: field extraction with named groups, and sed-style replacement. */
import { parseInteger, type Token } from '../lexer';
import { compilePcre, namedGroups, translateReplacement } from '../regex';
import type { SplEvent } from '../types';
import { setValues, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { appendFields, keepOrder, mapOperator, type Command } from './types';

/** Parses `s/regex/replacement/flags`, honouring escaped slashes. */
function parseSed(expr: string, pos: number, err: (m: string, p: number) => Error): { re: RegExp; repl: string; nth: number } {
  if (!expr.startsWith('s') || expr.length < 2) throw err("sed mode supports only 's/regex/replacement/flags'", pos);
  const sep = expr[1]!;
  const parts: string[] = [];
  let cur = '';
  for (let i = 2; i < expr.length; i++) {
    const c = expr[i]!;
    if (c === '\\' && expr[i + 1] === sep) { cur += sep; i++; continue; }
    if (c === sep) { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  parts.push(cur);
  if (parts.length !== 3) throw err("sed mode supports only 's/regex/replacement/flags'", pos);
  const [src, repl, flags] = parts as [string, string, string];
  const global = flags.includes('g');
  const nth = /\d+/.exec(flags) ? Number(/\d+/.exec(flags)![0]) : global ? 0 : 1;
  const re = compilePcre(src, pos, 'g' + (flags.includes('i') ? 'i' : ''));
  return { re, repl: translateReplacement(repl), nth };
}

export function parseRex(src: CommandSource): Command {
  const ts = tokens(src);
  let field = '_raw', maxMatch = 1, mode: string | undefined, pattern: Token | undefined;
  while (!ts.atEnd()) {
    let o: Token | undefined;
    if ((o = ts.option('field'))) { field = o.text; continue; }
    if ((o = ts.option('max_match'))) { maxMatch = parseInteger(o, ts, 'max_match'); continue; }
    if ((o = ts.option('mode'))) { mode = o.text.toLowerCase(); continue; }
    if ((o = ts.option('offset_field'))) throw ts.error('offset_field is not supported by the local engine', o.pos);
    const t = ts.next()!;
    if (t.kind !== 'str' || pattern) throw ts.error(`unexpected '${t.text}'; the regular expression must be quoted`, t.pos);
    pattern = t;
  }
  if (!pattern) throw ts.error('expected a quoted regular expression');
  if (mode !== undefined && mode !== 'sed') throw ts.error(`invalid mode '${mode}'`);
  const patPos = pattern.pos + 1;

  if (mode === 'sed') {
    const { re, repl, nth } = parseSed(pattern.text, patPos, (m, p) => ts.error(m, p));
    const apply = (s: string): string => {
      if (nth === 0) return s.replace(re, repl);
      let k = 0;
      return s.replace(re, (...args) => {
        k++;
        if (k !== nth) return args[0] as string;
        return (args[0] as string).replace(new RegExp(re.source, re.flags.replace('g', '')), repl);
      });
    };
    return {
      name: 'rex', pos: src.pos,
      create: () => mapOperator((e) => {
        const v = e[field];
        if (v === undefined) return e;
        return { ...e, [field]: typeof v === 'string' ? apply(v) : v.map(apply) };
      }),
      fieldOrder: keepOrder,
    };
  }

  const re = compilePcre(pattern.text, patPos);
  const names = namedGroups(re);
  if (names.length === 0) throw ts.error('the regular expression has no named capture groups (?<name>...)', pattern.pos);
  const global = new RegExp(re.source, re.flags + 'g');
  return {
    name: 'rex', pos: src.pos,
    create: () => mapOperator((e: SplEvent) => {
      const input = e[field];
      if (input === undefined) return e;
      if (maxMatch === 1) {
        for (const s of valuesOf(input)) {
          const m = re.exec(s);
          if (!m) continue;
          const out = { ...e };
          for (const n of names) { const g = m.groups?.[n]; if (g !== undefined) out[n] = g; }
          return out;
        }
        return e;
      }
      const found = new Map<string, string[]>(names.map((n) => [n, []]));
      let count = 0;
      for (const s of valuesOf(input)) {
        global.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((maxMatch === 0 || count < maxMatch) && (m = global.exec(s))) {
          if (m[0] === '') global.lastIndex++;
          count++;
          for (const n of names) { const g = m.groups?.[n]; if (g !== undefined) found.get(n)!.push(g); }
        }
      }
      if (count === 0) return e;
      const out = { ...e };
      for (const [n, vals] of found) if (vals.length > 0) setValues(out, n, vals);
      return out;
    }),
    fieldOrder: (prev) => appendFields(prev, names),
  };
}
