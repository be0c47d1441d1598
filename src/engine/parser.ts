/** Query text to a pipeline of commands, with Splunk's error wording and positions. */
import type { CommandSource } from './commands/commandSource';
import { parseSearch, type SearchCommand } from './commands/search';
import { ENGINE_COMMANDS, type ParseContext } from './commands/registry';
import type { Command } from './commands/types';
import { SplError } from './errors';
import { findSubsearches, splitPipeline } from './lexer';
import { COMMANDS } from '../spl/registry';

export interface Pipeline {
  /** The leading search (possibly matching everything), absent when the pipeline starts with a generating command. */
  search: SearchCommand | undefined;
  /** The commands after the leading search (or starting with the generating command). */
  commands: Command[];
  /**
   * Subsearches whose results become search text (`search ... [ ... ]`), by offset in the query. Until
   * they have run, each stands as `()` so the rest of the query can be checked.
   */
  subsearches: Subsearch[];
}

export interface Subsearch {
  /** Offsets of the brackets in the query (start at '[', end after ']'). */
  start: number;
  end: number;
  /** The pipeline between the brackets, parsed to report its errors early. */
  pipeline: Pipeline;
}

/** Commands whose `[ ... ]` argument is a pipeline they run themselves rather than search text. */
const PIPELINE_ARGUMENT = new Set(['join', 'append', 'appendcols', 'appendpipe', 'foreach', 'map']);

const PARSE_CONTEXT: ParseContext = {
  parsePipeline: (text, offset) => parseAt(text, offset, true),
  parseCommands: (text, offset) => splitPipeline(text).filter((seg, i) => !(i === 0 && seg.text.trim() === '')).map((seg) => {
    const src = commandSource(seg.text, seg.start + offset);
    if (!src) throw new SplError('Missing command.', seg.start + offset);
    const cmd = parseCommand(src);
    if (cmd.generating) throw new SplError(`Error in '${cmd.name}' command: a generating command cannot run over results here.`, cmd.pos);
    return cmd;
  }),
};

/** The commands this engine runs; the language service notes the others as needing a Splunk server. */
export const LOCAL_ENGINE_COMMANDS: ReadonlySet<string> = new Set(ENGINE_COMMANDS.keys());

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
  const spec = ENGINE_COMMANDS.get(lower);
  if (spec) {
    return spec.parse({ ...src, name: lower }, PARSE_CONTEXT);
  }
  // A real command (from the shared registry) that this engine does not implement is named as such.
  if (COMMANDS.has(lower)) throw new SplError(`The '${lower}' command is not supported by the local engine.`, src.pos);
  throw new SplError(`Unknown search command '${src.name}'.`, src.pos);
}

export function parseSpl(query: string): Pipeline {
  return parseAt(query, 0, false);
}

/**
 * A subsearch's text: as a query, except that it may start with a generating command without the
 * leading `|` (`[ inputlookup x ]`, `[ mstats ... ]`), as Splunk allows inside brackets.
 */
export function parseSubsearch(text: string): Pipeline {
  return parseAt(text, 0, true);
}

/** Replaces a subsearch by `(` spaces `)` of the same length, so offsets after it stay right. */
function mask(text: string, start: number, end: number): string {
  return text.slice(0, start) + '(' + ' '.repeat(end - start - 2) + ')' + text.slice(end);
}

/**
 * Parses `query`, which sits at `offset` in the text the user wrote (a subsearch's text inside its
 * outer query), so error positions point into the user's text.
 */
function parseAt(query: string, offset: number, subsearch: boolean): Pipeline {
  const subsearches: Subsearch[] = [];
  let text = query;
  for (const seg of splitPipeline(query)) {
    const name = /^\s*([^\s]+)/.exec(seg.text)?.[1]?.toLowerCase();
    if (name !== undefined && PIPELINE_ARGUMENT.has(name)) continue;
    for (const sub of findSubsearches(seg.text)) {
      const start = seg.start + sub.start, end = seg.start + sub.end;
      subsearches.push({ start: offset + start, end: offset + end, pipeline: parseAt(query.slice(start + 1, end - 1), offset + start + 1, true) });
      text = mask(text, start, end);
    }
  }
  const p = parseMasked(text, offset, subsearch);
  return { ...p, subsearches };
}

function parseMasked(query: string, offset: number, subsearch: boolean): Omit<Pipeline, 'subsearches'> {
  const segments = splitPipeline(query).map((s) => ({ text: s.text, start: s.start + offset }));
  const commands: Command[] = [];
  let search: SearchCommand | undefined;
  segments.forEach((seg, i) => {
    const src = commandSource(seg.text, seg.start);
    if (!src) {
      // An empty first segment is a query starting with '|'; anything else is an empty command.
      if (i === 0 && segments.length > 1) return;
      if (i === 0) { search = parseSearch({ name: 'search', pos: offset, args: '', argsPos: offset }); return; }
      throw new SplError(i === segments.length - 1 ? "Missing command after '|'." : "Empty command between '|'.", Math.max(0, seg.start - 1));
    }
    const leadingGenerator = subsearch && ENGINE_COMMANDS.get(src.name.toLowerCase())?.generates === true;
    if (i === 0 && seg.text.trim() !== '' && src.name.toLowerCase() !== 'search' && !/^\s*\|/.test(query) && !leadingGenerator) {
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
