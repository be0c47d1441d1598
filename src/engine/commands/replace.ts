/**
 * replace: swaps whole field values for others, `<wc-string> WITH <wc-string>, ... [IN <fields>]`. A `*`
 * in the pattern captures text that the same-numbered `*` of the replacement carries over. Without IN,
 * every field but the `_` ones; as Splunk documents, a later exact pattern wins over an earlier one, and
 * among wildcard patterns the fullest match (most literal characters) wins.
 */
import { SplError } from '../errors';
import type { SplEvent } from '../types';
import { escapeRegex, fieldNameMatcher, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { parseKeywordFields } from './stats';
import { mapOperator, keepOrder, type Command } from './types';

interface Rule { re: RegExp; wildcards: number; literalLength: number; replacement: string[]; order: number }

function compileRule(pattern: string, replacement: string, pos: number, order: number): Rule {
  const parts = pattern.split('*');
  const out = replacement.split('*');
  const wildcards = parts.length - 1;
  if (out.length > 1 && out.length !== parts.length) {
    throw new SplError(`Error in 'replace' command: '${replacement}' must have as many wildcards as '${pattern}', or none.`, pos);
  }
  return { re: new RegExp(`^${parts.map(escapeRegex).join('(.*)')}$`, 's'), wildcards, literalLength: pattern.length - wildcards, replacement: out, order };
}

/** The rule that applies to a value: the last exact one, else the wildcard one with the most literal text. */
function pick(rules: Rule[], v: string): { rule: Rule; captures: string[] } | undefined {
  let best: { rule: Rule; captures: string[] } | undefined;
  for (const rule of rules) {
    const m = rule.re.exec(v);
    if (!m) continue;
    const better = !best
      || (rule.wildcards === 0 && (best.rule.wildcards > 0 || rule.order > best.rule.order))
      || (rule.wildcards > 0 && best.rule.wildcards > 0 && rule.literalLength > best.rule.literalLength);
    if (better) best = { rule, captures: m.slice(1) };
  }
  return best;
}

function apply(rule: Rule, captures: string[]): string {
  if (rule.replacement.length === 1) return rule.replacement[0]!;
  return rule.replacement.map((lit, i) => lit + (i < captures.length ? captures[i]! : '')).join('');
}

export function parseReplace(src: CommandSource): Command {
  const ts = tokens(src);
  const rules: Rule[] = [];
  let fields: string[] | undefined;
  while (!ts.atEnd()) {
    if (ts.isKeyword('in') && rules.length > 0) { fields = parseKeywordFields(ts, 'IN'); break; }
    const p = ts.next()!;
    if (p.kind === ',') continue;
    if (p.kind !== 'word' && p.kind !== 'str') throw ts.error(`unexpected '${p.text}'`, p.pos);
    if (!ts.isKeyword('with')) throw ts.error(`expected WITH after '${p.text}'`, ts.pos());
    ts.next();
    const r = ts.expectValue('a replacement after WITH');
    rules.push(compileRule(p.text, r.text, r.pos, rules.length));
  }
  if (rules.length === 0) throw new SplError("Error in 'replace' command: expected <value> WITH <value>.", ts.endPos);
  const matchers = fields?.map(fieldNameMatcher);
  const applies = (name: string): boolean => (matchers ? matchers.some((m) => m(name)) : !name.startsWith('_'));
  return {
    name: 'replace', pos: src.pos,
    create: () => mapOperator((e) => {
      let out: SplEvent | undefined;
      for (const name of Object.keys(e)) {
        if (!applies(name)) continue;
        const v = e[name]!;
        let changed = false;
        const next = valuesOf(v).map((x) => { const hit = pick(rules, x); if (!hit) return x; changed = true; return apply(hit.rule, hit.captures); });
        if (!changed) continue;
        out ??= { ...e };
        out[name] = typeof v === 'string' ? next[0]! : next;
      }
      return out ?? e;
    }),
    fieldOrder: keepOrder,
  };
}
