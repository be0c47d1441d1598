/**
 * map: runs a search once per input result, `$field$` in the search replaced by that result's value
 * (`$_serial_id$` by its 1-based number), and returns all the searches' results in turn. `search="..."`
 * or a `[ ... ]` subsearch; `maxsearches` (10) caps the runs, with a warning when results are left
 * over. A value goes in as a quoted search value (inside quotes, escaped), so a result can never change
 * the search's structure. A result missing a field the search names runs no search. Each run goes
 * through the subsearch machinery and its limits. Saved searches need a Splunk server.
 */
import { SplError } from '../errors';
import { parseInteger, type Token } from '../lexer';
import { quoteValue } from '../subsearch';
import type { SplEvent } from '../types';
import { valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import type { Command, Operator, PrepareContext } from './types';
import { SUBSEARCH_MAX_RESULTS, SUBSEARCH_MAX_SECONDS } from '../subsearch';

const TOKEN = /\$([^$\s]+)\$/g;

/** Whether offset `i` of a search text is inside a double-quoted string. */
function insideQuotes(text: string, i: number): boolean {
  let inside = false;
  for (let k = 0; k < i; k++) {
    if (text[k] === '\\') { k++; continue; }
    if (text[k] === '"') inside = !inside;
  }
  return inside;
}

/** The search for one result, or undefined when the result lacks a field the template names. */
export function substitute(template: string, row: SplEvent, serial: number): string | undefined {
  let missing = false;
  const out = template.replace(TOKEN, (whole, name: string, at: number) => {
    const v = name === '_serial_id' ? String(serial) : valuesOf(row[name])[0];
    if (v === undefined) { missing = true; return whole; }
    return insideQuotes(template, at) ? quoteValue(v).slice(1, -1) : quoteValue(v);
  });
  return missing ? undefined : out;
}

export function parseMap(src: CommandSource): Command {
  const ts = tokens(src);
  let template: string | undefined, maxsearches = 10;
  while (!ts.atEnd()) {
    let t: Token | undefined;
    if ((t = ts.option('search'))) { template = t.text; continue; }
    if ((t = ts.option('maxsearches'))) { maxsearches = parseInteger(t, ts, 'maxsearches'); continue; }
    const w = ts.next()!;
    if (w.kind === 'sub') { template = w.text; continue; }
    if (w.kind === 'word' && ts.peek()?.kind !== '=' && template === undefined) {
      throw new SplError(`Error in 'map' command: the saved search '${w.text}' needs a Splunk server; give the search as search="..." or [ ... ].`, w.pos);
    }
    throw ts.error(`unexpected '${w.text}'`, w.pos);
  }
  if (template === undefined) throw ts.error('expected search="<search>" or a [ ... ] subsearch', src.pos);
  const text = template.trim();
  let prep: PrepareContext | undefined;
  return {
    name: 'map', pos: src.pos,
    prepare(p) { prep = p; return Promise.resolve(); },
    create: (ctx): Operator => {
      const input: SplEvent[] = [];
      return {
        push(rows) { input.push(...rows); return []; },
        flush: () => [],
        async flushAsync() {
          if (!prep) throw new SplError("Error in 'map' command: it can only run inside a search.", src.pos);
          const out: SplEvent[] = [];
          const runs = maxsearches > 0 ? input.slice(0, maxsearches) : input;
          if (runs.length < input.length) ctx.warn(`map ran its search for the first ${runs.length} of ${input.length} results (maxsearches=${maxsearches}).`);
          for (const [i, row] of runs.entries()) {
            const q = substitute(text, row, i + 1);
            if (q === undefined) continue;
            out.push(...await prep.runSubsearch(q, src.pos, { maxResults: SUBSEARCH_MAX_RESULTS, maxSeconds: SUBSEARCH_MAX_SECONDS }));
          }
          return out;
        },
      };
    },
    fieldOrder: () => ({ kind: 'raw' }),
  };
}
