/** table: keeps the listed fields, in that order. */
import { SplError } from '../errors';
import type { Command } from './types';
import { tokens, type CommandSource } from './commandSource';
import { fieldList, projectionCommand } from './fields';

export function parseTable(src: CommandSource): Command {
  const names = fieldList(tokens(src)).map((t) => t.text);
  if (names.length === 0) throw new SplError("Error in 'table' command: Expected a list of fields.", src.argsPos);
  return projectionCommand('table', src.pos, names, false);
}
