/** inputlookup: the rows of a CSV lookup file as results (`start`, `max`, `where <search>`, `append`). */
import { SplError } from '../errors';
import { parseBool, parseInteger } from '../lexer';
import { lookupPath, readLookup, type LookupTable } from '../lookups';
import { compileSearch, parseSearchExpression, type SearchExpr } from '../search';
import type { SplEvent } from '../types';
import { tokens, type CommandSource } from './commandSource';
import type { Command, Operator } from './types';

export function parseInputlookup(src: CommandSource): Command {
  const ts = tokens(src);
  let append = false, start = 0, max = 1_000_000_000;
  const options = (): void => {
    while (ts.atOption()) {
      let t;
      if ((t = ts.option('append'))) { append = parseBool(t, ts); continue; }
      if ((t = ts.option('start'))) { start = parseInteger(t, ts, 'start'); continue; }
      if ((t = ts.option('max'))) { max = parseInteger(t, ts, 'max'); continue; }
      throw ts.error(`unknown option '${ts.peek()!.text}'`);
    }
  };
  options();
  const nameTok = ts.expectValue('a lookup table name');
  // Splunk also takes the options after the table name.
  options();
  let where: SearchExpr | undefined;
  if (ts.isKeyword('where')) {
    const w = ts.next()!;
    const offset = w.pos + w.text.length - src.argsPos;
    where = parseSearchExpression(src.args.slice(offset), src.argsPos + offset);
  } else if (!ts.atEnd()) throw ts.error(`unexpected '${ts.peek()!.text}'`);
  let table: LookupTable | undefined;
  return {
    name: 'inputlookup', pos: src.pos, generating: !append,
    async prepare(p) { table = await readLookup(lookupPath(p.lookupsFolder, nameTok.text, nameTok.pos, true)); },
    create: (): Operator => {
      if (!table) throw new SplError(`Error in 'inputlookup' command: the lookup table '${nameTok.text}' was not loaded.`, src.pos);
      const pred = where ? compileSearch(where.node) : () => true;
      const rows: SplEvent[] = table.rows.slice(start).filter(pred).slice(0, max).map((r) => ({ ...r }));
      let done = false;
      return {
        // With append=true the table's rows follow the results that came in.
        push: (r) => (append ? r : []),
        flush() { if (done) return []; done = true; return rows; },
      };
    },
    fieldOrder: (prev) => (append ? prev : { kind: 'explicit', fields: table ? table.fields : [], keepInternal: false }),
  };
}
