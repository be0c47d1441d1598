/** Zero-based line and UTF-16 character, the same convention as VS Code's `Position`. */
export interface Position {
  line: number;
  character: number;
}

/** A range in a document, as positions and as offsets (end exclusive). */
export interface TextRange {
  start: Position;
  end: Position;
  startOffset: number;
  endOffset: number;
}

export interface Line {
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character, before the line break. */
  end: number;
}

/** Line boundaries of a text; accepts `\r\n`, `\n` and lone `\r` breaks, like VS Code. */
export class LineIndex {
  readonly lines: readonly Line[];

  constructor(readonly text: string) {
    const lines: Line[] = [];
    const re = /\r\n|\n|\r/g;
    let start = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      lines.push({ start, end: m.index });
      start = m.index + m[0].length;
    }
    lines.push({ start, end: text.length });
    this.lines = lines;
  }

  get lineCount(): number {
    return this.lines.length;
  }

  lineText(line: number): string {
    const l = this.lines[line]!;
    return this.text.slice(l.start, l.end);
  }

  isBlank(line: number): boolean {
    return this.lineText(line).trim() === '';
  }

  /** Offset of a position; out-of-range lines and characters are clamped. */
  offsetAt(pos: Position | number): number {
    if (typeof pos === 'number') return Math.max(0, Math.min(this.text.length, Math.floor(pos)));
    const lineNo = Math.max(0, Math.min(this.lines.length - 1, Math.floor(pos.line)));
    const line = this.lines[lineNo]!;
    return line.start + Math.max(0, Math.min(line.end - line.start, Math.floor(pos.character)));
  }

  /** Position of an offset. An offset inside a `\r\n` pair belongs to the end of its line. */
  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(this.text.length, offset));
    let lo = 0;
    let hi = this.lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lines[mid]!.start <= o) lo = mid;
      else hi = mid - 1;
    }
    const line = this.lines[lo]!;
    return { line: lo, character: Math.min(o, line.end) - line.start };
  }

  range(startOffset: number, endOffset: number): TextRange {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset), startOffset, endOffset };
  }
}
