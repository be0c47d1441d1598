/** format: turns the results into one `search` field holding the search text a subsearch would return. */
import { parseInteger, type Token } from '../lexer';
import { DEFAULT_FORMAT, formatResults, type FormatOptions } from '../subsearch';
import type { SplEvent } from '../types';
import { tokens, type CommandSource } from './commandSource';
import type { Command, Operator } from './types';

export function parseFormat(src: CommandSource): Command {
  const ts = tokens(src);
  const o: FormatOptions = { ...DEFAULT_FORMAT };
  const strings: string[] = [];
  while (!ts.atEnd()) {
    let t: Token | undefined;
    if ((t = ts.option('mvsep'))) { o.mvsep = t.text; continue; }
    if ((t = ts.option('maxresults'))) { o.maxresults = parseInteger(t, ts, 'maxresults'); continue; }
    if ((t = ts.option('emptystr'))) { o.emptystr = t.text; continue; }
    const x = ts.next()!;
    if (x.kind !== 'str') throw ts.error(`unexpected '${x.text}'; the six separators are quoted strings`, x.pos);
    strings.push(x.text);
  }
  if (strings.length !== 0 && strings.length !== 6) throw ts.error('expected six quoted strings: row prefix, column prefix, column separator, column end, row separator, row end', src.argsPos);
  if (strings.length === 6) [o.rowPrefix, o.colPrefix, o.colSep, o.colEnd, o.rowSep, o.rowEnd] = strings as [string, string, string, string, string, string];
  return {
    name: 'format', pos: src.pos,
    create: (): Operator => {
      const rows: SplEvent[] = [];
      return { push(r) { rows.push(...r); return []; }, flush: () => [{ search: formatResults(rows, o) }] };
    },
    fieldOrder: () => ({ kind: 'explicit', fields: ['search'], keepInternal: false }),
  };
}
