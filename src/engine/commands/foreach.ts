/**
 * foreach: runs a templated sub-pipeline (usually eval) once per field matching the wildcards, with
 * `<<FIELD>>` the field name, `<<MATCHSTR>>` the part the wildcards matched and `<<MATCHSEG1>>`... each
 * wildcard's part.
 */
import type { SplEvent } from '../types';
import { escapeRegex } from '../values';
import { tokens, type CommandSource } from './commandSource';
import type { ParseContext } from './registry';
import { runCommands, subArgument } from './subpipeline';
import type { Command, Operator } from './types';

export function parseForeach(src: CommandSource, pc: ParseContext): Command {
  const ts = tokens(src);
  const patterns: string[] = [];
  let fieldstr = '<<FIELD>>', matchstr = '<<MATCHSTR>>';
  const segs = ['<<MATCHSEG1>>', '<<MATCHSEG2>>', '<<MATCHSEG3>>'];
  while (!ts.atEnd() && ts.peek()!.kind !== 'sub') {
    let t;
    if ((t = ts.option('fieldstr'))) { fieldstr = t.text; continue; }
    if ((t = ts.option('matchstr'))) { matchstr = t.text; continue; }
    if ((t = ts.option('matchseg1'))) { segs[0] = t.text; continue; }
    if ((t = ts.option('matchseg2'))) { segs[1] = t.text; continue; }
    if ((t = ts.option('matchseg3'))) { segs[2] = t.text; continue; }
    if ((t = ts.option('mode'))) { if (t.text.toLowerCase() !== 'multifield') throw ts.error(`mode=${t.text} is not supported by the local engine`, t.pos); continue; }
    const w = ts.next()!;
    if (w.kind !== 'word' && w.kind !== 'str') throw ts.error(`unexpected '${w.text}'`, w.pos);
    patterns.push(w.text);
  }
  if (patterns.length === 0) throw ts.error('expected at least one field or wildcard', ts.pos());
  const sub = subArgument(ts, 'a templated sub-pipeline');
  // Checked once with a placeholder name, so a syntax error shows before the run.
  const template = sub.text;
  const fill = (field: string, m: RegExpExecArray): string => {
    let t = template.split(fieldstr).join(field).split(matchstr).join(m.slice(1).join(''));
    segs.forEach((s, i) => { t = t.split(s).join(m[i + 1] ?? ''); });
    return t;
  };
  const regexes = patterns.map((p) => new RegExp(`^${p.split('*').map(escapeRegex).join('(.*)')}$`, 's'));
  pc.parseCommands(fill('x', /^(x)$/.exec('x')!), sub.pos);
  return {
    name: 'foreach', pos: src.pos,
    create: (ctx): Operator => {
      const cache = new Map<string, ReturnType<typeof pc.parseCommands>>();
      return {
        push(rows) {
          return rows.map((e) => {
            let cur: SplEvent = e;
            for (const field of Object.keys(e)) {
              for (const re of regexes) {
                const m = re.exec(field);
                if (!m) continue;
                const text = fill(field, m);
                let cmds = cache.get(text);
                if (!cmds) { cmds = pc.parseCommands(text, sub.pos); cache.set(text, cmds); }
                cur = runCommands(cmds, [cur], ctx)[0] ?? cur;
                break;
              }
            }
            return cur;
          });
        },
        flush: () => [],
      };
    },
    fieldOrder: (prev) => prev,
  };
}
