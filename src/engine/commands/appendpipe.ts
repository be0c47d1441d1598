/** appendpipe: runs its sub-pipeline over the current results and appends what it produces. */
import type { SplEvent } from '../types';
import { tokens, type CommandSource } from './commandSource';
import type { ParseContext } from './registry';
import { runCommands, runCommandsAsync, subArgument } from './subpipeline';
import type { Command, Operator, PrepareContext } from './types';

export function parseAppendpipe(src: CommandSource, pc: ParseContext): Command {
  const ts = tokens(src);
  if (ts.option('run_in_preview')) { /* preview does not apply locally */ }
  const sub = subArgument(ts, 'a sub-pipeline');
  const commands = pc.parseCommands(sub.text, sub.pos);
  // map inside the sub-pipeline runs searches: its commands prepare with the outer search, and end asynchronously.
  const prepared = commands.filter((c) => c.prepare);
  return {
    name: 'appendpipe', pos: src.pos,
    ...(prepared.length > 0 ? { async prepare(p: PrepareContext) { for (const c of prepared) await c.prepare!(p); } } : {}),
    create: (ctx): Operator => {
      const seen: SplEvent[] = [];
      return {
        push(rows) { seen.push(...rows); return rows; },
        flush: () => runCommands(commands, seen, ctx),
        ...(prepared.length > 0 ? { flushAsync: () => runCommandsAsync(commands, seen, ctx) } : {}),
      };
    },
    fieldOrder: (prev) => (prev.kind === 'raw' ? prev : { kind: 'explicit', fields: [...prev.fields, '*'], keepInternal: prev.keepInternal }),
  };
}
