/** Calling an eval function of the table (evalFunctionTable.ts), with the arity the shared registry gives it. */
import { SplError } from './errors';
import type { Compiled, EvalContext } from './evalValue';
import { EVAL_FUNCTIONS } from '../spl/registry';
import { EVAL_FUNCTION_TABLE, type EvalCall } from './evalFunctionTable';

/** The eval functions this engine implements: the table's rows. */
const IMPLEMENTED = [...EVAL_FUNCTION_TABLE.keys()];

/** [min, max] argument counts of the implemented functions. */
export const FUNCTION_ARITY: Record<string, [number, number]> = Object.fromEntries(
  IMPLEMENTED.map((name) => {
    const f = EVAL_FUNCTIONS.get(name);
    if (!f) throw new Error(`eval function '${name}' is missing from the SPL registry`);
    return [name, [f.minArgs, f.maxArgs]];
  }),
);


export function callFunction(name: string, a: Compiled[], ctx: EvalContext, pos: number, more?: Pick<EvalCall, 'nodes' | 'compile'>): Compiled {
  const impl = EVAL_FUNCTION_TABLE.get(name);
  if (!impl) throw new SplError(`Unsupported or unknown eval function '${name}'.`, pos);
  return impl({ args: a, ctx, pos, nodes: more?.nodes ?? [], compile: more?.compile ?? (() => () => null) });
}
