/**
 * Formats SPL: one command per line with the pipe leading, subsearches that hold a pipeline
 * indented on their own lines, everything else on one line per command. Only the whitespace
 * between tokens changes, so strings, comments and macro calls are kept byte for byte and the
 * text tokenises to the same tokens afterwards; formatting a formatted text changes nothing.
 */
import { tokenize, type Token } from './tokenize';

export interface FormatOptions {
  /** One level of indentation for subsearches; four spaces unless the editor says otherwise. */
  indent?: string;
  /** The line break to write; the text's own (`\r\n` when it has one) unless given. */
  eol?: '\n' | '\r\n';
}

export interface FormatEdit {
  /** Offsets of the text replaced (end exclusive) and the text that replaces it. */
  start: number;
  end: number;
  newText: string;
}

const BLANK_LINE = /\r\n[ \t\f\v]*\r?\n|\n[ \t\f\v]*\r?\n|\r[ \t\f\v]*\r/;

function hasLineBreak(gap: string): boolean {
  return gap.includes('\n') || gap.includes('\r');
}

/** A macro call or comment whose closing mark is missing ends at its line break, which must stay. */
function endsAtLineBreak(text: string, t: Token): boolean {
  if (t.kind === 'macro') return t.end - t.start < 2 || text[t.end - 1] !== '`';
  return false;
}

/**
 * For each '[' token, whether its subsearch goes on lines of its own: it does when it holds a pipe
 * after its first command (at any depth), so `[search index=b]` and `[| inputlookup x]` stay inline.
 */
function brokenSubsearches(tokens: readonly Token[], blockStarts: ReadonlySet<number>): Map<number, boolean> {
  const broken = new Map<number, boolean>();
  const open: Array<{ at: number; seen: boolean }> = [];
  tokens.forEach((t, k) => {
    if (blockStarts.has(k)) open.length = 0;
    if (t.kind === 'lbracket') {
      open.push({ at: k, seen: false });
      broken.set(k, false);
    } else if (t.kind === 'rbracket') {
      open.pop();
    } else if (t.kind === 'pipe') {
      for (const o of open) if (o.seen) broken.set(o.at, true);
    }
    if (t.kind !== 'comment' && t.kind !== 'lbracket') for (const o of open) o.seen = true;
    // The pipe of `[| inputlookup x` opens the subsearch's first command; it is not a second one.
    if (t.kind === 'pipe' && tokens[k - 1]?.kind === 'lbracket') open[open.length - 1]!.seen = false;
  });
  return broken;
}

function detectEol(text: string): '\n' | '\r\n' {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** The formatted text of `text` (a whole document or a run of whole query blocks). */
export function formatSpl(text: string, options: FormatOptions = {}): string {
  const indent = options.indent ?? '    ';
  const eol = options.eol ?? detectEol(text);
  const tokens = tokenize(text);
  if (tokens.length === 0) return text.trim() === '' ? text : '';
  const gapBefore = (k: number) => text.slice(k === 0 ? 0 : tokens[k - 1]!.end, tokens[k]!.start);
  const blockStarts = new Set<number>();
  for (let k = 1; k < tokens.length; k++) if (BLANK_LINE.test(gapBefore(k))) blockStarts.add(k);
  const broken = brokenSubsearches(tokens, blockStarts);

  const out: string[] = [];
  // One entry per open '[': whether that subsearch is laid out on its own lines.
  const stack: boolean[] = [];
  let startOfPipeline = true;
  const depth = () => stack.filter(Boolean).length;
  const newLine = (level: number) => eol + indent.repeat(level);

  tokens.forEach((t, k) => {
    const prev = tokens[k - 1];
    const gap = gapBefore(k);
    let sep: string;
    if (!prev) {
      sep = '';
    } else if (blockStarts.has(k)) {
      sep = eol + eol;
      stack.length = 0;
      startOfPipeline = true;
    } else if (prev.kind === 'lbracket' && stack[stack.length - 1] === true) {
      sep = newLine(depth());
    } else if (t.kind === 'rbracket' && stack[stack.length - 1] === true) {
      sep = newLine(depth() - 1);
    } else if (t.kind === 'pipe' && !startOfPipeline) {
      sep = newLine(depth());
    } else if (gap === '' && prev.kind !== 'pipe') {
      sep = '';
    } else if (hasLineBreak(gap) && (t.kind === 'comment' || prev.kind === 'comment' || endsAtLineBreak(text, prev))) {
      sep = newLine(depth());
    } else {
      sep = ' ';
    }
    out.push(sep, text.slice(t.start, t.end));

    if (t.kind === 'lbracket') {
      stack.push(broken.get(k) === true);
      startOfPipeline = true;
    } else if (t.kind === 'rbracket') {
      stack.pop();
      startOfPipeline = false;
    } else if (t.kind !== 'comment') {
      startOfPipeline = false;
    }
  });
  const last = tokens[tokens.length - 1]!;
  if (hasLineBreak(text.slice(last.end)) || endsAtLineBreak(text, last)) out.push(eol);
  return out.join('');
}

/**
 * Where the query blocks that `[start, end)` touches begin and end: a selection is widened to whole
 * blocks, since a command's layout depends on the pipeline it is in.
 */
export function blocksTouching(text: string, start: number, end: number): { start: number; end: number } {
  const tokens = tokenize(text);
  let from = 0;
  let to = text.length;
  for (let k = 1; k < tokens.length; k++) {
    const gapStart = tokens[k - 1]!.end;
    const gapEnd = tokens[k]!.start;
    if (!BLANK_LINE.test(text.slice(gapStart, gapEnd))) continue;
    if (gapEnd <= start) from = gapEnd;
    else if (gapStart >= end && to === text.length) to = gapStart;
  }
  if (from === 0 && tokens.length > 0) from = tokens[0]!.start;
  return { start: from, end: Math.max(to, from) };
}

/** The edit that formats the whole text, or none when it is already formatted. */
export function formatDocumentEdits(text: string, options: FormatOptions = {}): FormatEdit[] {
  const formatted = formatSpl(text, options);
  return formatted === text ? [] : [{ start: 0, end: text.length, newText: formatted }];
}

/** The edit that formats the blocks a selection touches, leaving the rest of the text alone. */
export function formatRangeEdits(text: string, start: number, end: number, options: FormatOptions = {}): FormatEdit[] {
  const span = blocksTouching(text, Math.min(start, end), Math.max(start, end));
  const original = text.slice(span.start, span.end);
  // The blocks' trailing line break belongs to the text after them.
  const body = original.replace(/[ \t\f\v\r\n]+$/, '');
  const formatted = formatSpl(body, { eol: detectEol(text), ...options }).replace(/[\r\n]+$/, '');
  return formatted === body ? [] : [{ start: span.start, end: span.start + body.length, newText: formatted }];
}
