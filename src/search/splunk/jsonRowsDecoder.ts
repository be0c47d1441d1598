/**
 * A json_rows results body parsed while it arrives. The bytes are scanned once (strings and escapes
 * tracked, nothing decoded); whenever the chunks so far complete some rows of the top-level `rows`
 * array, those rows are decoded and handed to JSON.parse as one small array. So the parse overlaps the
 * transfer, no whole-body string is built, and a rare non-ASCII value makes only its own batch a
 * two-byte string instead of the whole page (V8 decodes and parses one-byte strings much faster).
 * Equal cell values of a batch are then made to share one copy (see cellInterner.ts).
 *
 * The result is exactly what `JSON.parse(body)` gives, or, when that would throw, the body text (what
 * the transport hands on for a body that is not JSON). Anything the fast path is not sure of (a top
 * level that is not an object, a second `rows` key, an empty or malformed batch) is settled by parsing
 * the whole body the old way at the end, so odd documents cost time, never correctness.
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
  /** Every chunk, kept until the end in case the whole body has to be parsed the old way. */
  private readonly chunks: Buffer[] = [];
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
  private sawRows = false;
  /** Inside the `rows` array: the body position just after its `[` or the last separator used. */
  private rowsFrom = -1;
  private rowsDone = false;
  /** Body offsets of the `rows` array's `[` and `]`: the rest of the document is parsed without it. */
  private rowsOpen = -1;
  private rowsClose = -1;
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
    this.chunks.push(chunk);
    const base = this.total;
    this.total += chunk.length;
    if (this.slow) return;
    this.scan(chunk, base);
  }

  /** The document (or the body text, or `{}`), as `JSON.parse` of the whole body would have it. */
  finish(): unknown {
    if (!this.slow && this.rowsDone && !this.inString && this.depth === 0) {
      const doc = this.skeleton();
      if (doc !== undefined) return doc;
    }
    this.parsedWhole = true;
    return parseJsonBody(Buffer.concat(this.chunks, this.total).toString('utf8'));
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
          if (c === OPEN_BRACKET && this.lastKey === 'rows') {
            if (this.sawRows) { this.slow = true; return; }
            this.sawRows = true;
            this.rowsOpen = base + i;
            this.rowsFrom = base + i + 1;
          }
        }
        depth++;
        continue;
      }
      if (c === CLOSE_BRACKET || c === CLOSE_BRACE) {
        depth--;
        if (depth === 1 && this.rowsFrom >= 0 && !this.rowsDone) {
          // The `rows` array has closed: its last batch ends here.
          this.depth = depth;
          if (!this.takeRows(base + i, true)) { this.slow = true; return; }
          this.rowsDone = true;
          this.rowsClose = base + i;
          cut = -1;
        }
        continue;
      }
      if (c === COMMA) {
        if (depth === 2 && this.rowsFrom >= 0 && !this.rowsDone) cut = base + i;
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

  /** The document with an empty `rows` parsed as JSON, then given the rows parsed on the way. */
  private skeleton(): unknown {
    const head = this.slice(0, this.rowsOpen + 1);
    const tail = this.slice(this.rowsClose, this.total);
    let doc: unknown;
    try { doc = JSON.parse(decode(head) + decode(tail)); } catch { return undefined; }
    const rows = (doc as { rows?: unknown }).rows;
    // Another `rows` (JSON.parse keeps the last) or a document shaped otherwise: let the whole parse decide.
    if (!Array.isArray(rows) || rows.length !== 0) return undefined;
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

  /** Views of the chunks that hold body bytes [from, to), in order. */
  private parts(from: number, to: number): Buffer[] {
    // Batches move forward through the body: start looking at the chunk the last slice began in.
    if (from < this.hintStart) { this.hintIndex = 0; this.hintStart = 0; }
    let k = this.hintIndex;
    let at = this.hintStart;
    while (k < this.chunks.length && at + this.chunks[k]!.length <= from) { at += this.chunks[k]!.length; k++; }
    this.hintIndex = k;
    this.hintStart = at;
    const parts: Buffer[] = [];
    for (; k < this.chunks.length && at < to; k++) {
      const c = this.chunks[k]!;
      parts.push(c.subarray(Math.max(0, from - at), Math.min(c.length, to - at)));
      at += c.length;
    }
    return parts;
  }
}
