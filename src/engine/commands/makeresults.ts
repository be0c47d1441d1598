/** makeresults: a generating command; reads no source. */
import { parseInteger, type Token } from '../lexer';
import type { SplEvent } from '../types';
import { tokens, type CommandSource } from './commandSource';
import type { Command } from './types';

export function parseMakeresults(src: CommandSource): Command {
  const ts = tokens(src);
  let count = 1;
  while (!ts.atEnd()) {
    let o: Token | undefined;
    if ((o = ts.option('count'))) { count = parseInteger(o, ts, 'count'); continue; }
    if ((o = ts.option('annotate')) || (o = ts.option('splunk_server')) || (o = ts.option('splunk_server_group'))) {
      throw ts.error(`the option '${ts.tokens[ts.index - 3]!.text}' is not supported by the local engine`, o.pos);
    }
    const t = ts.next()!;
    throw ts.error(`invalid argument '${t.text}'`, t.pos);
  }
  return {
    name: 'makeresults', pos: src.pos, generating: true,
    create: (ctx) => {
      let done = false;
      return {
        push: () => [],
        flush() {
          if (done) return [];
          done = true;
          const t = String(ctx.nowSeconds);
          const rows: SplEvent[] = [];
          for (let i = 0; i < count; i++) rows.push({ _time: t });
          return rows;
        },
      };
    },
    fieldOrder: () => ({ kind: 'raw' }),
  };
}
