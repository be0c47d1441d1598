/**
 * outputlookup: writes the results to a CSV file in the lookups folder and passes them on. It is one of
 * the risky commands (src/spl/riskyCommands.ts): the run command asks before a query that names it runs.
 */
import { parseBool, parseInteger } from '../lexer';
import { lookupPath, writeLookup } from '../lookups';
import type { SplEvent } from '../types';
import { tokens, type CommandSource } from './commandSource';
import { keepOrder, type Command, type Operator } from './types';

export function parseOutputlookup(src: CommandSource): Command {
  const ts = tokens(src);
  let append = false, max = 0, createEmpty = true;
  while (ts.atOption()) {
    let t;
    if ((t = ts.option('append'))) { append = parseBool(t, ts); continue; }
    if ((t = ts.option('max'))) { max = parseInteger(t, ts, 'max'); continue; }
    if ((t = ts.option('create_empty'))) { createEmpty = parseBool(t, ts); continue; }
    if ((t = ts.option('override_if_empty'))) { createEmpty = parseBool(t, ts); continue; }
    throw ts.error(`unknown option '${ts.peek()!.text}'`);
  }
  const nameTok = ts.expectValue('a lookup file name');
  if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}'`);
  let path: string | undefined;
  return {
    name: 'outputlookup', pos: src.pos,
    // The path is checked before the run, so a bad name fails before anything is read.
    prepare(p) { path = lookupPath(p.lookupsFolder, nameTok.text, nameTok.pos, false); return Promise.resolve(); },
    create: (): Operator => {
      const rows: SplEvent[] = [];
      let pending: Promise<void> | undefined;
      return {
        push(r) { rows.push(...r); return []; },
        flush() {
          const kept = max > 0 ? rows.slice(0, max) : rows;
          if (kept.length > 0 || createEmpty) pending = writeLookup(path!, kept, append);
          return rows;
        },
        settle: () => pending ?? Promise.resolve(),
      };
    },
    fieldOrder: keepOrder,
  };
}
