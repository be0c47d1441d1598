/**
 * The shape of the queries in a document: blocks, their pipelines (the top one and one per
 * subsearch), and each pipeline's commands, with offsets into the document. Built on tokenize()
 * and queryBlocks() so that comment, string and block rules are the same as for running a query.
 */
import { findCommentSpans, stripCommentsInRange, type Span } from './comments';
import { LineIndex, type TextRange } from './lines';
import type { QueryBlock } from './queryAtCursor';
import { tokenize, type Token } from './tokenize';

export interface Segment {
  /** Offset of the pipe before this command, if there is one. */
  pipe: number | undefined;
  /** The tokens of this command (no comments), not counting those inside its subsearches. */
  tokens: Token[];
  /** The subsearches (or templates, for foreach) that appear in this command. */
  subsearches: Pipeline[];
  /** Offset just past the command: its next pipe, closing bracket or the block's end. */
  end: number;
}

export interface Pipeline {
  /** Offset of the '[' that opens a subsearch; undefined for a block's top pipeline. */
  open: number | undefined;
  /** Offset of the ']' that closes it, undefined when it is never closed. */
  close: number | undefined;
  segments: Segment[];
}

export interface ParsedBlock {
  block: QueryBlock;
  pipeline: Pipeline;
  /** Every non-comment token of the block, in order, including those of subsearches. */
  tokens: Token[];
  /** ']' tokens with no '[' to close. */
  strayCloses: Token[];
}

function newSegment(pipe: number | undefined, start: number): Segment {
  return { pipe, tokens: [], subsearches: [], end: start };
}

/**
 * A block as queryBlocks() describes it, with its text, comment-free query and positions worked
 * out only when read: linting a large file needs only the offsets, and building every block's
 * query string was most of its cost.
 */
class LazyBlock implements QueryBlock {
  constructor(private readonly doc: DocumentShared, private readonly start: number, private readonly end: number) {}

  get text(): string {
    return this.doc.text.slice(this.start, this.end);
  }

  get query(): string {
    return stripCommentsInRange(this.doc.text, this.start, this.end, this.doc.spans).trim();
  }

  get range(): TextRange {
    return this.doc.lines.range(this.start, this.end);
  }
}

class DocumentShared {
  private lineIndex: LineIndex | undefined;
  private commentSpans: Span[] | undefined;

  constructor(readonly text: string) {}

  get lines(): LineIndex {
    return (this.lineIndex ??= new LineIndex(this.text));
  }

  get spans(): Span[] {
    return (this.commentSpans ??= findCommentSpans(this.text));
  }
}

/**
 * Offsets of the runs of non-blank lines (lines of only whitespace are blank), the same blocks as
 * queryBlocks() before it drops those holding only comments.
 */
function lineBlocks(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\r\n|\n|\r/g;
  let lineStart = 0;
  let blockStart = -1;
  let blockEnd = 0;
  for (;;) {
    const m = re.exec(text);
    const lineEnd = m ? m.index : text.length;
    const blank = !/\S/.test(text.slice(lineStart, lineEnd));
    if (!blank) {
      if (blockStart === -1) blockStart = lineStart;
      blockEnd = lineEnd;
    } else if (blockStart !== -1) {
      out.push([blockStart, blockEnd]);
      blockStart = -1;
    }
    if (!m) break;
    lineStart = m.index + m[0].length;
  }
  if (blockStart !== -1) out.push([blockStart, blockEnd]);
  return out;
}

/** Splits each query block of `text` into pipelines and commands. */
export function parseBlocks(text: string, allTokens: readonly Token[] = tokenize(text)): ParsedBlock[] {
  const out: ParsedBlock[] = [];
  const shared = new DocumentShared(text);
  let t = 0;
  for (const [startOffset, endOffset] of lineBlocks(text)) {
    while (t < allTokens.length && allTokens[t]!.start < startOffset) t++;
    const tokens: Token[] = [];
    for (; t < allTokens.length && allTokens[t]!.start < endOffset; t++) {
      if (allTokens[t]!.kind !== 'comment') tokens.push(allTokens[t]!);
    }
    // A block of only comments holds no query (queryBlocks() leaves it out too).
    if (tokens.length === 0) continue;
    out.push({ block: new LazyBlock(shared, startOffset, endOffset), ...buildPipeline(tokens, startOffset, endOffset), tokens });
  }
  return out;
}

function buildPipeline(tokens: Token[], start: number, end: number): { pipeline: Pipeline; strayCloses: Token[] } {
  const top: Pipeline = { open: undefined, close: undefined, segments: [newSegment(undefined, start)] };
  const stack: Pipeline[] = [top];
  const strayCloses: Token[] = [];
  const current = (): Segment => {
    const p = stack[stack.length - 1]!;
    return p.segments[p.segments.length - 1]!;
  };
  for (const token of tokens) {
    switch (token.kind) {
      case 'pipe': {
        current().end = token.start;
        stack[stack.length - 1]!.segments.push(newSegment(token.start, token.end));
        break;
      }
      case 'lbracket': {
        const sub: Pipeline = { open: token.start, close: undefined, segments: [newSegment(undefined, token.end)] };
        current().subsearches.push(sub);
        stack.push(sub);
        break;
      }
      case 'rbracket': {
        if (stack.length === 1) {
          strayCloses.push(token);
          break;
        }
        current().end = token.start;
        stack.pop()!.close = token.start;
        break;
      }
      default:
        current().tokens.push(token);
        current().end = token.end;
    }
  }
  // Unclosed subsearches run to the end of the block.
  for (const p of stack) {
    const last = p.segments[p.segments.length - 1]!;
    last.end = Math.max(last.end, end);
  }
  return { pipeline: top, strayCloses };
}

/** Calls `visit` for every pipeline of a block, the top one first, subsearches depth-first. */
export function forEachPipeline(pipeline: Pipeline, visit: (p: Pipeline, depth: number) => void, depth = 0): void {
  visit(pipeline, depth);
  for (const s of pipeline.segments) for (const sub of s.subsearches) forEachPipeline(sub, visit, depth + 1);
}
