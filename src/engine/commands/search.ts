/** search: keeps the events that match a search expression (a later `search`; the leading one is the executor's). */
import { compileSearch, parseSearchExpression, timeRangeFilter, type SearchExpr } from '../search';
import { parseRelativeTime } from '../time';
import { filterOperator, keepOrder, type Command } from './types';
import type { CommandSource } from './commandSource';

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
