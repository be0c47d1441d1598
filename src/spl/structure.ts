/**
 * The shape of the queries in a document: blocks, their pipelines (the top one and one per
 * subsearch), and each pipeline's commands, with offsets into the document. Built on tokenize()
 * and queryBlocks() so that comment, string and block rules are the same as for running a query.
 */
import { queryBlocks, type QueryBlock } from './queryAtCursor';
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

/** Splits each query block of `text` into pipelines and commands. */
export function parseBlocks(text: string, allTokens: readonly Token[] = tokenize(text)): ParsedBlock[] {
  const out: ParsedBlock[] = [];
  let t = 0;
  for (const block of queryBlocks(text)) {
    const { startOffset, endOffset } = block.range;
    while (t < allTokens.length && allTokens[t]!.start < startOffset) t++;
    const tokens: Token[] = [];
    for (; t < allTokens.length && allTokens[t]!.start < endOffset; t++) {
      if (allTokens[t]!.kind !== 'comment') tokens.push(allTokens[t]!);
    }
    out.push({ block, ...buildPipeline(tokens, startOffset, endOffset), tokens });
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
