/** Splitting a query into commands, and tokenising a command's arguments, with positions. */
import { SplError } from './errors';

export interface Segment {
  /** Text of the command, without the surrounding pipes. */
  text: string;
  /** Offset of `text` in the query. */
  start: number;
}

/**
 * Splits at top-level pipes, checking quotes, parentheses and brackets on the way so an error can point
 * at the offending character.
 */
export function splitPipeline(query: string): Segment[] {
  const segments: Segment[] = [];
  const parens: number[] = [];
  let segStart = 0;
  let i = 0;
  while (i < query.length) {
    const c = query[i]!;
    if (c === '"') {
      i = closingQuote(query, i) + 1;
      continue;
    }
    if (c === '(') parens.push(i);
    else if (c === ')') {
      if (parens.length === 0) throw new SplError('Unbalanced parentheses.', i);
      parens.pop();
    } else if (c === '[') {
      // A subsearch: its pipes are its own.
      i = matchingBracket(query, i);
    } else if (c === ']') {
      throw new SplError('Unbalanced brackets.', i);
    } else if (c === '|' && parens.length === 0) {
      segments.push({ text: query.slice(segStart, i), start: segStart });
      segStart = i + 1;
    }
    i++;
  }
  if (parens.length > 0) throw new SplError('Unbalanced parentheses.', parens[parens.length - 1]);
  segments.push({ text: query.slice(segStart), start: segStart });
  return segments;
}

/** Offset of the quote closing the one at `open` (backslash escapes skipped); throws when unclosed. */
function closingQuote(text: string, open: number): number {
  let i = open + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  if (i >= text.length) throw new SplError('Unbalanced quotes.', open);
  return i;
}

/** Offset of the `]` closing the `[` at `open` (quotes and nested brackets skipped); throws when unclosed. */
export function matchingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') i = closingQuote(text, i);
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  throw new SplError('Unbalanced brackets: a subsearch [ without its ].', open);
}

/** The top-level `[ ... ]` spans of a text (start at '[', end after ']'). */
export function findSubsearches(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') i = closingQuote(text, i);
    else if (c === '[') {
      const close = matchingBracket(text, i);
      out.push({ start: i, end: close + 1 });
      i = close;
    }
  }
  return out;
}

/** `sub`: a bracketed sub-pipeline; its text is what is between the brackets, its pos that of the text. */
export type TokenKind = 'word' | 'str' | 'sub' | '(' | ')' | ',' | '=';

export interface Token {
  kind: TokenKind;
  /** For `str`, the unescaped content; otherwise the literal text. */
  text: string;
  /** Absolute offset in the query. */
  pos: number;
}

/** Removes SPL's backslash escapes for quotes and backslashes; other backslashes stay (Windows paths). */
export function unescapeQuoted(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(["\\])/g, '$1');
}

/** Generic argument tokeniser: words, quoted strings, and the punctuation `( ) , =`. */
export function tokenizeArgs(text: string, offset: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '"') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
      const content = unescapeQuoted(text.slice(start + 1, i));
      i++;
      // A quoted part followed by more of the same word (`"Processes".*`, from drop_dm_object_name("x")) is one word.
      const restStart = i;
      while (i < text.length && !/[\s"(),=]/.test(text[i]!)) i++;
      if (i > restStart) tokens.push({ kind: 'word', text: content + text.slice(restStart, i), pos: offset + start });
      else tokens.push({ kind: 'str', text: content, pos: offset + start });
      continue;
    }
    if (c === '[') {
      const close = matchingBracket(text, i);
      tokens.push({ kind: 'sub', text: text.slice(i + 1, close), pos: offset + i + 1 });
      i = close + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',' || c === '=') {
      tokens.push({ kind: c, text: c, pos: offset + i });
      i++;
      continue;
    }
    const start = i;
    while (i < text.length && !/[\s"(),=[]/.test(text[i]!)) i++;
    tokens.push({ kind: 'word', text: text.slice(start, i), pos: offset + start });
  }
  return tokens;
}

/** A cursor over tokens with the helpers every command parser needs. */
export class TokenStream {
  private i = 0;

  constructor(readonly tokens: Token[], readonly endPos: number, readonly command: string) {}

  peek(k = 0): Token | undefined { return this.tokens[this.i + k]; }
  next(): Token | undefined { return this.tokens[this.i++]; }
  atEnd(): boolean { return this.i >= this.tokens.length; }
  get index(): number { return this.i; }
  set index(v: number) { this.i = v; }
  pos(): number { return this.peek()?.pos ?? this.endPos; }

  /** Consumes `name=value` when the next tokens are exactly that option; returns the value token. */
  option(name: string): Token | undefined {
    const a = this.peek(), b = this.peek(1), c = this.peek(2);
    if (a?.kind === 'word' && a.text.toLowerCase() === name.toLowerCase() && b?.kind === '=' && c && (c.kind === 'word' || c.kind === 'str')) {
      this.i += 3;
      return c;
    }
    return undefined;
  }

  /**
   * Extends a just-consumed name over parentheses written right after it: Splunk reads a field name to
   * the next space, so `predicted(x)` and `flags(inheritance)` are names, which the tokeniser splits.
   */
  nameWithParens(first: Token): Token {
    let text = first.text;
    let end = first.pos + (first.kind === 'str' ? first.text.length + 2 : first.text.length);
    while (this.peek()?.kind === '(' && this.peek()!.pos === end) {
      let depth = 0;
      while (!this.atEnd()) {
        const x = this.next()!;
        text += x.kind === 'str' ? `"${x.text}"` : x.text;
        end = x.pos + (x.kind === 'str' ? x.text.length + 2 : x.text.length);
        if (x.kind === '(') depth++;
        else if (x.kind === ')' && --depth === 0) break;
      }
      const w = this.peek();
      if (w?.kind === 'word' && w.pos === end) { this.next(); text += w.text; end = w.pos + w.text.length; }
    }
    return text === first.text ? first : { kind: 'word', text, pos: first.pos };
  }

  /** True when the next tokens look like `word=` (some option). */
  atOption(): boolean {
    return this.peek()?.kind === 'word' && this.peek(1)?.kind === '=';
  }

  isKeyword(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t?.kind === 'word' && t.text.toLowerCase() === word.toLowerCase();
  }

  expectValue(what: string): Token {
    const t = this.next();
    if (!t || (t.kind !== 'word' && t.kind !== 'str')) throw this.error(`expected ${what}`, t?.pos ?? this.endPos);
    return t;
  }

  error(detail: string, pos = this.pos()): SplError {
    return new SplError(`Error in '${this.command}' command: ${detail}.`, pos);
  }
}

export function parseBool(t: Token, ts: TokenStream): boolean {
  const v = t.text.toLowerCase();
  if (['true', 't', '1', 'yes'].includes(v)) return true;
  if (['false', 'f', '0', 'no'].includes(v)) return false;
  throw ts.error(`invalid boolean '${t.text}'`, t.pos);
}

export function parseInteger(t: Token, ts: TokenStream, what: string): number {
  if (!/^\d+$/.test(t.text)) throw ts.error(`${what} must be a non-negative integer, got '${t.text}'`, t.pos);
  return Number(t.text);
}
