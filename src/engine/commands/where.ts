/** where: keeps the results for which an eval expression is true. */
import { SplError } from '../errors';
import { compileEval, parseEvalExpression } from '../evalExpr';
import { isTrue } from '../evalValue';
import { filterOperator, keepOrder, type Command } from './types';
import type { CommandSource } from './commandSource';

export function parseWhere(src: CommandSource): Command {
  if (src.args.trim() === '') throw new SplError("Error in 'where' command: The expression is missing.", src.pos);
  const node = parseEvalExpression(src.args, src.argsPos);
  return {
    name: 'where', pos: src.pos,
    create: (ctx) => { const f = compileEval(node, ctx); return filterOperator((e) => isTrue(f(e))); },
    fieldOrder: keepOrder,
  };
}
