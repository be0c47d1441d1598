/**
 * A json_rows results body parsed while it arrives. The bytes are scanned once (strings and escapes
 * tracked, nothing decoded); whenever the chunks so far complete some rows of the top-level `rows`
 * array, those rows are decoded and handed to JSON.parse as one small array. So the parse overlaps the
 * transfer, no whole-body string is built, and a rare non-ASCII value makes only its own batch a
 * two-byte string instead of the whole page (V8 decodes and parses one-byte strings much faster).
 * Equal cell values of a batch are then made to share one copy (see cellInterner.ts).
 *
 * The result is exactly what `JSON.parse(body)` gives, or, when that would throw, a string (what the
 * transport hands on for a body that is not JSON). Bytes of rows already parsed are let go as the body
 * arrives, so a page is never held twice (once as bytes, once as rows); only the document around the
 * rows is kept. A document the fast path does not take (a top level that is not an object, or no
 * top-level `rows` array) is parsed whole at the end, so odd documents cost time, never correctness.
 * Once bytes have been let go the body can only turn out not to be JSON (a malformed batch, an
 * unclosed array): the string is then the body's start up to its rows, then `…`.
 */
import { isAscii } from 'node:buffer';
import { JSON_BYTES } from '../../shared/jsonBytes';
import { CellInterner } from './cellInterner';

const { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } = JSON_BYTES;

/** What the body means as JSON: the document, `{}` for an empty body, or the text when it is not JSON. */
export function parseJsonBody(text: string): unknown {
  if (text === '') return {};
  try { return JSON.parse(text) as unknown; } catch { return text; }
}

function decode(bytes: Buffer): string {
  // latin1 copies bytes into a one-byte string; for ASCII that is the UTF-8 reading, without the decoder.
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Where the scanner stands between tokens at depth 1 of the top-level object. */
type TopState = 'key' | 'colon' | 'value' | 'after';

export class JsonRowsDecoder {
  /** The chunks from `chunksStart` on: rows already parsed are dropped from the front. */
  private readonly chunks: Buffer[] = [];
  private chunksStart = 0;
  private total = 0;
  /** Position in the whole body of the next byte to scan. */
  private pos = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Once set, scanning stops and `finish` parses the whole body. */
  private slow = false;
  private started = false;
  private top: TopState = 'key';
  private keyStart = -1;
  private lastKey = '';
  private inRows = false;
  /** Inside a `rows` array: the body position just after its `[` or the last separator used. */
  private rowsFrom = -1;
  /**
   * The document without the contents of its `rows` arrays: copies of the bytes up to and including
   * each `[`, and the body offset of the `]` the next part starts at. Parsed at the end, it gives
   * everything JSON.parse would, with `rows` empty.
   */
  private readonly outside: Buffer[] = [];
  private outsideFrom = 0;
  /** Each batch's rows as parsed; joined once at the end (pushing row by row regrew one large array). */
  private readonly batches: unknown[][] = [];
  private rowCount = 0;
  /** The chunk where the last slice started, and its body offset. */
  private hintIndex = 0;
  private hintStart = 0;
  /** Where each batch is put together with its brackets (see `bracketed`). */
  private batchBytes = Buffer.allocUnsafe(0);
  private readonly interner = new CellInterner();

  /** Set by `finish` when the whole body had to be parsed the old way (for tests and logs). */
  parsedWhole = false;

  /** Rows parsed so far, before the body has ended. */
  get rowsParsed(): number { return this.rowCount; }

  push(chunk: Buffer): void {
    const base = this.total;
    this.total += chunk.length;
    if (this.slow && this.chunksStart > 0) return;
    this.chunks.push(chunk);
    if (this.slow) return;
    this.scan(chunk, base);
    if (!this.slow && this.inRows) this.release(this.rowsFrom);
  }

  /** The document (or a string, or `{}`), as `JSON.parse` of the whole body would have it. */
  finish(): unknown {
    if (!this.slow && this.outside.length > 0 && !this.inRows && !this.inString && this.depth === 0) {
      const doc = this.skeleton();
      if (doc !== undefined) return doc;
    }
    this.parsedWhole = true;
    // Bytes let go only ever belonged to rows that parsed; a document that fails after that is not JSON.
    if (this.chunksStart > 0) return `${this.outside[0]!.toString('utf8')}…`;
    return parseJsonBody(Buffer.concat(this.chunks, this.total).toString('utf8'));
  }

  /** Drops the chunks that end at or before body offset `upTo`. */
  private release(upTo: number): void {
    this.seek(upTo);
    if (this.hintIndex === 0) return;
    this.chunks.splice(0, this.hintIndex);
    this.chunksStart = this.hintStart;
    this.hintIndex = 0;
  }

  private scan(chunk: Buffer, base: number): void {
    let i = this.pos - base;
    const n = chunk.length;
    let depth = this.depth;
    let inString = this.inString;
    let escaped = this.escaped;
    let cut = -1;
    for (; i < n; i++) {
      const c = chunk[i]!;
      if (inString) {
        // Jump to the next quote (natively) and count the backslashes before it: an odd run escapes it.
        // `i` is never an escaped position here, so the run is counted back to `i` at most.
        if (escaped) { escaped = false; continue; }
        const q = chunk.indexOf(QUOTE, i);
        if (q < 0) {
          let run = 0;
          while (n - 1 - run >= i && chunk[n - 1 - run] === BACKSLASH) run++;
          escaped = run % 2 === 1;
          break;
        }
        let run = 0;
        while (q - 1 - run >= i && chunk[q - 1 - run] === BACKSLASH) run++;
        i = q;
        if (run % 2 === 1) continue;
        inString = false;
        if (depth === 1 && this.top === 'key') {
          this.lastKey = this.keyText(this.keyStart, base + i + 1);
          this.top = 'colon';
        }
        continue;
      }
      if (!this.started) {
        if (isSpace(c)) continue;
        this.started = true;
        if (c !== OPEN_BRACE) { this.slow = true; return; }
        depth = 1;
        this.top = 'key';
        continue;
      }
      if (c === QUOTE) {
        inString = true;
        if (depth === 1) {
          if (this.top === 'key') this.keyStart = base + i;
          else if (this.top === 'value') this.top = 'after';
        }
        continue;
      }
      if (c === OPEN_BRACKET || c === OPEN_BRACE) {
        if (depth === 1 && this.top === 'value') {
          this.top = 'after';
          if (c === OPEN_BRACKET && this.lastKey === 'rows') this.openRows(base + i);
        }
        depth++;
        continue;
      }
      if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
        depth--;
        if (depth === 1 && this.inRows) {
          // The `rows` array has closed: its last batch ends here.
          this.depth = depth;
          if (!this.takeRows(base + i, true)) { this.slow = true; return; }
          this.inRows = false;
          this.outsideFrom = base + i;
          cut = -1;
        }
        continue;
      }
      if (c === COMMA) {
        if (depth === 2 && this.inRows) cut = base + i;
        else if (depth === 1) this.top = 'key';
        continue;
      }
      if (c === COLON && depth === 1 && this.top === 'colon') { this.top = 'value'; continue; }
      if (depth === 1 && this.top === 'value' && !isSpace(c)) this.top = 'after';
    }
    this.pos = base + n;
    this.depth = depth;
    this.inString = inString;
    this.escaped = escaped;
    // Rows complete up to the last separator in this chunk: parse them now, while the rest arrives.
    if (cut >= 0 && !this.takeRows(cut, false)) this.slow = true;
  }

  /** A top-level `rows` array opens at body offset `at`. A later one replaces it, as in JSON.parse. */
  private openRows(at: number): void {
    this.outside.push(Buffer.from(this.slice(this.outsideFrom, at + 1)));
    this.inRows = true;
    this.rowsFrom = at + 1;
    this.batches.length = 0;
    this.rowCount = 0;
  }

  /** Parses the rows in body bytes [rowsFrom, end) and moves past the separator at `end`. */
  private takeRows(end: number, last: boolean): boolean {
    const text = this.bracketed(this.rowsFrom, end);
    this.rowsFrom = end + 1;
    let batch: unknown;
    try { batch = JSON.parse(text); } catch { return false; }
    if (!Array.isArray(batch)) return false;
    // A batch between separators holds at least one row; only `rows: []` may have none.
    if (batch.length === 0 && !(last && this.batches.length === 0)) return false;
    this.interner.internRows(batch);
    this.batches.push(batch);
    this.rowCount += batch.length;
    return true;
  }

  /** The document with its `rows` arrays empty parsed as JSON, then given the rows parsed on the way. */
  private skeleton(): unknown {
    // Each part ends at a `[` and the next starts at a `]`, so no UTF-8 sequence is split between them.
    let text = '';
    for (const part of this.outside) text += decode(part);
    text += decode(this.slice(this.outsideFrom, this.total));
    let doc: unknown;
    try { doc = JSON.parse(text); } catch { return undefined; }
    const rows = (doc as { rows?: unknown }).rows;
    // A later `rows` that is not an array won (JSON.parse keeps the last): the document is already right.
    if (!Array.isArray(rows)) return doc;
    if (rows.length !== 0) return undefined;
    (doc as { rows: unknown[] }).rows = this.batches.length === 1 ? this.batches[0]! : ([] as unknown[]).concat(...this.batches);
    return doc;
  }

  private keyText(start: number, end: number): string {
    try {
      const key: unknown = JSON.parse(decode(this.slice(start, end)));
      return typeof key === 'string' ? key : '';
    } catch {
      return '';
    }
  }

  /**
   * Body bytes [from, to) between `[` and `]`, as one string. The bytes are gathered into a buffer
   * the decoder reuses, then decoded once: a batch nearly always spans two chunks, and joining them
   * with Buffer.concat and then the brackets as strings copied every body byte twice more.
   */
  private bracketed(from: number, to: number): string {
    const need = to - from + 2;
    if (this.batchBytes.length < need) this.batchBytes = Buffer.allocUnsafe(Math.max(need, this.batchBytes.length * 2));
    const out = this.batchBytes;
    out[0] = OPEN_BRACKET;
    let w = 1;
    for (const part of this.parts(from, to)) w += part.copy(out, w);
    out[w++] = CLOSE_BRACKET;
    return decode(out.subarray(0, w));
  }

  /** Body bytes [from, to), copied only when they span chunks. */
  private slice(from: number, to: number): Buffer {
    const parts = this.parts(from, to);
    return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  }

  /**
   * Points the hint at the chunk holding body offset `at` (past the last chunk when none does).
   * Batches move forward through the body, so the search starts at the chunk the hint is on.
   */
  private seek(at: number): void {
    if (at < this.hintStart) { this.hintIndex = 0; this.hintStart = this.chunksStart; }
    let k = this.hintIndex;
    let start = this.hintStart;
    while (k < this.chunks.length && start + this.chunks[k]!.length <= at) { start += this.chunks[k]!.length; k++; }
    this.hintIndex = k;
    this.hintStart = start;
  }

  /** Views of the chunks that hold body bytes [from, to), in order. */
  private parts(from: number, to: number): Buffer[] {
    this.seek(from);
    let k = this.hintIndex;
    let at = this.hintStart;
    const parts: Buffer[] = [];
    for (; k < this.chunks.length && at < to; k++) {
      const c = this.chunks[k]!;
      parts.push(c.subarray(Math.max(0, from - at), Math.min(c.length, to - at)));
      at += c.length;
    }
    return parts;
  }
}
