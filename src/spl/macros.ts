/**
 * Search macros: reading their definitions (Splunk's macros.conf, or the JSON form security_content
 * ships) and expanding `` `name` `` / `` `name(a,b)` `` calls in a query. Plain TS so the language
 * service can reuse it (completion, hover); the local engine expands before parsing, while a Splunk
 * server expands its own macros.
 */
import { COMMENT_MARK, scanComment, scanMacro, scanString } from './tokenize';

export interface MacroDefinition {
  name: string;
  /** Argument names, in order; the stanza's `(n)` is their count. */
  args: string[];
  definition: string;
  /** `iseval = 1`: the definition is an eval expression; the local engine cannot expand these. */
  isEval?: boolean;
  /** Where the definition came from (a file path), for hover and errors. */
  source?: string;
}

/** Macros by name and argument count: Splunk keys a macro by both (`name(2)`). */
export class MacroTable {
  private readonly byKey = new Map<string, MacroDefinition>();

  constructor(defs: Iterable<MacroDefinition> = []) {
    for (const d of defs) this.add(d);
  }

  /** A later definition of the same name and argument count replaces the earlier one. */
  add(def: MacroDefinition): void {
    this.byKey.set(macroKey(def.name, def.args.length), def);
  }

  get(name: string, argCount: number): MacroDefinition | undefined {
    return this.byKey.get(macroKey(name, argCount));
  }

  /** Every definition, for completion. */
  all(): MacroDefinition[] {
    return [...this.byKey.values()];
  }

  /** Argument counts defined for a name (to say "defined with 2 arguments" in an error). */
  arities(name: string): number[] {
    return this.all().filter((d) => d.name === name).map((d) => d.args.length).sort((a, b) => a - b);
  }

  get size(): number {
    return this.byKey.size;
  }
}

export function macroKey(name: string, argCount: number): string {
  return `${name}(${argCount})`;
}

/** A problem in a macro file, with its 1-based line. */
export class MacroFileError extends Error {
  constructor(message: string, readonly line: number | undefined) {
    super(message);
    this.name = 'MacroFileError';
  }
}

const STANZA = /^\[([^\]()]+?)(?:\((\d+)\))?\]\s*$/;

/** Splits a stanza name `name(2)` into its parts. */
function stanzaName(raw: string): { name: string; count: number } | undefined {
  const m = /^([^()]+?)(?:\((\d+)\))?$/.exec(raw.trim());
  return m ? { name: m[1]!.trim(), count: m[2] === undefined ? 0 : Number(m[2]) } : undefined;
}

function argList(value: string): string[] {
  return value.split(',').map((a) => a.trim()).filter((a) => a !== '');
}

function checkArgs(name: string, count: number, args: string[], where: string, line: number | undefined): void {
  if (args.length !== count) {
    throw new MacroFileError(`${where}: the macro '${name}(${count})' names ${args.length} argument${args.length === 1 ? '' : 's'} (${args.join(', ') || 'none'}), expected ${count}.`, line);
  }
  for (const a of args) {
    if (!/^[A-Za-z0-9_.-]+$/.test(a)) throw new MacroFileError(`${where}: the macro '${name}(${count})' has an invalid argument name '${a}'.`, line);
  }
}

/**
 * Reads macros.conf syntax: `[name]` or `[name(2)]` stanzas, `args = a,b`, `definition = ...`,
 * `iseval = 1`; a value continues on the next line when the line ends with a backslash; `#` starts a
 * comment line. Other keys (validation, errormsg, description) are read and ignored.
 */
export function parseMacrosConf(text: string, source = 'macros.conf'): MacroDefinition[] {
  const out: MacroDefinition[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let current: { name: string; count: number; line: number; keys: Map<string, string> } | undefined;
  const finish = (): void => {
    if (!current || current.name === 'default') return;
    const { name, count, line, keys } = current;
    const definition = keys.get('definition');
    if (definition === undefined) throw new MacroFileError(`${source}:${line}: the macro '${name}(${count})' has no definition.`, line);
    const args = argList(keys.get('args') ?? '');
    checkArgs(name, count, args, `${source}:${line}`, line);
    const def: MacroDefinition = { name, args, definition, source };
    if (/^(1|true|t|yes)$/i.test(keys.get('iseval') ?? '')) def.isEval = true;
    out.push(def);
  };
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = lines[i]!;
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (trimmed.startsWith('[')) {
      const m = STANZA.exec(trimmed);
      if (!m) throw new MacroFileError(`${source}:${lineNo}: invalid stanza '${trimmed}'.`, lineNo);
      finish();
      current = { name: m[1]!.trim(), count: m[2] === undefined ? 0 : Number(m[2]), line: lineNo, keys: new Map() };
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) throw new MacroFileError(`${source}:${lineNo}: expected 'key = value'.`, lineNo);
    if (!current) throw new MacroFileError(`${source}:${lineNo}: a setting outside any [stanza].`, lineNo);
    const key = line.slice(0, eq).trim().toLowerCase();
    let value = line.slice(eq + 1).trim();
    // A trailing backslash continues the value; the line break stays part of it.
    while (value.endsWith('\\') && i + 1 < lines.length) {
      value = value.slice(0, -1) + '\n' + lines[++i]!.trim();
    }
    current.keys.set(key, value);
  }
  finish();
  return out;
}

/**
 * Reads the JSON form: an object keyed `name(count)`, each value `[argument names, definition]`
 * (security_content's macros.json), or `{ "args": [...], "definition": "..." }`.
 */
export function parseMacrosJson(text: string, source = 'macros.json'): MacroDefinition[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new MacroFileError(`${source}: not valid JSON (${(e as Error).message}).`, undefined);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new MacroFileError(`${source}: expected an object keyed by macro name.`, undefined);
  const out: MacroDefinition[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    const sn = stanzaName(key);
    if (!sn) throw new MacroFileError(`${source}: invalid macro name '${key}'.`, undefined);
    let args: unknown, definition: unknown;
    if (Array.isArray(value)) [args, definition] = value as unknown[];
    else if (typeof value === 'object' && value !== null) ({ args, definition } = value as { args?: unknown; definition?: unknown });
    if (typeof definition !== 'string') throw new MacroFileError(`${source}: the macro '${key}' has no definition string.`, undefined);
    const argNames = args === undefined ? [] : typeof args === 'string' ? argList(args) : args;
    if (!Array.isArray(argNames) || !argNames.every((a): a is string => typeof a === 'string')) {
      throw new MacroFileError(`${source}: the arguments of '${key}' must be a list of names.`, undefined);
    }
    checkArgs(sn.name, sn.count, argNames, source, undefined);
    out.push({ name: sn.name, args: argNames, definition, source });
  }
  return out;
}

/** Either syntax, by file name: `.json` is the JSON form, anything else macros.conf. */
export function parseMacroFile(text: string, path: string): MacroDefinition[] {
  return /\.json$/i.test(path) ? parseMacrosJson(text, path) : parseMacrosConf(text, path);
}

export interface MacroError {
  message: string;
  /** Offsets in the original text of the top-level macro call at fault (start inclusive, end exclusive). */
  start: number;
  end: number;
}

export interface ExpandResult {
  /** The query with macros expanded and triple-backtick comments removed. */
  text: string;
  error?: MacroError;
  /** True when at least one macro was expanded. */
  expanded: boolean;
}

export interface ExpandOptions {
  /** Asked for a macro the table lacks (e.g. security_content's `*_filter` macros); undefined = not defined. */
  fallback?: (name: string, argCount: number) => MacroDefinition | undefined;
  /** Nesting limit (default 50). */
  maxDepth?: number;
  /** Limit on the expanded text, so a hostile macro file cannot exhaust memory (default 1,000,000 characters). */
  maxLength?: number;
}

export interface MacroCall {
  name: string;
  args: string[];
  /** Offsets of the call, backticks included. */
  start: number;
  end: number;
}

/**
 * Splits `a, "b,c", f(x, y)` at the commas outside quotes and parentheses; each argument is trimmed.
 * `()` and the empty string give no arguments.
 */
export function splitMacroArgs(text: string): string[] {
  if (text.trim() === '') return [];
  const out: string[] = [];
  let depth = 0, start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') { i++; continue; }
    if (c === '"') { i = scanString(text, i) - 1; continue; }
    if (c === '(' || c === '[') depth++;
    else if ((c === ')' || c === ']') && depth > 0) depth--;
    else if (c === ',' && depth === 0) { out.push(text.slice(start, i).trim()); start = i + 1; }
  }
  out.push(text.slice(start).trim());
  return out;
}

/** The macro call written between backticks (without them): `name` or `name(args)`; undefined if malformed. */
export function parseMacroCall(inner: string): { name: string; args: string[] } | undefined {
  const m = /^\s*([^\s()`]+)\s*(?:\(([\s\S]*)\))?\s*$/.exec(inner);
  if (!m) return undefined;
  return { name: m[1]!, args: m[2] === undefined ? [] : splitMacroArgs(m[2]) };
}

class ExpansionFailure extends Error {}

/** Arguments by position, or by name when every argument is `name=value` with the macro's names. */
function bindArgs(def: MacroDefinition, args: string[]): Map<string, string> {
  const named = args.map((a) => /^([A-Za-z0-9_.-]+)\s*=\s*([\s\S]*)$/.exec(a));
  const bound = new Map<string, string>();
  if (args.length > 0 && named.every((m) => m && def.args.includes(m[1]!)) && new Set(named.map((m) => m![1])).size === args.length) {
    for (const m of named) bound.set(m![1]!, m![2]!);
    return bound;
  }
  def.args.forEach((n, i) => bound.set(n, args[i] ?? ''));
  return bound;
}

function substitute(def: MacroDefinition, args: string[]): string {
  if (def.args.length === 0) return def.definition;
  const bound = bindArgs(def, args);
  return def.definition.replace(/\$([A-Za-z0-9_.-]+)\$/g, (whole, n: string) => bound.get(n) ?? whole);
}

/**
 * Expands every macro call outside quoted strings, recursively, substituting `$arg$`; removes
 * triple-backtick comments (Splunk drops them before parsing). On an undefined macro, a cycle or a
 * malformed call, `error` names it with the range of the outermost call in `text`, and `text` is the
 * input unchanged.
 */
export function expandMacros(text: string, table: MacroTable, options: ExpandOptions = {}): ExpandResult {
  const maxDepth = options.maxDepth ?? 50;
  const maxLength = options.maxLength ?? 1_000_000;
  let expanded = false;
  let top: { start: number; end: number } = { start: 0, end: 0 };

  const expand = (s: string, stack: string[]): string => {
    let out = '';
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (c === '\\') { out += s.slice(i, i + 2); i += 2; continue; }
      if (c === '"') { const e = scanString(s, i); out += s.slice(i, e); i = e; continue; }
      if (c !== '`') { out += c; i++; continue; }
      if (s.startsWith(COMMENT_MARK, i)) { i = scanComment(s, i); out += ' '; continue; }
      const end = scanMacro(s, i);
      if (stack.length === 0) top = { start: i, end };
      const chain = stack.length === 0 ? '' : ` (inside ${stack.map((k) => `'${k}'`).join(' → ')})`;
      if (s[end - 1] !== '`' || end - i < 2) throw new ExpansionFailure(`Unclosed macro call: a backtick without its closing backtick${chain}.`);
      const call = parseMacroCall(s.slice(i + 1, end - 1));
      if (!call) throw new ExpansionFailure(`Invalid macro call '${s.slice(i, end)}'${chain}.`);
      const key = macroKey(call.name, call.args.length);
      const def = table.get(call.name, call.args.length) ?? options.fallback?.(call.name, call.args.length);
      if (!def) {
        const others = table.arities(call.name);
        const hint = others.length > 0 ? `; it is defined with ${others.join(' or ')} argument${others.length === 1 && others[0] === 1 ? '' : 's'}` : '';
        throw new ExpansionFailure(`The macro '${key}' is not defined${hint}${chain}.`);
      }
      if (def.isEval) throw new ExpansionFailure(`The macro '${key}' is an eval-based macro (iseval = 1), which the local engine cannot expand${chain}.`);
      if (stack.includes(key)) throw new ExpansionFailure(`The macro '${key}' expands to itself (${[...stack, key].map((k) => `'${k}'`).join(' → ')}).`);
      if (stack.length >= maxDepth) throw new ExpansionFailure(`Macros nest deeper than ${maxDepth} levels at '${key}'.`);
      expanded = true;
      out += expand(substitute(def, call.args), [...stack, key]);
      if (out.length > maxLength) throw new ExpansionFailure(`The expanded search is longer than ${maxLength.toLocaleString('en-US')} characters (at '${key}').`);
      i = end;
    }
    return out;
  };

  try {
    return { text: expand(text, []), expanded };
  } catch (e) {
    if (!(e instanceof ExpansionFailure)) throw e;
    return { text, expanded: false, error: { message: e.message, start: top.start, end: top.end } };
  }
}

/** The macro calls in `text` (outside strings and comments), for completion and hover. */
export function findMacroCalls(text: string): MacroCall[] {
  const calls: MacroCall[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') { i += 2; continue; }
    if (c === '"') { i = scanString(text, i); continue; }
    if (c !== '`') { i++; continue; }
    if (text.startsWith(COMMENT_MARK, i)) { i = scanComment(text, i); continue; }
    const end = scanMacro(text, i);
    const call = text[end - 1] === '`' && end - i >= 2 ? parseMacroCall(text.slice(i + 1, end - 1)) : undefined;
    if (call) calls.push({ ...call, start: i, end });
    i = end;
  }
  return calls;
}
