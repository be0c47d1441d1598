/** eval: computes fields from expressions, left to right. */
import { SplError } from '../errors';
import { compileEval, parseEvalExpression, toFieldValue, type EvalNode } from '../evalExpr';
import { appendFields, mapOperator, type Command } from './types';
import type { CommandSource } from './commandSource';

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
