/**
 * A small lexer for SPL, just precise enough to tell commands, quoted strings, macros and
 * triple-backtick comments apart. It is not a parser: the search engine has its own.
 *
 * Rules (matching how Splunk reads a search string):
 * - "```" opens a comment that runs to the next "```" (it may span lines); an unclosed comment
 *   runs to the end of the text.
 * - A double quote opens a string; `\` escapes the next character (so `\"` and `\\` stay inside).
 *   Backticks and pipes inside a string are plain text.
 * - Outside strings a backslash also escapes the next character, as in Splunk search terms.
 * - A single backtick opens a macro call that runs to the next backtick on the same line.
 */

export type TokenKind = 'comment' | 'string' | 'macro' | 'pipe' | 'lbracket' | 'rbracket' | 'word';

export interface Token {
  kind: TokenKind;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

export const COMMENT_MARK = '```';

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
}

/**
 * True when the newline at `nl` is followed by a line holding only whitespace (or by the end of
 * the text after such a line). Used to stop an unclosed string at a block boundary, so that one
 * stray quote cannot swallow comment markers in the queries below it.
 */
function startsBlankLine(text: string, nl: number): boolean {
  let i = nl + (text[nl] === '\r' && text[nl + 1] === '\n' ? 2 : 1);
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r') return true;
    if (ch !== ' ' && ch !== '\t') return false;
    i++;
  }
  return true;
}

/** End of the string that opens at `start` (a double quote). */
export function scanString(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === '"') return i + 1;
    if ((ch === '\n' || ch === '\r') && startsBlankLine(text, i)) return i;
    i++;
  }
  return text.length;
}

/** True when the string token `[start, end)` ends with its own closing quote. */
export function isClosedString(text: string, start: number, end: number): boolean {
  if (end - start < 2 || text[end - 1] !== '"') return false;
  // A final quote may itself be escaped (`"a\\"` is closed, `"a\"` runs on), so walk the escapes.
  return scanString(text, start) === end && !isEscaped(text, start + 1, end - 1);
}

function isEscaped(text: string, from: number, at: number): boolean {
  let i = from;
  while (i < at) i += text[i] === '\\' ? 2 : 1;
  return i > at;
}

/** End of the comment that opens at `start` (```). */
export function scanComment(text: string, start: number): number {
  const close = text.indexOf(COMMENT_MARK, start + COMMENT_MARK.length);
  return close === -1 ? text.length : close + COMMENT_MARK.length;
}

/** End of the macro call that opens at `start` (a single backtick). */
export function scanMacro(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '`') return i + 1;
    if (ch === '\n' || ch === '\r') return i;
    if (ch === '"') {
      i = scanString(text, i);
      continue;
    }
    i++;
  }
  return text.length;
}

function isWordBoundary(ch: string): boolean {
  return isSpace(ch) || ch === '|' || ch === '[' || ch === ']' || ch === '"' || ch === '`';
}

function scanWord(text: string, start: number): number {
  let i = start;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      i += 2;
      continue;
    }
    if (isWordBoundary(ch)) break;
    i++;
  }
  return Math.min(i, text.length);
}

/** Splits SPL text into tokens; whitespace is skipped. Runs in one pass over the text. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (isSpace(ch)) {
      i++;
      continue;
    }
    let end: number;
    let kind: TokenKind;
    if (ch === '`') {
      if (text.startsWith(COMMENT_MARK, i)) {
        kind = 'comment';
        end = scanComment(text, i);
      } else {
        kind = 'macro';
        end = scanMacro(text, i);
      }
    } else if (ch === '"') {
      kind = 'string';
      end = scanString(text, i);
    } else if (ch === '|') {
      kind = 'pipe';
      end = i + 1;
    } else if (ch === '[') {
      kind = 'lbracket';
      end = i + 1;
    } else if (ch === ']') {
      kind = 'rbracket';
      end = i + 1;
    } else {
      kind = 'word';
      end = scanWord(text, i);
    }
    tokens.push({ kind, start: i, end });
    i = end;
  }
  return tokens;
}
