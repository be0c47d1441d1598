/** regex: keeps the results whose field matches (or, with !=, does not match) a regular expression. */
import { compilePcre } from '../regex';
import { valuesOf } from '../values';
import { filterOperator, keepOrder, type Command } from './types';
import { tokens, type CommandSource } from './commandSource';

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
