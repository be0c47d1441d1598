/** The clauses tstats and mstats share: keywords among the arguments, a top-level scan, `span=`, `where`. */
import type { Token, TokenStream } from '../lexer';
import { parseSearchExpression, type SearchExpr } from '../search';
import { parseSpan, type Span } from '../span';
import type { CommandSource } from './commandSource';

export type TimeSpan = Exclude<Span, { kind: 'number' }>;

/** Whether the token `k` ahead is one of `words` used as a keyword (`field=by` is a value, not the keyword). */
export function isKeywordAt(ts: TokenStream, k: number, words: readonly string[]): boolean {
  const t = ts.peek(k);
  return t?.kind === 'word' && words.includes(t.text.toLowerCase()) && ts.peek(k - 1)?.kind !== '=';
}

/** The offset (in `ts`) of the first token outside parentheses that `ends` accepts; -1 when there is none. */
export function firstTopLevel(ts: TokenStream, ends: (k: number) => boolean): number {
  let depth = 0;
  for (let k = 0; ts.peek(k); k++) {
    const t = ts.peek(k)!;
    if (t.kind === '(') depth++;
    else if (t.kind === ')') depth--;
    else if (depth === 0 && ends(k)) return k;
  }
  return -1;
}

/** These commands bucket only `_time`: a time span (seconds or months), never a plain number. */
export function parseTimeSpan(t: Token, ts: TokenStream, command: string): TimeSpan {
  const span = parseSpan(t.text, t.pos, command);
  if (span.kind === 'number') throw ts.error(`invalid span '${t.text}' (a time span such as 10s, 1h or 1mon)`, t.pos);
  return span;
}

/**
 * The search expression of a `where` clause, read from the source text rather than the tokens so that
 * it keeps Splunk's search syntax: from after the `where` keyword just read to the token `endAt` ahead
 * (-1: the end of the arguments). The stream moves past it.
 */
export function whereExpression(ts: TokenStream, src: CommandSource, whereTok: Token, endAt: number): SearchExpr {
  const start = whereTok.pos + whereTok.text.length;
  const endTok = endAt >= 0 ? ts.peek(endAt) : undefined;
  const end = endTok ? endTok.pos : src.argsPos + src.args.length;
  const expr = parseSearchExpression(src.args.slice(start - src.argsPos, end - src.argsPos), start);
  ts.index += endAt >= 0 ? endAt : ts.tokens.length;
  return expr;
}
