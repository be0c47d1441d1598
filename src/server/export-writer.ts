/**
 * The body of `search/jobs/export`: splunkd's XML by default, written as rows arrive; JSON lines (one row held
 * back so the last can carry `lastrow:true`); or CSV, written at the end so its header covers every field.
 * `_time` is shown as in results (ISO 8601 with offset), as splunkd shows it in every output.
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
    // A CSV stream has one header and it comes first, but a later batch can bring fields the first did not
    // have: rows are held until the search ends, so the header covers every field (in order of appearance).
    const fields: string[] = [];
    const seen = new Set<string>();
    const held: SplEvent[] = [];
    return {
      contentType: 'text/csv; charset=UTF-8',
      open: () => '',
      rows(batchFields, rows) {
        for (const f of batchFields) if (!seen.has(f)) { seen.add(f); fields.push(f); }
        for (const r of rows) held.push(r);
        return '';
      },
      // CSV has no place for an error, so a failed export ends without a clean close.
      close(error) {
        if (error) return undefined;
        if (fields.length === 0) return '';
        const data = held.map((r) => { const shown = asResult(r); return fields.map((f) => csvCell(shown[f])); });
        held.length = 0;
        return `${Papa.unparse({ fields, data }, { newline: '\n' })}\n`;
      },
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
        pending = asResult(row);
      }
      return out;
    },
    close: (error) => (error
      ? line({ preview: false, messages: [{ type: 'FATAL', text: error }] })
      : line(pending ? { preview: false, offset, lastrow: true, result: pending } : { preview: false, lastrow: true })),
  };
}
