/**
 * splunkd's result documents (xml, json, json_rows, json_cols, csv) for results, results_preview, events
 * and oneshot. Every value is a string or an array of strings; absent cells are null in row/column modes.
 */
import Papa from 'papaparse';
import { resultValue, type FieldValue, type SplEvent } from './engine-port';
import type { JobMessage } from './jobs';
import { resultsXml } from './results-xml';
import { XML_TYPE } from './xml';

export type OutputMode = 'xml' | 'json' | 'json_rows' | 'json_cols' | 'csv';
export const MAX_RESULT_ROWS = 50_000;

/** An absent `output_mode` means XML: splunkd's default, and what Splunk's Python SDK reads unless told otherwise. */
export function parseOutputMode(value: string | undefined): OutputMode | undefined {
  if (value === undefined || value === '') return 'xml';
  return (['xml', 'json', 'json_rows', 'json_cols', 'csv'] as const).find((m) => m === value);
}

/** A CSV cell as splunkd writes one: a multivalue newline-joined (the quoting is Papa's). */
export function csvCell(value: FieldValue | undefined): string {
  return Array.isArray(value) ? value.join('\n') : (value ?? '');
}

export interface PageRequest { count: number; offset: number; fieldList?: string[] }

/** `count` default 100; 0 = everything up to the cap (limits.conf maxresultrows, 50,000); larger values are capped too. */
export function pageRequest(params: Record<string, string | string[]>, defaultCount = 100, cap = MAX_RESULT_ROWS): PageRequest {
  const one = (k: string) => { const v = params[k]; return Array.isArray(v) ? v[v.length - 1] : v; };
  const rawCount = Number(one('count') ?? defaultCount);
  const count = !Number.isFinite(rawCount) || rawCount <= 0 ? cap : Math.min(Math.floor(rawCount), cap);
  const rawOffset = Number(one('offset') ?? 0);
  const offset = Number.isFinite(rawOffset) && rawOffset > 0 ? Math.floor(rawOffset) : 0;
  let fieldList: string[] | undefined;
  const fl = one('field_list');
  if (fl) fieldList = fl.split(',').map((s) => s.trim()).filter(Boolean);
  const f = params['f'];
  if (f !== undefined) fieldList = [...(fieldList ?? []), ...(Array.isArray(f) ? f : [f])];
  return { count, offset, ...(fieldList ? { fieldList } : {}) };
}

/** The row as splunkd reports it (`_time` as ISO 8601, not the epoch the search works with). */
export function asResult(r: SplEvent): SplEvent {
  const t = r['_time'];
  if (t === undefined) return r;
  const shown = resultValue('_time', t);
  return shown === t || shown === null ? r : { ...r, _time: shown };
}

export interface ResultDocument { body: string; contentType: string }

const JSON_TYPE = 'application/json; charset=UTF-8';

export function renderResults(
  allFields: string[], rows: readonly SplEvent[], page: PageRequest, mode: OutputMode,
  preview: boolean, messages: JobMessage[] = [],
): ResultDocument {
  const slice = rows.slice(page.offset, page.offset + page.count).map(asResult);
  let fields = page.fieldList ? allFields.filter((f) => page.fieldList!.includes(f)) : allFields;
  // An empty set reports no fields, as splunkd does.
  if (slice.length === 0) fields = [];
  const head = { preview, init_offset: page.offset, messages };
  switch (mode) {
    case 'xml':
      return { body: resultsXml(fields, slice, page.offset, preview, messages), contentType: XML_TYPE };
    case 'json': {
      const results = slice.map((r) => {
        const o: SplEvent = {};
        for (const f of fields) { const v = r[f]; if (v !== undefined) o[f] = v; }
        return o;
      });
      return { body: JSON.stringify({ ...head, fields: fields.map((name) => ({ name })), results, highlighted: {} }), contentType: JSON_TYPE };
    }
    case 'json_rows': {
      const out = slice.map((r) => fields.map((f) => r[f] ?? null));
      return { body: JSON.stringify({ ...head, fields, rows: out }), contentType: JSON_TYPE };
    }
    case 'json_cols': {
      const columns = fields.map((f) => slice.map((r) => r[f] ?? null));
      return { body: JSON.stringify({ ...head, fields, columns }), contentType: JSON_TYPE };
    }
    case 'csv': {
      const data = slice.map((r) => fields.map((f) => csvCell(r[f])));
      const body = fields.length ? Papa.unparse({ fields, data }, { newline: '\n' }) + '\n' : '';
      return { body, contentType: 'text/csv; charset=UTF-8' };
    }
  }
}
