/**
 * Result pages (xml, json, json_rows) written straight from the job's rows as UTF-8 pieces of about
 * CHUNK_BYTES, without the per-row objects and arrays renderResults builds: a 50,000-row page goes out
 * while later rows are still being serialised, and the client can read the first bytes early. The text is
 * byte for byte what renderResults gives for the same page (test/unit/server/results-stream.test.ts).
 */
import { resultValue, type FieldValue, type SplEvent } from './engine-port';
import type { JobMessage } from './jobs';
import type { OutputMode, PageRequest } from './render';
import { RESULTS_CLOSE, resultXml, resultsMessages, resultsMeta, resultsOpen } from './results-xml';
import { JSON_BYTES } from '../shared/jsonBytes';

const { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } = JSON_BYTES;

/** A piece is handed to the socket once it holds this many bytes. */
export const CHUNK_BYTES = 256 * 1024;

export type StreamedMode = Extract<OutputMode, 'xml' | 'json' | 'json_rows'>;

export function isStreamedMode(mode: OutputMode): mode is StreamedMode {
  return mode === 'xml' || mode === 'json' || mode === 'json_rows';
}

// A string none of whose characters JSON escapes and all of whose characters are ASCII: its JSON is the
// string in quotes, and its bytes are its latin1 bytes. Most cells are (backslash-heavy Windows paths are not).
// eslint-disable-next-line no-control-regex -- control characters are exactly what JSON escapes
const NEEDS_ENCODING = /["\\\u0000-\u001f\u007f-\uffff]/;

/**
 * Text written straight into byte pieces of about CHUNK_BYTES: no string per page or per row is built and
 * no string is encoded again by the socket (building a page as one string and letting `res.write`
 * encode it cost more than the rows' serialisation).
 */
class PieceWriter {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;
  private readonly full: Buffer[] = [];

  /** Any UTF-16 text, as UTF-8. */
  text(s: string): void {
    this.room(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** A string as a JSON string. */
  jsonString(v: string): void {
    if (NEEDS_ENCODING.test(v)) { this.text(JSON.stringify(v)); return; }
    this.room(v.length + 2);
    this.buf[this.pos++] = QUOTE;
    this.pos += this.buf.write(v, this.pos, 'latin1');
    this.buf[this.pos++] = QUOTE;
  }

  /** One ASCII byte (JSON punctuation). */
  byte(b: number): void {
    this.room(1);
    this.buf[this.pos++] = b;
  }

  /** Pieces filled so far; call between rows. */
  *drain(): Generator<Buffer> {
    while (this.full.length > 0) yield this.full.shift()!;
  }

  /** Everything written, the last piece included. */
  *end(): Generator<Buffer> {
    if (this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
    this.pos = 0;
    yield* this.drain();
  }

  private room(n: number): void {
    if (this.pos + n <= this.buf.length && this.pos < CHUNK_BYTES) return;
    if (this.pos > 0) this.full.push(this.buf.subarray(0, this.pos));
    // A piece handed out is never written again: the socket may still hold it.
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, n));
    this.pos = 0;
  }
}

/** A cell's JSON: `_time` shown as splunkd shows it, absent as null. */
function writeCell(w: PieceWriter, isTime: boolean, field: string, value: FieldValue | undefined): void {
  if (value === undefined) w.text('null');
  else if (typeof value !== 'string') w.text(JSON.stringify(value));
  else if (isTime) w.text(JSON.stringify(resultValue(field, value)));
  else w.jsonString(value);
}

/** The pieces of one results document for `rows[page.offset, page.offset + page.count)`. */
export function* resultPieces(
  allFields: readonly string[], rows: readonly SplEvent[], page: PageRequest, mode: StreamedMode,
  preview: boolean, messages: readonly JobMessage[] = [],
): Generator<Buffer> {
  const start = Math.min(page.offset, rows.length);
  const end = Math.min(rows.length, page.offset + page.count);
  let fields = page.fieldList ? allFields.filter((f) => page.fieldList!.includes(f)) : [...allFields];
  if (end <= start) fields = [];
  const w = new PieceWriter();
  if (mode === 'xml') {
    w.text(resultsOpen(preview) + resultsMeta(fields) + resultsMessages(messages));
  } else {
    const head = `{"preview":${preview},"init_offset":${page.offset},"messages":${JSON.stringify(messages)},"fields":`;
    w.text(mode === 'json'
      ? `${head}${JSON.stringify(fields.map((name) => ({ name })))},"results":[`
      : `${head}${JSON.stringify(fields)},"rows":[`);
  }
  const keys = fields.map((f) => JSON.stringify(f));
  const isTime = fields.map((f) => f === '_time');
  for (let r = start; r < end; r++) {
    const row = rows[r]!;
    if (r !== start && mode !== 'xml') w.byte(COMMA);
    if (mode === 'xml') {
      const t = row['_time'];
      const shown = t === undefined ? row : { ...row, _time: resultValue('_time', t) ?? t };
      w.text(resultXml(shown, fields, r));
    } else if (mode === 'json_rows') {
      w.byte(OPEN_BRACKET);
      for (let c = 0; c < fields.length; c++) {
        if (c !== 0) w.byte(COMMA);
        writeCell(w, isTime[c]!, fields[c]!, row[fields[c]!]);
      }
      w.byte(CLOSE_BRACKET);
    } else {
      w.byte(OPEN_BRACE);
      let first = true;
      for (let c = 0; c < fields.length; c++) {
        const v = row[fields[c]!];
        if (v === undefined) continue;
        if (!first) w.byte(COMMA);
        w.text(keys[c]!);
        w.byte(COLON);
        writeCell(w, isTime[c]!, fields[c]!, v);
        first = false;
      }
      w.byte(CLOSE_BRACE);
    }
    yield* w.drain();
  }
  w.text(mode === 'xml' ? RESULTS_CLOSE : mode === 'json' ? '],"highlighted":{}}' : ']}');
  yield* w.end();
}
