/** rename: renames fields, wildcards allowed. */
import type { FieldValue, SplEvent } from '../types';
import { wildcardRegex } from '../values';
import { mapOperator, type Command } from './types';
import { tokens, type CommandSource } from './commandSource';

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
