/**
 * A json_rows results document from the server, checked once on the way in so nothing later (the
 * store, the grid, copy, export) meets a value that is not a Cell.
 *
 * Cell policy: Splunk sends every value as a string or an array of strings. Numbers and booleans do
 * turn up (some apps and proxies re-encode values), and their text is unambiguous, so they become
 * strings silently. Objects (and arrays nested in a multivalue) have no place in the format; they
 * become their JSON text rather than failing the run, so the user still sees the data, and the run
 * carries a WARN saying how many there were and where, because they mean the server is not speaking
 * the format we expect. A document without `rows`, or a row that is not an array, is not a page
 * at all: that is an error naming the offset, never an early end that looks like truncation.
 */
import type { Cell, SearchMessage } from '../backend';
import { SplunkError, splunkMessages } from './errors';

export interface ResultsPage {
  fields: string[];
  rows: Cell[][];
  messages: SearchMessage[];
}

function describeBody(doc: unknown): string {
  if (typeof doc === 'string') return doc.trim() === '' ? 'an empty body' : 'a body that is not JSON';
  if (Array.isArray(doc)) return 'a JSON array';
  if (doc === null || typeof doc !== 'object') return `a JSON ${doc === null ? 'null' : typeof doc}`;
  return 'a JSON document without rows';
}

function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

/**
 * `offset` is where the page was asked to start, for the messages; `limit` drops rows beyond what was
 * asked for, so a server that ignores `count` cannot push more than that into memory.
 */
export function parseResultsPage(doc: unknown, offset: number, limit: number, which: 'results' | 'preview' = 'results'): ResultsPage {
  const rawRows = doc && typeof doc === 'object' ? (doc as { rows?: unknown }).rows : undefined;
  if (!Array.isArray(rawRows)) {
    throw new SplunkError('bad-response', `The server sent ${describeBody(doc)} instead of the ${which} page at offset ${offset}.`);
  }
  const rawFields = (doc as { fields?: unknown }).fields;
  const fields = Array.isArray(rawFields) ? rawFields.map((f) => scalarText(f) ?? JSON.stringify(f)) : [];
  // Rows are checked where JSON.parse left them (the document is ours alone): a cell that is not text is
  // replaced in place, and well-formed rows, nearly all of them, are handed on without a copy.
  if (rawRows.length > Math.max(0, limit)) rawRows.length = Math.max(0, limit);
  const rows = rawRows as Cell[][];
  let odd = 0;
  let firstOdd = -1;
  const objectText = (v: unknown, row: number): string => {
    if (odd++ === 0) firstOdd = offset + row;
    return JSON.stringify(v) ?? String(v);
  };
  for (let r = 0; r < rows.length; r++) {
    const row: unknown = rows[r];
    if (!Array.isArray(row)) {
      throw new SplunkError('bad-response', `Row ${offset + r} of the ${which} page at offset ${offset} is not a list of values.`);
    }
    for (let c = 0; c < row.length; c++) {
      const v: unknown = row[c];
      if (typeof v === 'string' || v === null) continue;
      if (v === undefined) { row[c] = null; continue; }
      const text = scalarText(v);
      if (text !== undefined) { row[c] = text; continue; }
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const x: unknown = v[i];
          if (typeof x !== 'string') v[i] = scalarText(x) ?? (x === null || x === undefined ? '' : objectText(x, r));
        }
        continue;
      }
      row[c] = objectText(v, r);
    }
  }
  const messages = splunkMessages(doc);
  if (odd > 0) {
    messages.push({ type: 'WARN', text: `${odd} value${odd === 1 ? ' was a JSON object' : 's were JSON objects'} (first in row ${firstOdd}), not text as Splunk sends; shown as JSON text.` });
  }
  return { fields, rows, messages };
}
