/** Query text to a pipeline of commands, with Splunk's error wording and positions. */
import { parseDedup, parseEval, parseFields, parseFillnull, parseHead, parseMakemv, parseMvexpand, parseRegexCommand, parseRename, parseSearch, parseTable, parseTail, parseWhere, type CommandSource, type SearchCommand } from './commands/basic';
import { parseMakeresults } from './commands/makeresults';
import { parseRex } from './commands/rex';
import { parseSort } from './commands/sort';
import { parseEventstats, parseStats, parseTopRare } from './commands/stats';
import type { Command } from './commands/types';
import { SplError } from './errors';
import { splitPipeline } from './lexer';
import { COMMANDS } from '../spl/registry';

export interface Pipeline {
  /** The leading search (possibly matching everything), absent when the pipeline starts with a generating command. */
  search: SearchCommand | undefined;
  /** The commands after the leading search (or starting with the generating command). */
  commands: Command[];
}

const PARSERS: Record<string, (src: CommandSource) => Command> = {
  search: parseSearch,
  where: parseWhere,
  eval: parseEval,
  fields: parseFields,
  table: parseTable,
  head: parseHead,
  tail: parseTail,
  sort: parseSort,
  dedup: parseDedup,
  rename: parseRename,
  rex: parseRex,
  regex: parseRegexCommand,
  stats: parseStats,
  eventstats: parseEventstats,
  top: (s) => parseTopRare(s, false),
  rare: (s) => parseTopRare(s, true),
  makemv: parseMakemv,
  mvexpand: parseMvexpand,
  fillnull: parseFillnull,
  makeresults: parseMakeresults,
};

/** The commands this engine runs; the language service notes the others as needing a Splunk server. */
export const LOCAL_ENGINE_COMMANDS: ReadonlySet<string> = new Set(Object.keys(PARSERS));

function commandSource(text: string, start: number): CommandSource | undefined {
  const lead = text.length - text.trimStart().length;
  const m = /^[^\s]+/.exec(text.slice(lead));
  if (!m) return undefined;
  const name = m[0];
  const argsPos = start + lead + name.length;
  return { name, pos: start + lead, args: text.slice(lead + name.length), argsPos };
}

function parseCommand(src: CommandSource): Command {
  const lower = src.name.toLowerCase();
  const parser = PARSERS[lower];
  if (parser) return parser({ ...src, name: lower });
  // A real command (from the shared registry) that this engine does not implement is named as such.
  if (COMMANDS.has(lower)) throw new SplError(`The '${lower}' command is not supported by the local engine.`, src.pos);
  throw new SplError(`Unknown search command '${src.name}'.`, src.pos);
}

export function parseSpl(query: string): Pipeline {
  const segments = splitPipeline(query);
  const commands: Command[] = [];
  let search: SearchCommand | undefined;
  segments.forEach((seg, i) => {
    const src = commandSource(seg.text, seg.start);
    if (!src) {
      // An empty first segment is a query starting with '|'; anything else is an empty command.
      if (i === 0 && segments.length > 1) return;
      if (i === 0) { search = parseSearch({ name: 'search', pos: 0, args: '', argsPos: 0 }); return; }
      throw new SplError(i === segments.length - 1 ? "Missing command after '|'." : "Empty command between '|'.", Math.max(0, seg.start - 1));
    }
    if (i === 0 && seg.text.trim() !== '' && src.name.toLowerCase() !== 'search' && !/^\s*\|/.test(query)) {
      // Be lenient: a query without a leading command is a search, as in Splunk Web.
      search = parseSearch({ name: 'search', pos: seg.start, args: seg.text, argsPos: seg.start });
      return;
    }
    const cmd = parseCommand(src);
    if (i === 0 && cmd.name === 'search') { search = cmd as SearchCommand; return; }
    if (cmd.generating && i > 0 && (commands.length > 0 || search)) {
      throw new SplError(`Error in '${cmd.name}' command: This command must be the first command of a search.`, cmd.pos);
    }
    commands.push(cmd);
  });
  // A pipeline starting with '|' must start with a generating command.
  if (!search) {
    const first = commands[0];
    if (!first) throw new SplError('Empty search.', 0);
    if (!first.generating) {
      if (first.name === 'search') { search = commands.shift() as SearchCommand; }
      else throw new SplError(`Error in '${first.name}' command: This command must not be the first command of a search.`, first.pos);
    }
  }
  return { search, commands };
}

export function validateSpl(query: string): void {
  parseSpl(query);
}
