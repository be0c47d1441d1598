/**
 * Result pages (xml, json, json_rows) written straight from the job's rows as text pieces of about
 * CHUNK_CHARS, without the per-row objects and arrays renderResults builds: a 50,000-row page goes out
 * while later rows are still being serialised, and the client can read the first bytes early. The text is
 * byte for byte what renderResults gives for the same page (test/unit/server/results-stream.test.ts).
 */
import { resultValue, type FieldValue, type SplEvent } from './engine-port';
import type { JobMessage } from './jobs';
import type { OutputMode, PageRequest } from './render';
import { RESULTS_CLOSE, resultXml, resultsMessages, resultsMeta, resultsOpen } from './results-xml';

export const CHUNK_CHARS = 256 * 1024;

export type StreamedMode = Extract<OutputMode, 'xml' | 'json' | 'json_rows'>;

export function isStreamedMode(mode: OutputMode): mode is StreamedMode {
  return mode === 'xml' || mode === 'json' || mode === 'json_rows';
}

/** A cell's JSON: `_time` shown as splunkd shows it, absent as null. */
function cellJson(field: string, value: FieldValue | undefined): string {
  if (value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(field === '_time' ? resultValue(field, value) : value);
  return JSON.stringify(value);
}

/** The pieces of one results document for `rows[page.offset, page.offset + page.count)`. */
export function* resultPieces(
  allFields: readonly string[], rows: readonly SplEvent[], page: PageRequest, mode: StreamedMode,
  preview: boolean, messages: readonly JobMessage[] = [],
): Generator<string> {
  const start = Math.min(page.offset, rows.length);
  const end = Math.min(rows.length, page.offset + page.count);
  let fields = page.fieldList ? allFields.filter((f) => page.fieldList!.includes(f)) : [...allFields];
  if (end <= start) fields = [];
  let out: string;
  if (mode === 'xml') {
    out = resultsOpen(preview) + resultsMeta(fields) + resultsMessages(messages);
  } else {
    const head = `{"preview":${preview},"init_offset":${page.offset},"messages":${JSON.stringify(messages)},"fields":`;
    out = mode === 'json'
      ? `${head}${JSON.stringify(fields.map((name) => ({ name })))},"results":[`
      : `${head}${JSON.stringify(fields)},"rows":[`;
  }
  const keys = fields.map((f) => `${JSON.stringify(f)}:`);
  for (let r = start; r < end; r++) {
    const row = rows[r]!;
    if (mode === 'xml') {
      const t = row['_time'];
      const shown = t === undefined ? row : { ...row, _time: resultValue('_time', t) ?? t };
      out += resultXml(shown, fields, r);
    } else if (mode === 'json_rows') {
      let line = r === start ? '[' : ',[';
      for (let c = 0; c < fields.length; c++) line += (c === 0 ? '' : ',') + cellJson(fields[c]!, row[fields[c]!]);
      out += `${line}]`;
    } else {
      let line = r === start ? '{' : ',{';
      let first = true;
      for (let c = 0; c < fields.length; c++) {
        const v = row[fields[c]!];
        if (v === undefined) continue;
        line += (first ? '' : ',') + keys[c]! + cellJson(fields[c]!, v);
        first = false;
      }
      out += `${line}}`;
    }
    if (out.length >= CHUNK_CHARS) { yield out; out = ''; }
  }
  out += mode === 'xml' ? RESULTS_CLOSE : mode === 'json' ? '],"highlighted":{}}' : ']}';
  yield out;
}
