/**
 * Completion, signature help, hover, outline and folding for SPL, as plain functions of the text
 * and an offset; the vscode layer only converts positions. Reads the same registry as lintSpl.
 */
import { AGGREGATION_COMMANDS, COMMANDS, EVAL_FUNCTIONS, EXPRESSION_COMMANDS, STATS_FUNCTIONS, commandInfo, evalFunction, statsFunction, type CommandInfo, type FunctionInfo } from './registry';
import { escapeMarkdown, fencedCode, NO_FACTS, type DocumentFacts, type FieldFacts, type MacroFacts } from './documentFacts';
import { parseBlocks } from './structure';
import { isClosedString, tokenize, type Token } from './tokenize';

export type CompletionKind = 'command' | 'function' | 'option' | 'keyword' | 'timeModifier' | 'field' | 'value' | 'macro';

export interface SplCompletion {
  label: string;
  kind: CompletionKind;
  detail: string;
  documentation?: string;
  /**
   * Documentation built only when the editor shows the item: a server can define thousands of
   * macros, and building each definition's Markdown up front was most of a completion's time.
   */
  resolveDocumentation?: () => string;
  /** Text to insert when it differs from the label. */
  insertText?: string;
}

export interface SplCompletions {
  /** Offsets of the word being completed, which the chosen item replaces. */
  start: number;
  end: number;
  items: SplCompletion[];
}


export const TIME_MODIFIERS: ReadonlyArray<[string, string]> = [
  ['-15m', '15 minutes ago'],
  ['-60m@m', '60 minutes ago, snapped to the minute'],
  ['-4h@h', '4 hours ago, snapped to the hour'],
  ['-24h', '24 hours ago'],
  ['-1d@d', 'the start of yesterday'],
  ['@d', 'the start of today'],
  ['-7d@d', 'the start of the day 7 days ago'],
  ['@w0', 'the start of this week (Sunday)'],
  ['-30d@d', 'the start of the day 30 days ago'],
  ['@mon', 'the start of this month'],
  ['-1y@y', 'the start of last year'],
  ['now', 'now'],
  ['0', 'the beginning of time (all time)'],
];

/**
 * The block of non-blank lines around `offset`, found by scanning outwards only as far as the
 * blank lines that bound it, so a request stays cheap on a very large file.
 */
export function blockAround(text: string, offset: number): { start: number; end: number } {
  const blankBefore = /\n[ \t]*\r?\n/g;
  let start = 0;
  // Search backwards in growing windows for the last blank line before the offset.
  for (let window = 4096; ; window *= 4) {
    const from = Math.max(0, offset - window);
    const slice = text.slice(from, offset);
    let last = -1;
    blankBefore.lastIndex = 0;
    for (let m = blankBefore.exec(slice); m !== null; m = blankBefore.exec(slice)) {
      last = from + m.index + m[0].length;
      blankBefore.lastIndex = m.index + 1;
    }
    if (last !== -1) {
      start = last;
      break;
    }
    if (from === 0) break;
  }
  const after = /\n[ \t]*\r?\n/.exec(text.slice(offset));
  const end = after ? offset + after.index : text.length;
  return { start, end: Math.max(end, offset) };
}

interface CursorContext {
  /** Tokens of the block up to the cursor, offsets into the document. */
  tokens: Token[];
  /** The word being typed, up to the cursor. */
  wordStart: number;
  /** Index into `tokens` of the first token of the current command, or -1 before any command. */
  commandIndex: number;
  /** The current command's name, lower case; '' for the search terms that open a query. */
  command: string;
  /** True when the word being typed is the command name itself. */
  atCommandName: boolean;
  /** The token the cursor is inside, when it is a string, comment or macro. */
  inside: Token | undefined;
}

function cursorContext(text: string, offset: number): CursorContext {
  const block = blockAround(text, offset);
  const prefix = text.slice(block.start, offset);
  const tokens = tokenize(prefix).map((t) => ({ ...t, start: t.start + block.start, end: t.end + block.start }));
  const last = tokens[tokens.length - 1];
  const inside = last && last.end >= offset && isOpen(text, last) ? last : undefined;
  let wordStart = offset;
  while (wordStart > block.start && /[\w.-]/.test(text[wordStart - 1]!)) wordStart--;
  // The current command starts after the last pipe or '[' before the cursor.
  let k = tokens.length - 1;
  while (k >= 0 && tokens[k]!.kind !== 'pipe' && tokens[k]!.kind !== 'lbracket') k--;
  const commandIndex = k >= 0 ? k + 1 : -1;
  const typingWord = last !== undefined && last.kind === 'word' && last.end === offset;
  const atCommandName = commandIndex >= 0 && (tokens.length === commandIndex || (tokens.length === commandIndex + 1 && typingWord));
  const first = tokens[commandIndex];
  const command = !atCommandName && first?.kind === 'word' ? text.slice(first.start, first.end).toLowerCase() : '';
  return { tokens, wordStart, commandIndex, command, atCommandName, inside };
}

/** True when the cursor at the token's end is still inside it: an unclosed string, comment or macro. */
function isOpen(text: string, t: Token): boolean {
  if (t.kind === 'string') return !isClosedString(text, t.start, t.end);
  if (t.kind === 'comment') return t.end - t.start < 6 || !text.startsWith('```', t.end - 3);
  if (t.kind === 'macro') return t.end - t.start < 2 || text[t.end - 1] !== '`';
  return false;
}

function commandCompletion(c: CommandInfo): SplCompletion {
  return {
    label: c.name,
    kind: 'command',
    detail: c.app ? `${c.summary} (${c.app})` : c.summary,
    documentation: `${c.summary}\n\n[Search Reference](${c.url})`,
  };
}

function functionCompletion(f: FunctionInfo): SplCompletion {
  const label = f.name === 'perc<N>' ? 'perc95' : f.name;
  return { label, kind: 'function', detail: f.signature, documentation: `${f.summary}\n\n[Search Reference](${f.url})`, insertText: `${label}(` };
}

function fieldDetail(f: FieldFacts): string {
  const distinct = f.distinctCount === undefined ? '' : `, ${f.distinctCount.toLocaleString('en-US')} distinct value${f.distinctCount === 1 ? '' : 's'}`;
  return `field (${f.origin}${distinct})`;
}

function macroCall(m: MacroFacts): string {
  return m.args.length === 0 ? m.name : `${m.name}(${m.args.join(', ')})`;
}

function macroCompletion(m: MacroFacts): SplCompletion {
  const where = m.source ? ` (${m.source})` : '';
  const call = macroCall(m);
  return { label: call, kind: 'macro', detail: `macro${where}`, resolveDocumentation: () => fencedCode(m.definition), insertText: call };
}

/** Values that may follow `name=`: index and sourcetype names, else a field's top values. */
function valueCompletions(name: string, facts: DocumentFacts): SplCompletion[] {
  const lower = name.toLowerCase();
  if (lower === 'index') return facts.indexes.map((v) => ({ label: v, kind: 'value', detail: 'index' }));
  if (lower === 'sourcetype') return facts.sourcetypes.map((v) => ({ label: v, kind: 'value', detail: 'sourcetype' }));
  const field = facts.fields.find((f) => f.name === name);
  return (field?.topValues ?? []).map((v) => ({ label: v.value, kind: 'value', detail: `${name}: ${v.count.toLocaleString('en-US')} in the ${field!.origin}` }));
}

/** Where a value being typed after `=` starts: values such as sourcetypes hold ':' and '/'. */
function valueStart(text: string, offset: number, floor: number): number {
  let k = offset;
  while (k > floor && !/[\s="'|[\]()`,]/.test(text[k - 1]!)) k--;
  return k;
}

/**
 * What completes at `offset`: command names after a pipe; functions, options and fields inside one;
 * index, sourcetype and field values after `name=`; macro names after a backtick. `facts` holds what
 * is known beyond the text (last results, local data, the connected server).
 */
export function completeAt(text: string, offset: number, facts: DocumentFacts = NO_FACTS): SplCompletions {
  const ctx = cursorContext(text, offset);
  const range = { start: ctx.wordStart, end: offset };
  if (ctx.inside?.kind === 'macro') {
    return { start: ctx.inside.start + 1, end: offset, items: facts.macros.map(macroCompletion) };
  }
  if (ctx.inside && ctx.inside.kind !== 'string') return { ...range, items: [] };
  const before = text.slice(Math.max(0, ctx.wordStart - 40), ctx.wordStart);
  if (/\b(?:earliest|latest)\s*=\s*"?$/i.test(before)) {
    return { ...range, items: TIME_MODIFIERS.map(([label, detail]) => ({ label, kind: 'timeModifier', detail })) };
  }
  const floor = blockAround(text, offset).start;
  const vStart = valueStart(text, offset, floor);
  const assigned = /([\w.{}]+)\s*(?:!=|=)\s*"?$/.exec(text.slice(Math.max(floor, vStart - 200), vStart));
  if (assigned && !ctx.atCommandName && (!ctx.inside || ctx.inside.start === vStart - 1)) {
    const values = valueCompletions(assigned[1]!, facts);
    if (values.length > 0) return { start: vStart, end: offset, items: values };
  }
  if (ctx.inside) return { ...range, items: [] };
  if (ctx.atCommandName) return { ...range, items: [...COMMANDS.values()].map(commandCompletion) };
  const info = commandInfo(ctx.command);
  const items: SplCompletion[] = [];
  const fieldStart = valueStart(text, offset, floor);
  const fieldRange = /^[\w.{}]*$/.test(text.slice(fieldStart, offset)) ? fieldStart : ctx.wordStart;
  if (EXPRESSION_COMMANDS.has(ctx.command)) items.push(...[...EVAL_FUNCTIONS.values()].map(functionCompletion));
  if (AGGREGATION_COMMANDS.has(ctx.command)) {
    items.push(...[...STATS_FUNCTIONS.values()].map(functionCompletion));
    for (const k of ['by', 'as']) items.push({ label: k, kind: 'keyword', detail: `${k} clause` });
  }
  if (info) {
    for (const o of info.options) {
      const keyword = o === o.toUpperCase() || !/^[a-z_]+$/.test(o);
      items.push(keyword
        ? { label: o, kind: 'keyword', detail: `${info.name} keyword` }
        : { label: `${o}=`, kind: 'option', detail: `${info.name} option`, insertText: `${o}=` });
    }
  }
  for (const f of facts.fields) items.push({ label: f.name, kind: 'field', detail: fieldDetail(f) });
  return { start: Math.min(fieldRange, ctx.wordStart), end: offset, items };
}

export interface SplSignature {
  label: string;
  documentation: string;
  parameters: string[];
  activeParameter: number;
}

/** The function whose argument list the cursor is in, and which argument. */
export function signatureAt(text: string, offset: number): SplSignature | undefined {
  const ctx = cursorContext(text, offset);
  if (ctx.inside) return undefined;
  const start = ctx.commandIndex >= 0 && ctx.tokens[ctx.commandIndex] ? ctx.tokens[ctx.commandIndex]!.start : blockAround(text, offset).start;
  // Strings become blanks so that their commas and parentheses do not count.
  const s = text.slice(start, offset).split('');
  for (const t of ctx.tokens) {
    if (t.kind === 'string' || t.kind === 'macro') for (let i = Math.max(t.start, start); i < t.end && i < offset; i++) s[i - start] = '_';
  }
  const masked = s.join('');
  let depth = 0;
  let commas = 0;
  for (let i = masked.length - 1; i >= 0; i--) {
    const c = masked[i];
    if (c === ')') depth++;
    else if (c === ',' && depth === 0) commas++;
    else if (c === '(') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const m = /([A-Za-z_]\w*)\s*$/.exec(masked.slice(0, i));
      const name = m?.[1];
      if (!name) return undefined;
      const f = AGGREGATION_COMMANDS.has(ctx.command) ? (statsFunction(name) ?? evalFunction(name)) : (evalFunction(name) ?? statsFunction(name));
      if (!f) return undefined;
      const inner = f.signature.slice(f.signature.indexOf('(') + 1, f.signature.lastIndexOf(')'));
      const parameters = inner.split(',').map((p) => p.trim()).filter((p) => p !== '');
      const repeating = parameters[parameters.length - 1] === '...';
      const activeParameter = repeating && commas >= parameters.length - 1 ? parameters.length - 2 : Math.min(commas, Math.max(0, parameters.length - 1));
      return { label: f.signature, documentation: f.summary, parameters, activeParameter };
    }
  }
  return undefined;
}

export interface SplHover {
  start: number;
  end: number;
  markdown: string;
}

/** The macro call in a macro token: its name and argument count (`name(a, b)` has 2). */
function macroAt(text: string, t: Token): { name: string; argCount: number } {
  const inner = text.slice(t.start + 1, text[t.end - 1] === '`' && t.end - t.start > 1 ? t.end - 1 : t.end);
  const open = inner.indexOf('(');
  if (open === -1) return { name: inner.trim(), argCount: 0 };
  const args = inner.slice(open + 1, inner.lastIndexOf(')') === -1 ? inner.length : inner.lastIndexOf(')'));
  let depth = 0;
  let count = args.trim() === '' ? 0 : 1;
  let inString = false;
  for (let k = 0; k < args.length; k++) {
    const c = args[k];
    if (c === '\\') k++;
    else if (c === '"') inString = !inString;
    else if (inString) continue;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) count++;
  }
  return { name: inner.slice(0, open).trim(), argCount: count };
}

function macroHover(text: string, t: Token, facts: DocumentFacts): SplHover | undefined {
  const call = macroAt(text, t);
  const defs = facts.macros.filter((m) => m.name === call.name);
  const def = defs.find((m) => m.args.length === call.argCount);
  if (!def) {
    if (defs.length === 0) return undefined;
    const counts = defs.map((m) => m.args.length).join(' or ');
    return { start: t.start, end: t.end, markdown: `**${escapeMarkdown(call.name)}** (macro): defined with ${counts} argument(s), called with ${call.argCount}.` };
  }
  const where = def.source ? ` from ${escapeMarkdown(def.source)}` : '';
  const args = def.args.length > 0 ? `(${def.args.map((a) => escapeMarkdown(a)).join(', ')})` : '';
  return { start: t.start, end: t.end, markdown: `**${escapeMarkdown(def.name)}**${args} (macro${where}) expands to:\n\n${fencedCode(def.definition)}` };
}

const TOP_VALUES_SHOWN = 5;

function fieldHover(f: FieldFacts, start: number, end: number): SplHover {
  const lines = [`**${escapeMarkdown(f.name)}** (field, ${escapeMarkdown(f.origin)})`];
  if (f.distinctCount !== undefined) {
    const rows = f.rows === undefined ? '' : ` in ${f.rows.toLocaleString('en-US')} row${f.rows === 1 ? '' : 's'}`;
    lines.push(`${f.distinctCount.toLocaleString('en-US')} distinct value${f.distinctCount === 1 ? '' : 's'}${rows}`);
  }
  const top = (f.topValues ?? []).slice(0, TOP_VALUES_SHOWN);
  if (top.length > 0) {
    lines.push(['| top value | count |', '| --- | ---: |', ...top.map((v) => `| ${v.value === '' ? '*(empty)*' : escapeMarkdown(v.value)} | ${v.count.toLocaleString('en-US')} |`)].join('\n'));
  }
  return { start, end, markdown: lines.join('\n\n') };
}

/** Help for the command, function, macro or field under the cursor. */
export function hoverAt(text: string, offset: number, facts: DocumentFacts = NO_FACTS): SplHover | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && /\w/.test(text[start - 1]!)) start--;
  while (end < text.length && /\w/.test(text[end]!)) end++;
  const block = blockAround(text, offset);
  const macro = tokenize(text.slice(block.start, block.end)).find((t) => t.kind === 'macro' && t.start + block.start <= offset && offset < t.end + block.start);
  if (macro) return macroHover(text, { ...macro, start: macro.start + block.start, end: macro.end + block.start }, facts);
  if (start === end) return undefined;
  const word = text.slice(start, end);
  const ctx = cursorContext(text, start);
  if (ctx.inside) return undefined;
  if (ctx.atCommandName) {
    const c = commandInfo(word);
    if (!c) return undefined;
    const app = c.app ? ` From the ${c.app} app.` : '';
    const generating = c.generating ? ' A generating command: it starts a search.' : '';
    return { start, end, markdown: `**${c.name}** (command): ${c.summary}${generating}${app}\n\n[Search Reference: ${c.name}](${c.url})` };
  }
  if (/^\s*\(/.test(text.slice(end, end + 10))) {
    const f = AGGREGATION_COMMANDS.has(ctx.command) ? (statsFunction(word) ?? evalFunction(word)) : (evalFunction(word) ?? statsFunction(word));
    if (!f) return undefined;
    return { start, end, markdown: `\`${f.signature}\` (${f.kind} function): ${f.summary}\n\n[Search Reference](${f.url})` };
  }
  if (facts.fields.length === 0) return undefined;
  // Field names hold dots and braces (Processes.process_name, a{}.b), unlike the words above.
  let fStart = start;
  let fEnd = end;
  while (fStart > 0 && /[\w.{}]/.test(text[fStart - 1]!)) fStart--;
  while (fEnd < text.length && /[\w.{}]/.test(text[fEnd]!)) fEnd++;
  const name = text.slice(fStart, fEnd).replace(/^'|'$/g, '');
  const field = facts.fields.find((f) => f.name === name) ?? facts.fields.find((f) => f.name === word);
  if (!field) return undefined;
  return field.name === name ? fieldHover(field, fStart, fEnd) : fieldHover(field, start, end);
}

export interface SplSymbol {
  /** The block's first command (or its search terms), shortened. */
  name: string;
  /** The commands of the block, in order. */
  detail: string;
  start: number;
  end: number;
  /** Where the name is, for the outline's selection. */
  nameStart: number;
  nameEnd: number;
}

const SYMBOL_LENGTH = 60;

/** One symbol per query block: the outline of an .spl file. */
export function documentSymbols(text: string): SplSymbol[] {
  return parseBlocks(text).map(({ block, pipeline }) => {
    const commands: string[] = [];
    for (const seg of pipeline.segments) {
      const first = seg.tokens[0];
      if (seg.pipe !== undefined && first) commands.push(text.slice(first.start, first.end));
    }
    const firstToken = pipeline.segments.find((s) => s.tokens.length > 0)?.tokens[0];
    const nameStart = firstToken?.start ?? block.range.startOffset;
    const firstSegment = pipeline.segments[0]!;
    const leadEnd = firstSegment.tokens.length > 0 ? firstSegment.end : (pipeline.segments[1]?.end ?? nameStart + 1);
    let name = text.slice(nameStart, leadEnd).replace(/\s+/g, ' ').trim();
    if (name.length > SYMBOL_LENGTH) name = `${name.slice(0, SYMBOL_LENGTH - 1)}…`;
    return {
      name: name || block.query.split('\n')[0]!.slice(0, SYMBOL_LENGTH),
      detail: commands.join(' | '),
      start: block.range.startOffset,
      end: block.range.endOffset,
      nameStart,
      nameEnd: Math.max(nameStart + 1, leadEnd),
    };
  });
}

export interface SplFold {
  startLine: number;
  endLine: number;
}

/** Each query block of more than one line folds. */
export function foldingRanges(text: string): SplFold[] {
  return parseBlocks(text)
    .map(({ block }) => ({ startLine: block.range.start.line, endLine: block.range.end.line }))
    .filter((f) => f.endLine > f.startLine);
}
