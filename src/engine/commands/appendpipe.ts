/** appendpipe: runs its sub-pipeline over the current results and appends what it produces. */
import type { SplEvent } from '../types';
import { tokens, type CommandSource } from './basic';
import type { ParseContext } from './registry';
import { runCommands, subArgument } from './subpipeline';
import type { Command, Operator } from './types';

export function parseAppendpipe(src: CommandSource, pc: ParseContext): Command {
  const ts = tokens(src);
  if (ts.option('run_in_preview')) { /* preview does not apply locally */ }
  const sub = subArgument(ts, 'a sub-pipeline');
  const commands = pc.parseCommands(sub.text, sub.pos);
  return {
    name: 'appendpipe', pos: src.pos,
    create: (ctx): Operator => {
      const seen: SplEvent[] = [];
      return {
        push(rows) { seen.push(...rows); return rows; },
        flush: () => runCommands(commands, seen, ctx),
      };
    },
    fieldOrder: (prev) => (prev.kind === 'raw' ? prev : { kind: 'explicit', fields: [...prev.fields, '*'], keepInternal: prev.keepInternal }),
  };
}
