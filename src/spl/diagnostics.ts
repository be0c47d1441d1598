/**
 * Diagnostics for SPL text as a detection engineer writes it. The bar is trust: an error is raised
 * only for what Splunk itself rejects, in Splunk's wording where it has one. What may be fine on a
 * given server (a command from an app, a macro) is at most a warning, and a command whose arguments
 * hold a macro is not checked beyond balance, since the macro may expand to anything.
 */
import { AGGREGATION_COMMANDS, commandInfo, COMMANDS, EVAL_FUNCTIONS, EXPRESSION_COMMANDS, evalFunction, statsFunction, type FunctionInfo } from './registry';
import { parseBlocks, type Pipeline, type Segment } from './structure';
import { isClosedString, tokenize, type Token } from './tokenize';

export type SplSeverity = 'error' | 'warning' | 'information' | 'hint';

export interface SplDiagnostic {
  severity: SplSeverity;
  message: string;
  /** Offsets into the linted text; `end` exclusive. */
  start: number;
  end: number;
  /** A stable name for the rule, for tests and quick fixes. */
  code: string;
}

export interface LintOptions {
  /**
   * The connected server's search commands (`/services/data/commands`), lower case. With it, a
   * command no list knows is an error, since the server says it does not exist; without it (offline,
   * the local engine) such a command is a warning: it may come from an app.
   */
  serverCommands?: ReadonlySet<string>;
  /**
   * The commands the local engine implements, when searches run there: a real command outside it,
   * or a subsearch, is noted as information (it runs on a Splunk server), never as an error.
   */
  localEngineCommands?: ReadonlySet<string>;
}

/** Lints every query block of `text` (blocks are separated by blank lines, as for running). */
export function lintSpl(text: string, options: LintOptions = {}): SplDiagnostic[] {
  const tokens = tokenize(text);
  const masked = maskText(text, tokens);
  const out: SplDiagnostic[] = [];
  for (const parsed of parseBlocks(text, tokens)) {
    const ctx: Ctx = { text, masked, out, options };
    for (const token of parsed.tokens) checkToken(ctx, token);
    for (const stray of parsed.strayCloses) report(ctx, 'error', "Mismatched ']'.", stray.start, stray.end, 'bracket');
    lintPipeline(ctx, parsed.pipeline, true);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

interface Ctx {
  text: string;
  /** `text` with comments blanked, strings' contents and macros replaced, escapes neutralised. */
  masked: string;
  out: SplDiagnostic[];
  options: LintOptions;
}

function report(ctx: Ctx, severity: SplSeverity, message: string, start: number, end: number, code: string): void {
  ctx.out.push({ severity, message, start, end: Math.max(end, start + 1), code });
}

/**
 * A copy of `text` of the same length in which only structure is left: comments become spaces,
 * a string's contents become `s` (its quotes stay), a macro call becomes `_` (an operand), and an
 * escaped character outside strings becomes `_`, so `\(` or `\"` no longer count as syntax.
 */
const UTF16 = new TextDecoder('utf-16le');
const SPACE = 0x20;
const UNDERSCORE = 0x5f;
const LETTER_S = 0x73;

function maskText(text: string, tokens: readonly Token[]): string {
  // One array of code units edited in place and decoded once: on a 2.7 MB file, building the copy
  // from millions of small strings was most of the lint time and its garbage most of the rest.
  // (An unpaired surrogate decodes to U+FFFD, still one code unit, so offsets stay the same.)
  const codes = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) codes[i] = text.charCodeAt(i);
  const fill = (from: number, to: number, ch: number) => {
    for (let i = from; i < to; i++) if (codes[i] !== 0x0a && codes[i] !== 0x0d) codes[i] = ch;
  };
  // The next backslash at or after the current token; tokens come in order, so this only moves on.
  let backslash = text.indexOf('\\');
  for (const t of tokens) {
    if (t.kind === 'comment') fill(t.start, t.end, SPACE);
    else if (t.kind === 'macro') fill(t.start, t.end, UNDERSCORE);
    else if (t.kind === 'string') fill(t.start + 1, isClosedString(text, t.start, t.end) ? t.end - 1 : t.end, LETTER_S);
    else if (t.kind === 'word') {
      while (backslash !== -1 && backslash < t.start) backslash = text.indexOf('\\', backslash + 1);
      while (backslash !== -1 && backslash < t.end) {
        fill(backslash, Math.min(backslash + 2, t.end), UNDERSCORE);
        backslash = text.indexOf('\\', backslash + 2);
      }
    }
  }
  return UTF16.decode(codes);
}

function checkToken(ctx: Ctx, token: Token): void {
  if (token.kind === 'string' && !isClosedString(ctx.text, token.start, token.end)) {
    report(ctx, 'error', 'Unbalanced quotes.', token.start, token.start + 1, 'quote');
  } else if (token.kind === 'macro' && (token.end - token.start < 2 || ctx.text[token.end - 1] !== '`')) {
    report(ctx, 'error', 'Unbalanced backticks: this macro call has no closing backtick on its line.', token.start, token.start + 1, 'backtick');
  }
}

function lintPipeline(ctx: Ctx, pipeline: Pipeline, top: boolean): void {
  if (pipeline.open !== undefined && pipeline.close === undefined) {
    report(ctx, 'error', "Unbalanced square brackets: this '[' is never closed.", pipeline.open, pipeline.open + 1, 'bracket');
  }
  const leadingPipe = pipeline.segments.length > 1 && pipeline.segments[0]!.tokens.length === 0 && pipeline.segments[0]!.subsearches.length === 0;
  pipeline.segments.forEach((segment, i) => {
    for (const sub of segment.subsearches) lintPipeline(ctx, sub, false);
    if (segment.tokens.length === 0 && segment.subsearches.length === 0) {
      if (i === 0) return;
      const pipe = segment.pipe!;
      const last = i === pipeline.segments.length - 1;
      if (last) report(ctx, 'error', "Missing a search command after '|'.", pipe, pipe + 1, 'empty-command');
      else report(ctx, 'error', "Missing a search command before '|'.", pipeline.segments[i + 1]!.pipe!, pipeline.segments[i + 1]!.pipe! + 1, 'empty-command');
      return;
    }
    checkParentheses(ctx, segment, commandName(ctx, segment) ?? 'search');
    const first = segment.tokens[0];
    // Search terms: the first command of a query without a leading pipe. In a subsearch or a
    // template (appendpipe [stats ...], foreach [eval ...]) a known command word is a command.
    if (i === 0 && !leadingPipe) {
      const name = first?.kind === 'word' ? ctx.text.slice(first.start, first.end).toLowerCase() : '';
      if (top || !COMMANDS.has(name) || name === 'search') return;
      lintCommand(ctx, segment, name, first!, false);
      return;
    }
    if (!first || first.kind !== 'word') return; // a macro, a string, a subsearch: nothing to name
    const name = ctx.text.slice(first.start, first.end);
    const info = commandInfo(name);
    if (!info) {
      const server = ctx.options.serverCommands;
      if (server?.has(name.toLowerCase())) return; // an app's command, installed on the connected server
      const suggestion = closest(name.toLowerCase(), [...COMMANDS.keys(), ...(server ?? [])]);
      if (server) {
        report(ctx, 'error', `Unknown search command '${name}'.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, first.start, first.end, 'unknown-command');
        return;
      }
      const hint = suggestion ? ` Did you mean '${suggestion}'?` : ' It may come from an app that is not known here.';
      report(ctx, 'warning', `Unknown search command '${name}'.${hint}`, first.start, first.end, 'unknown-command');
      return;
    }
    const notFirst = i > (leadingPipe ? 1 : 0);
    lintCommand(ctx, segment, info.name, first, notFirst);
    if (ctx.options.localEngineCommands && !ctx.options.localEngineCommands.has(info.name)) {
      report(ctx, 'information', `The '${info.name}' command is not supported by the local engine; it runs on a Splunk server.`, first.start, first.end, 'local-engine');
    }
  });
}

function commandName(ctx: Ctx, segment: Segment): string | undefined {
  const first = segment.tokens[0];
  return first?.kind === 'word' ? ctx.text.slice(first.start, first.end).toLowerCase() : undefined;
}

function hasMacro(segment: Segment): boolean {
  return segment.tokens.some((t) => t.kind === 'macro');
}

/** Parentheses within one command; single quotes name fields in eval expressions. */
function checkParentheses(ctx: Ctx, segment: Segment, name: string): void {
  const open: number[] = [];
  const evalLike = EXPRESSION_COMMANDS.has(name);
  for (const t of segment.tokens) {
    if (t.kind !== 'word') continue;
    const s = evalLike ? maskFieldNames(ctx.masked.slice(t.start, t.end)) : ctx.masked.slice(t.start, t.end);
    for (let k = 0; k < s.length; k++) {
      if (s[k] === '(') open.push(t.start + k);
      else if (s[k] === ')') {
        if (open.length === 0) report(ctx, 'error', 'Unbalanced parentheses.', t.start + k, t.start + k + 1, 'paren');
        else open.pop();
      }
    }
  }
  for (const at of open) report(ctx, 'error', 'Unbalanced parentheses.', at, at + 1, 'paren');
}

/** Field names in expressions: 'single quoted', and foreach's <<FIELD>> templates. */
function maskFieldNames(s: string): string {
  return s.replace(/'[^']*'|<<[A-Za-z_]+>>/g, (m) => '_'.repeat(m.length));
}

/** Where a bare word that is no aggregation is certainly an error (the others take more clauses). */
const STRICT_STATS = new Set(['stats', 'eventstats', 'streamstats', 'sistats']);
const NEEDS_SUBSEARCH = new Set(['join', 'append', 'appendcols', 'appendpipe', 'foreach']);

interface Args {
  /** Offset where the arguments start (after the command name). */
  start: number;
  end: number;
  /** The masked argument text, same length as the original. */
  masked: string;
}

function lintCommand(ctx: Ctx, segment: Segment, name: string, nameToken: Token, notFirst: boolean): void {
  const info = COMMANDS.get(name)!;
  const args: Args = { start: nameToken.end, end: segment.end, masked: ctx.masked.slice(nameToken.end, segment.end) };
  const rest = segment.tokens.slice(1);
  if (notFirst && info.generating && !(info.generating === 'append' && hasAppendOption(ctx, rest))) {
    report(ctx, 'error', `Error in '${name}' command: This command must be the first command of a search.`, nameToken.start, nameToken.end, 'generating-not-first');
  }
  const macro = hasMacro(segment);
  if (EXPRESSION_COMMANDS.has(name)) {
    lintExpressionFunctions(ctx, name, args);
    if (name === 'eval' && !macro) lintEvalAssignments(ctx, args, nameToken);
  } else if (AGGREGATION_COMMANDS.has(name)) {
    lintAggregations(ctx, name, args, nameToken, macro);
  }
  if (macro) return;
  const words = rest.filter((t) => t.kind === 'word' || t.kind === 'string');
  const plain = fieldArguments(ctx, rest);
  const whole = (): [number, number] => [nameToken.start, Math.max(nameToken.end, segment.tokens[segment.tokens.length - 1]!.end)];
  switch (name) {
    case 'rename':
      lintRename(ctx, rest, whole());
      break;
    case 'rex':
      lintRex(ctx, rest, whole());
      break;
    case 'regex':
      if (words.length === 0) report(ctx, 'error', "Error in 'SearchOperator:regex': Usage: regex <field> (=|!=) <regex>.", ...whole(), 'args');
      break;
    case 'table':
      if (words.length === 0) report(ctx, 'error', "Error in 'table' command: Must specify at least one valid field name (can contain wildcards).", ...whole(), 'args');
      break;
    case 'dedup':
      if (plain.filter((w) => !/^\d+$/.test(w)).length === 0) report(ctx, 'error', "Error in 'dedup' command: At least one field must be given as an argument.", ...whole(), 'args');
      break;
    case 'top':
    case 'rare':
      if (plain.filter((w) => !/^\d+$/.test(w) && w.toLowerCase() !== 'by').length === 0) {
        report(ctx, 'error', `Error in '${name}' command: No fields were specified.`, ...whole(), 'args');
      }
      break;
    case 'sort':
      if (words.length === 0) report(ctx, 'error', 'Error in \'sort\' command: You must specify fields to sort.', ...whole(), 'args');
      break;
    case 'lookup':
    case 'inputlookup':
      if (plain.length === 0) report(ctx, 'error', `Error in '${name}' command: A lookup table name is required.`, ...whole(), 'args');
      break;
    case 'mvexpand':
    case 'makemv':
    case 'iplocation':
    case 'bin':
    case 'bucket':
      if (plain.filter((w) => w.toLowerCase() !== 'as').length === 0) report(ctx, 'error', `Error in '${name}' command: A field name is required.`, ...whole(), 'args');
      break;
  }
  if (NEEDS_SUBSEARCH.has(name) && segment.subsearches.length === 0) {
    report(ctx, 'error', `Error in '${name}' command: A subsearch in square brackets ([ ... ]) is required.`, ...whole(), 'args');
  }
}

function hasAppendOption(ctx: Ctx, tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === 'word' && /^append=(?:t|true|1|yes)$/i.test(ctx.text.slice(t.start, t.end)));
}

/**
 * The words of a command that are neither options (`name=value`, including `name="value"`) nor
 * strings: field names, lookup names and keywords. Words are split at commas.
 */
function fieldArguments(ctx: Ctx, tokens: readonly Token[]): string[] {
  const out: string[] = [];
  tokens.forEach((t, k) => {
    if (t.kind === 'string') {
      const prev = tokens[k - 1];
      if (!(prev && prev.kind === 'word' && prev.end === t.start && ctx.text[prev.end - 1] === '=')) out.push(ctx.text.slice(t.start, t.end));
      return;
    }
    if (t.kind !== 'word') return;
    const w = ctx.text.slice(t.start, t.end);
    if (w.includes('=')) return;
    for (const part of w.split(',')) if (part !== '') out.push(part);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// eval expressions

const OPERATOR_WORDS = new Set(['and', 'or', 'not', 'xor']);
/** `x IN (...)` and `x LIKE "..."` are operators as well as functions. */
const INFIX_WORDS = new Set(['in', 'like']);

interface Call {
  name: string;
  nameStart: number;
  /** Offset of the '(' and of the matching ')' (undefined when unclosed). */
  open: number;
  close: number | undefined;
  /** Offsets of the top-level argument texts, [start, end) pairs. */
  args: Array<[number, number]>;
}

/** The function calls in an expression, outermost first; offsets are absolute. */
function findCalls(masked: string, base: number): Call[] {
  const calls: Call[] = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)\s*\(/g;
  for (let m = re.exec(masked); m !== null; m = re.exec(masked)) {
    const before = m.index > 0 ? masked[m.index - 1]! : ' ';
    if (/[\w.$]/.test(before)) continue; // part of a longer name such as a dotted field
    const open = m.index + m[0].length - 1;
    const args: Array<[number, number]> = [];
    let depth = 0;
    let argStart = open + 1;
    let close: number | undefined;
    for (let k = open; k < masked.length; k++) {
      const c = masked[k];
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 0) {
          close = k;
          break;
        }
      } else if (c === ',' && depth === 1) {
        args.push([base + argStart, base + k]);
        argStart = k + 1;
      }
    }
    const last: [number, number] = [base + argStart, base + (close ?? masked.length)];
    if (args.length > 0 || masked.slice(argStart, close ?? masked.length).trim() !== '') args.push(last);
    calls.push({ name: m[1]!, nameStart: base + m.index, open: base + open, close: close === undefined ? undefined : base + close, args });
  }
  return calls;
}

function previousNonSpace(masked: string, at: number): string {
  for (let k = at - 1; k >= 0; k--) if (!/\s/.test(masked[k]!)) return masked[k]!;
  return '';
}

function arityText(f: FunctionInfo): string {
  if (f.minArgs === f.maxArgs) return `${f.minArgs} argument${f.minArgs === 1 ? '' : 's'}`;
  if (f.maxArgs === Infinity) return `at least ${f.minArgs} argument${f.minArgs === 1 ? '' : 's'}`;
  return `${f.minArgs} to ${f.maxArgs} arguments`;
}

function containsMacro(ctx: Ctx, start: number, end: number): boolean {
  return ctx.text.slice(start, end).includes('`');
}

/** Unknown eval functions and wrong argument counts, anywhere in an expression. */
function lintExpressionFunctions(ctx: Ctx, command: string, args: Args): void {
  const masked = maskFieldNames(args.masked);
  for (const call of findCalls(masked, args.start)) {
    const lower = call.name.toLowerCase();
    if (OPERATOR_WORDS.has(lower)) continue;
    if (INFIX_WORDS.has(lower) && /[\w")'_]/.test(previousNonSpace(masked, call.nameStart - args.start))) continue;
    const f = evalFunction(lower);
    const nameEnd = call.nameStart + call.name.length;
    if (!f) {
      const suggestion = closest(lower, [...EVAL_FUNCTIONS.keys()]);
      report(ctx, 'error', `Error in '${command}' command: The '${call.name}' function is unsupported or undefined.${suggestion ? ` Did you mean '${suggestion}'?` : ''}`, call.nameStart, nameEnd, 'unknown-function');
      continue;
    }
    if (call.close === undefined || containsMacro(ctx, call.open, call.close)) continue;
    const n = call.args.length;
    if (n < f.minArgs || n > f.maxArgs) {
      report(ctx, 'error', `Error in '${command}' command: The arguments to the '${f.name}' function are invalid. It takes ${arityText(f)}: ${f.signature}.`, call.nameStart, nameEnd, 'arity');
    }
  }
}

/** `eval a=1, b=if(...)`: each comma-separated part assigns a field. */
function lintEvalAssignments(ctx: Ctx, args: Args, nameToken: Token): void {
  const masked = maskFieldNames(args.masked);
  if (masked.trim() === '') {
    report(ctx, 'error', "Error in 'eval' command: Arguments are missing. Usage: eval dest_key = expression.", nameToken.start, nameToken.end, 'args');
    return;
  }
  let depth = 0;
  let partStart = 0;
  const parts: Array<[number, number]> = [];
  for (let k = 0; k <= masked.length; k++) {
    const c = masked[k];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (k === masked.length || (c === ',' && depth === 0)) {
      parts.push([partStart, k]);
      partStart = k + 1;
    }
  }
  for (const [a, b] of parts) {
    const part = masked.slice(a, b);
    const eq = /^\s*[^\s=!<>()]+(?:\s+[^\s=!<>()]+)*?\s*=(?!=)/.exec(part);
    const lead = part.length - part.trimStart().length;
    const from = args.start + a + lead;
    const to = args.start + a + part.trimEnd().length;
    if (!eq) {
      report(ctx, 'error', "Error in 'eval' command: The expression is malformed. Expected =.", from, Math.max(to, from + 1), 'eval-assignment');
    } else if (part.slice(eq[0].length).trim() === '') {
      report(ctx, 'error', "Error in 'eval' command: The expression is malformed. An expression is expected after '='.", from, Math.max(to, from + 1), 'eval-assignment');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// stats and friends

/** Where the aggregations end: the by clause, and tstats/mstats' where and from, chart's over. */
function aggregationEnd(command: string, word: string): boolean {
  const w = word.toLowerCase();
  if (w === 'by') return true;
  if ((command === 'tstats' || command === 'mstats') && (w === 'where' || w === 'from')) return true;
  return (command === 'chart' || command === 'sichart') && w === 'over';
}

function lintAggregations(ctx: Ctx, command: string, args: Args, nameToken: Token, macro: boolean): void {
  const masked = args.masked;
  let k = 0;
  let aggregations = 0;
  let afterAs = false;
  while (k < masked.length) {
    while (k < masked.length && /[\s,]/.test(masked[k]!)) k++;
    if (k >= masked.length) break;
    const start = k;
    let depth = 0;
    while (k < masked.length && (depth > 0 || !/[\s,]/.test(masked[k]!))) {
      if (masked[k] === '(') depth++;
      else if (masked[k] === ')') depth--;
      k++;
    }
    const item = masked.slice(start, k);
    if (afterAs) {
      afterAs = false;
      continue;
    }
    if (item.toLowerCase() === 'as') {
      afterAs = true;
      continue;
    }
    if (aggregationEnd(command, item)) break;
    if (/^_+$/.test(item) || item.startsWith('"')) continue; // a macro or a quoted name
    const paren = item.indexOf('(');
    const eq = item.indexOf('=');
    if (eq !== -1 && (paren === -1 || eq < paren)) continue; // an option such as span=1h
    const abs = args.start + start;
    const original = ctx.text.slice(abs, abs + item.length);
    if (paren === -1) {
      const f = statsFunction(item);
      if (f) aggregations++;
      else if (STRICT_STATS.has(command) && !macro && /^[A-Za-z_]\w*$/.test(item)) {
        report(ctx, 'error', `Error in '${command}' command: The argument '${original}' is invalid.${suggestStats(item)}`, abs, abs + item.length, 'unknown-function');
      }
      continue;
    }
    const name = item.slice(0, paren).trim();
    const f = statsFunction(name);
    if (!f) {
      report(ctx, 'error', `Error in '${command}' command: The argument '${original}' is invalid.${suggestStats(name)}`, abs, abs + paren, 'unknown-function');
      continue;
    }
    aggregations++;
    const calls = findCalls(item, abs);
    const call = calls[0];
    if (!call || call.close === undefined) continue;
    for (const [a, b] of call.args) {
      const argText = ctx.masked.slice(a, b);
      const inner = /^\s*eval\s*\(/i.exec(argText);
      if (inner) lintExpressionFunctions(ctx, command, { start: a + inner[0].length, end: b - 1, masked: ctx.masked.slice(a + inner[0].length, b) });
    }
    if (f.name !== 'sparkline' && !containsMacro(ctx, call.open, call.close) && (call.args.length < f.minArgs || call.args.length > f.maxArgs)) {
      report(ctx, 'error', `Error in '${command}' command: The argument '${original}' is invalid. ${f.name} takes ${arityText(f)}: ${f.signature}.`, abs, abs + paren, 'arity');
    }
  }
  if ((command === 'timechart' || command === 'sitimechart') && aggregations === 0 && !macro) {
    report(ctx, 'error', "Error in 'timechart' command: You must specify data field(s) to chart.", nameToken.start, nameToken.end, 'args');
  }
}

function suggestStats(name: string): string {
  const s = closest(name.toLowerCase(), ['avg', 'count', 'dc', 'distinct_count', 'earliest', 'latest', 'list', 'max', 'median', 'min', 'mode', 'range', 'stdev', 'sum', 'values', 'var', 'first', 'last', 'estdc']);
  return s ? ` Did you mean '${s}'?` : '';
}

// ---------------------------------------------------------------------------------------------
// rename and rex

function lintRename(ctx: Ctx, tokens: readonly Token[], whole: [number, number]): void {
  const items: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'string') items.push(ctx.text.slice(t.start, t.end));
    else if (t.kind === 'word') for (const p of ctx.text.slice(t.start, t.end).split(',')) if (p !== '') items.push(p);
  }
  let ok = items.length > 0 && items.length % 3 === 0;
  for (let k = 1; ok && k < items.length; k += 3) ok = /^(?:as|to|->)$/i.test(items[k]!);
  if (!ok) report(ctx, 'error', "Error in 'rename' command: Usage: rename [old_name AS/TO/-> new_name]+.", ...whole, 'args');
}

const NAMED_GROUP = /\(\?(?:P?<[A-Za-z_]\w*>|'[A-Za-z_]\w*')/;

function lintRex(ctx: Ctx, tokens: readonly Token[], whole: [number, number]): void {
  let sed = false;
  let regex: Token | undefined;
  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    const isValue = prev !== undefined && prev.kind === 'word' && prev.end === t.start && ctx.text[prev.end - 1] === '=';
    if (t.kind === 'word') {
      const w = ctx.text.slice(t.start, t.end);
      if (/^mode=sed$/i.test(w)) sed = true;
      else if (!w.includes('=') && !isValue && !regex) regex = t;
    } else if (t.kind === 'string' && !isValue && !regex) {
      regex = t;
    } else if (t.kind === 'string' && isValue && /^mode=$/i.test(ctx.text.slice(prev!.start, prev!.end)) && /sed/i.test(ctx.text.slice(t.start, t.end))) {
      sed = true;
    }
  });
  if (!regex) {
    report(ctx, 'error', "Error in 'SearchOperator:rex': Usage: regex [field=<field>] <regex>.", ...whole, 'args');
    return;
  }
  const source = ctx.text.slice(regex.start, regex.end);
  if (!sed && !NAMED_GROUP.test(source)) {
    const shown = regex.kind === 'string' ? source.slice(1, -1) : source;
    report(ctx, 'error', `Error in 'rex' command: The regex '${shown}' does not extract anything. It should specify at least one named group. Format: (?<name>...).`, regex.start, regex.end, 'rex-group');
  }
}

// ---------------------------------------------------------------------------------------------

/** The closest name within edit distance 2 (1 for short names), for "did you mean". */
export function closest(word: string, names: readonly string[]): string | undefined {
  const limit = word.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const n of names) {
    if (Math.abs(n.length - word.length) > limit || n.includes('<')) continue;
    const d = editDistance(word, n, limit);
    if (d < bestDistance) {
      best = n;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string, limit: number): number {
  // Damerau (adjacent transposition) counts as one edit: "stast" is one slip from "stats".
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0]!.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]!.push(d);
    }
    if (i > 0 && Math.min(...rows[i]!) > limit) return limit + 1;
  }
  return rows[a.length]![b.length]!;
}
