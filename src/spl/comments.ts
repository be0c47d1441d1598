import { COMMENT_MARK, scanComment, scanMacro, scanString } from './tokenize';

/** A half-open span of offsets: `start` inclusive, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Every triple-backtick comment in `text`, markers included. Comment state is decided over the
 * whole text, so callers that only want part of a document still get the right answer for a
 * comment that opened earlier or closes later.
 */
export function findCommentSpans(text: string): Span[] {
  // Same rules as tokenize(), but jumps between the only characters that can change state, so
  // it does not build a token for every word (this runs on every keystroke for CodeLenses).
  const spans: Span[] = [];
  const interesting = /[`"\\]/g;
  let i = 0;
  while (i < text.length) {
    interesting.lastIndex = i;
    const m = interesting.exec(text);
    if (m === null) break;
    const at = m.index;
    const ch = text[at];
    if (ch === '\\') {
      i = at + 2;
    } else if (ch === '"') {
      i = scanString(text, at);
    } else if (text.startsWith(COMMENT_MARK, at)) {
      i = scanComment(text, at);
      spans.push({ start: at, end: i });
    } else {
      i = scanMacro(text, at);
    }
  }
  return spans;
}

/** Index of the first span that ends after `offset` (spans are sorted and disjoint). */
function firstSpanEndingAfter(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Removes triple-backtick comments from `text.slice(from, to)`, using comment state computed
 * over the whole of `text`. A comment is replaced by one space (so `a```x```b` does not glue `a`
 * and `b` together), trailing whitespace is dropped from each line, and lines that held only
 * comments disappear. Line breaks are normalised to `\n`.
 */
export function stripCommentsInRange(text: string, from = 0, to = text.length, spans = findCommentSpans(text)): string {
  const lo = Math.max(0, Math.min(from, to));
  const hi = Math.min(text.length, Math.max(from, to));
  const pieces: string[] = [];
  // Lines whose first character is inside a comment: their indentation belonged to the comment.
  const startsInComment = new Set<number>();
  let lineNo = 0;
  const emit = (piece: string) => {
    pieces.push(piece);
    lineNo += countLineBreaks(piece);
  };
  let pos = lo;
  for (let k = firstSpanEndingAfter(spans, lo); k < spans.length && spans[k]!.start < hi; k++) {
    const span = spans[k]!;
    const s = Math.max(span.start, lo);
    const e = Math.min(span.end, hi);
    emit(text.slice(pos, s));
    if (span.start < lo) startsInComment.add(lineNo);
    // A multi-line comment leaves its line breaks behind so that line numbers stay aligned
    // with the original for the tidy-up step; everything else in it becomes one space.
    const breaks = text.slice(s, e).match(/\r\n|\n|\r/g) ?? [];
    emit(' ');
    for (const br of breaks) {
      emit(br);
      startsInComment.add(lineNo);
    }
    pos = e;
  }
  emit(text.slice(pos, hi));
  return tidyLines(pieces.join(''), text.slice(lo, hi), startsInComment);
}

/** Removes all triple-backtick comments from `text`; see {@link stripCommentsInRange}. */
export function stripComments(text: string): string {
  return stripCommentsInRange(text);
}

function countLineBreaks(s: string): number {
  return s.match(/\r\n|\n|\r/g)?.length ?? 0;
}

function tidyLines(stripped: string, original: string, startsInComment: ReadonlySet<number>): string {
  const before = original.split(/\r\n|\n|\r/);
  const after = stripped.split(/\r\n|\n|\r/);
  const kept: string[] = [];
  after.forEach((line, i) => {
    let tidy = line.replace(/\s+$/, '');
    if (startsInComment.has(i)) tidy = tidy.replace(/^\s+/, '');
    const wasBlank = (before[i] ?? '').trim() === '';
    // A line that was only a comment goes away; a genuinely blank line stays.
    if (tidy === '' && !wasBlank) return;
    kept.push(tidy);
  });
  return kept.join('\n');
}
