/** Running commands over an in-memory list of results, synchronously (appendpipe, foreach). */
import type { SplEvent } from '../types';
import type { Command, ExecContext } from './types';

export function runCommands(commands: Command[], rows: SplEvent[], ctx: ExecContext): SplEvent[] {
  const ops = commands.map((c) => c.create(ctx));
  let out = rows;
  for (const op of ops) out = [...op.push(out), ...op.flush()];
  return out;
}

/** As runCommands, for commands whose operators may end asynchronously (map inside appendpipe). */
export async function runCommandsAsync(commands: Command[], rows: SplEvent[], ctx: ExecContext): Promise<SplEvent[]> {
  const ops = commands.map((c) => c.create(ctx));
  let out = rows;
  for (const op of ops) out = [...op.push(out), ...(op.flushAsync ? await op.flushAsync() : op.flush())];
  return out;
}

/** The `[ ... ]` argument of a command: the last token, which must be a sub-pipeline. */
export function subArgument(ts: import('../lexer').TokenStream, what: string): import('../lexer').Token {
  const t = ts.next();
  if (!t || t.kind !== 'sub') throw ts.error(`expected ${what} in [ ... ]`, t?.pos ?? ts.endPos);
  if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}' after the subsearch`);
  return t;
}
