/**
 * The body of `search/jobs/export`, written as rows arrive: splunkd's XML by default, CSV, or the JSON lines
 * the server has always sent (kept byte for byte: `_time` as the engine holds it, one row held back so the
 * last can carry `lastrow:true`).
 */
import Papa from 'papaparse';
import type { SplEvent } from './engine-port';
import { asResult, csvCell } from './render';
import { RESULTS_CLOSE, resultXml, resultsMessages, resultsMeta, resultsOpen } from './results-xml';
import { XML_TYPE } from './xml';

const JSON_TYPE = 'application/json; charset=UTF-8';

/** Text to write at the start, for each batch of rows, and at the end; `close` returns undefined when the stream must be cut instead. */
export interface ExportWriter {
  contentType: string;
  open(): string;
  rows(fields: string[], rows: SplEvent[]): string;
  close(error?: string): string | undefined;
}

export function exportWriter(format: 'xml' | 'csv' | 'json'): ExportWriter {
  if (format === 'xml') {
    let fields: string[] | undefined;
    let offset = 0;
    return {
      contentType: XML_TYPE,
      open: () => resultsOpen(false),
      rows(batchFields, rows) {
        const meta = fields === undefined ? resultsMeta(batchFields) : '';
        fields = batchFields;
        return meta + rows.map((r) => resultXml(asResult(r), batchFields, offset++)).join('');
      },
      close: (error) => (fields === undefined ? resultsMeta([]) : '') + (error ? resultsMessages([{ type: 'FATAL', text: error }]) : '') + RESULTS_CLOSE,
    };
  }
  if (format === 'csv') {
    // A stream can have only one header: the first rows' fields. Fields that appear later are not written.
    let header: string[] | undefined;
    return {
      contentType: 'text/csv; charset=UTF-8',
      open: () => '',
      rows(batchFields, rows) {
        const head = header === undefined ? `${Papa.unparse([batchFields], { newline: '\n' })}\n` : '';
        header ??= batchFields;
        const cols = header;
        return head + Papa.unparse(rows.map((r) => { const shown = asResult(r); return cols.map((f) => csvCell(shown[f])); }), { newline: '\n' }) + '\n';
      },
      // CSV has no place for an error, so a failed export ends without a clean close.
      close: (error) => (error ? undefined : ''),
    };
  }
  let offset = 0;
  let pending: SplEvent | undefined;
  const line = (o: object) => `${JSON.stringify(o)}\n`;
  return {
    contentType: JSON_TYPE,
    open: () => '',
    // One row is held back so the last one can carry lastrow:true.
    rows(_fields, rows) {
      let out = '';
      for (const row of rows) {
        if (pending) out += line({ preview: false, offset: offset++, result: pending });
        pending = row;
      }
      return out;
    },
    close: (error) => (error
      ? line({ preview: false, messages: [{ type: 'FATAL', text: error }] })
      : line(pending ? { preview: false, offset, lastrow: true, result: pending } : { preview: false, lastrow: true })),
  };
}
