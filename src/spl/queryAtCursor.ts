import { findCommentSpans, stripCommentsInRange, type Span } from './comments';
import { LineIndex, type Position, type TextRange } from './lines';

/** A query found in a document. */
export interface QueryBlock {
  /** The document text of the block or selection, exactly as written (comments included). */
  text: string;
  /** The same text with comments removed and trimmed: what should be sent (after normalizeQuery). */
  query: string;
  /** Where it is, for highlighting and CodeLens placement. */
  range: TextRange;
}

export type QueryAtCursorResult =
  | ({ ok: true; source: 'selection' | 'block' } & QueryBlock)
  | { ok: false; reason: string };

export interface Selection {
  start: Position | number;
  end: Position | number;
}

export const REASON_BLANK_LINE = 'The cursor is on a blank line: put it inside a query or select one.';
export const REASON_ONLY_COMMENT = 'The query at the cursor is only a comment: put the cursor inside a query or select one.';
export const REASON_EMPTY_SELECTION = 'The selection holds only comments or whitespace: select a query.';
export const REASON_EMPTY_DOCUMENT = 'The document is empty: write a query first.';

/**
 * The query to run for a cursor: the selection if it is non-empty (either direction), otherwise
 * the block of non-blank lines around the cursor. Blocks are separated by blank lines (lines of
 * only whitespace count as blank). Comments are stripped with state taken from the whole document.
 */
export function queryAtCursor(text: string, cursor: Position | number, selection?: Selection): QueryAtCursorResult {
  const index = new LineIndex(text);
  const spans = findCommentSpans(text);

  if (selection) {
    const a = index.offsetAt(selection.start);
    const b = index.offsetAt(selection.end);
    if (a !== b) {
      const start = Math.min(a, b);
      const end = Math.max(a, b);
      const query = stripCommentsInRange(text, start, end, spans).trim();
      if (query === '') return { ok: false, reason: REASON_EMPTY_SELECTION };
      return { ok: true, source: 'selection', text: text.slice(start, end), query, range: index.range(start, end) };
    }
  }

  if (text.trim() === '') return { ok: false, reason: REASON_EMPTY_DOCUMENT };
  const line = index.positionAt(index.offsetAt(cursor)).line;
  if (index.isBlank(line)) return { ok: false, reason: REASON_BLANK_LINE };

  let first = line;
  while (first > 0 && !index.isBlank(first - 1)) first--;
  let last = line;
  while (last < index.lineCount - 1 && !index.isBlank(last + 1)) last++;

  const block = makeBlock(text, index, spans, first, last);
  if (block.query === '') return { ok: false, reason: REASON_ONLY_COMMENT };
  return { ok: true, source: 'block', ...block };
}

/** Every block of the document that holds a query (not blank, not only comments), in order. */
export function queryBlocks(text: string): QueryBlock[] {
  const index = new LineIndex(text);
  const spans = findCommentSpans(text);
  const blocks: QueryBlock[] = [];
  let line = 0;
  while (line < index.lineCount) {
    if (index.isBlank(line)) {
      line++;
      continue;
    }
    const first = line;
    while (line + 1 < index.lineCount && !index.isBlank(line + 1)) line++;
    const block = makeBlock(text, index, spans, first, line);
    if (block.query !== '') blocks.push(block);
    line++;
  }
  return blocks;
}

function makeBlock(text: string, index: LineIndex, spans: Span[], first: number, last: number): QueryBlock {
  const start = index.lines[first]!.start;
  const end = index.lines[last]!.end;
  return {
    text: text.slice(start, end),
    query: stripCommentsInRange(text, start, end, spans).trim(),
    range: index.range(start, end),
  };
}
