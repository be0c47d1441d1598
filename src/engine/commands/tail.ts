/** tail: the last N results, in reverse order. */
import type { SplEvent } from '../types';
import { keepOrder, type Command, type Operator } from './types';
import type { CommandSource } from './commandSource';
import { countArg } from './head';

export function parseTail(src: CommandSource): Command {
  const n = countArg(src, 10);
  return {
    name: 'tail', pos: src.pos,
    create: (): Operator => {
      let buf: SplEvent[] = [];
      return {
        push(rows) {
          if (n === 0) return [];
          for (const r of rows) buf.push(r);
          if (buf.length > 2 * n + 1000) buf = buf.slice(-n);
          return [];
        },
        // Splunk returns the last N results in reverse order.
        flush: () => (n === 0 ? [] : buf.slice(-n).reverse()),
      };
    },
    fieldOrder: keepOrder,
  };
}
