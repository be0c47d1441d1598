/**
 * Copy formats for a rectangle of a TableView (rows × columns, in view order), and the row serialisers the
 * streaming exporter shares.
 *
 * Decisions:
 * - Formula neutralisation (see neutralise.ts) is ON by default for CSV, TSV, column values and column unique
 *   values (field names included); `neutralise: false` turns it off. JSON and Markdown are not spreadsheet input
 *   and are never altered; a single cell's raw copy stays raw.
 * - A multivalue cell becomes one text joined with `multivalueSeparator` (default newline, Splunk's own CSV
 *   convention) in CSV/TSV/Markdown/lists; JSON keeps arrays. Column unique values lists each value of a
 *   multivalue on its own.
 * - CSV and TSV are quoted as needed by papaparse (TSV is "CSV with a tab delimiter"), so tabs, newlines and
 *   quotes in values round-trip through a CSV parser. Lines end with CRLF (RFC 4180).
 * - Markdown escapes what would break the table or render as markup: `|`, a backslash before punctuation,
 *   `&`, `<`, `>`; line breaks become `<br>`.
 */
import Papa from 'papaparse';
import type { Cell } from '../shared/cell';
import type { TableView } from './table';
import { neutraliseFormula, neutraliseSegments } from './neutralise';

import type { CopyFormat } from '../shared/copyFormats';

export type { CopyFormat };

export interface FormatOptions {
  /** Default true (ignored by JSON, Markdown and the single cell). */
  neutralise?: boolean;
  /** Default `\n`. */
  multivalueSeparator?: string;
  /** Header row for CSV/TSV (default true). Markdown always has one. */
  headers?: boolean;
}

export interface Selection {
  rows: readonly number[];
  columns: readonly number[];
}

export const DEFAULT_MULTIVALUE_SEPARATOR = '\n';

/** A cell as one text: null is empty, a multivalue is joined. */
export function cellText(cell: Cell, separator: string = DEFAULT_MULTIVALUE_SEPARATOR): string {
  if (cell === null) return '';
  return typeof cell === 'string' ? cell : cell.join(separator);
}

export interface DelimitedOptions {
  delimiter: ',' | '\t';
  neutralise: boolean;
  multivalueSeparator: string;
}

/** Quote and join rows of text as CSV/TSV lines (each line ends with CRLF), with papaparse. */
export function delimitedLines(rows: readonly (readonly string[])[], options: DelimitedOptions): string {
  if (rows.length === 0) return '';
  const data = options.neutralise ? rows.map((r) => r.map(neutraliseFormula)) : (rows as string[][]);
  // escapeFormulae off: neutralisation is ours (above); papaparse's default misses LF and multi-line values.
  return Papa.unparse(data, { delimiter: options.delimiter, newline: '\r\n', quotes: false, escapeFormulae: false, header: false }) + '\r\n';
}

const NEEDS_QUOTES_COMMA = /[",\r\n\uFEFF]|^ | $/;
const NEEDS_QUOTES_TAB = /["\t\r\n\uFEFF]|^ | $/;
const QUOTE = /"/g;

/**
 * The same bytes as `delimitedLines` (papaparse's quoting rules: quote a field holding a quote, the delimiter,
 * CR, LF or a BOM, or starting or ending with a space; double inner quotes), for the streaming exporter's hot loop.
 * Measured: papaparse's per-field work (`safe`, `hasAny`) held CSV export near 20 MB/s; this holds it above 50.
 * A unit test checks the output is identical to papaparse's on a hostile corpus.
 */
export function delimitedLinesFast(rows: readonly (readonly string[])[], options: DelimitedOptions): string {
  const needsQuotes = options.delimiter === ',' ? NEEDS_QUOTES_COMMA : NEEDS_QUOTES_TAB;
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      let v = row[i]!;
      if (options.neutralise) v = neutraliseFormula(v);
      if (needsQuotes.test(v)) v = `"${v.replace(QUOTE, '""')}"`;
      out += i === 0 ? v : options.delimiter + v;
    }
    out += '\r\n';
  }
  return out;
}

/** One row of a view as texts for CSV/TSV. */
export function rowTexts(view: TableView, row: number, columns: readonly number[], separator: string): string[] {
  const out = new Array<string>(columns.length);
  for (let i = 0; i < columns.length; i++) out[i] = cellText(view.cell(row, columns[i]!), separator);
  return out;
}

/**
 * One row as a JSON object text: keys are the column names, multivalues stay arrays, absent is null.
 * A null-prototype object, so a field called `__proto__` is just a key.
 */
export function rowJson(view: TableView, row: number, columns: readonly number[], indent?: number): string {
  return JSON.stringify(rowObject(view, row, columns), null, indent);
}

function rowObject(view: TableView, row: number, columns: readonly number[]): Record<string, Cell> {
  const o = Object.create(null) as Record<string, Cell>;
  for (const c of columns) o[view.columns[c]!] = view.cell(row, c);
  return o;
}

function resolved(options: FormatOptions): Required<FormatOptions> {
  return {
    neutralise: options.neutralise ?? true,
    multivalueSeparator: options.multivalueSeparator ?? DEFAULT_MULTIVALUE_SEPARATOR,
    headers: options.headers ?? true,
  };
}

function delimited(view: TableView, sel: Selection, delimiter: ',' | '\t', options: FormatOptions): string {
  const o = resolved(options);
  const rows: string[][] = [];
  if (o.headers) rows.push(sel.columns.map((c) => view.columns[c] ?? ''));
  for (const r of sel.rows) rows.push(rowTexts(view, r, sel.columns, o.multivalueSeparator));
  return delimitedLines(rows, { delimiter, neutralise: o.neutralise, multivalueSeparator: o.multivalueSeparator });
}

export function toCsv(view: TableView, sel: Selection, options: FormatOptions = {}): string {
  return delimited(view, sel, ',', options);
}

export function toTsv(view: TableView, sel: Selection, options: FormatOptions = {}): string {
  return delimited(view, sel, '\t', options);
}

/** An array of objects, pretty-printed (2 spaces) for pasting into an editor. */
export function toJson(view: TableView, sel: Selection): string {
  return JSON.stringify(sel.rows.map((r) => rowObject(view, r, sel.columns)), null, 2);
}

const MD_PUNCT_AFTER_BACKSLASH = /\\(?=[!-/:-@[-`{-~])/g;

export function escapeMarkdownCell(text: string): string {
  return text
    .replace(MD_PUNCT_AFTER_BACKSLASH, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r\n|\r|\n/g, '<br>');
}

export function toMarkdown(view: TableView, sel: Selection, options: FormatOptions = {}): string {
  const sep = resolved(options).multivalueSeparator;
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdownCell).join(' | ')} |`;
  const lines = [line(sel.columns.map((c) => view.columns[c] ?? '')), `|${sel.columns.map(() => ' --- ').join('|')}|`];
  for (const r of sel.rows) lines.push(line(rowTexts(view, r, sel.columns, sep)));
  return lines.join('\n') + '\n';
}

/** The values of the selected columns (column by column), one per line. */
export function columnValues(view: TableView, sel: Selection, options: FormatOptions = {}): string {
  const o = resolved(options);
  const out: string[] = [];
  for (const c of sel.columns) for (const r of sel.rows) out.push(cellText(view.cell(r, c), o.multivalueSeparator));
  const text = out.join('\n');
  return o.neutralise ? neutraliseSegments(text) : text;
}

/** Distinct non-empty values of the selected columns, first-seen order, each multivalue element on its own. */
export function columnUniqueValues(view: TableView, sel: Selection, options: FormatOptions = {}): string {
  const o = resolved(options);
  const seen = new Set<string>();
  for (const c of sel.columns) {
    for (const r of sel.rows) {
      const cell = view.cell(r, c);
      if (cell === null) continue;
      for (const v of typeof cell === 'string' ? [cell] : cell) if (v !== '') seen.add(v);
    }
  }
  const text = [...seen].join('\n');
  return o.neutralise ? neutraliseSegments(text) : text;
}

/** The first selected cell exactly as it is (multivalue joined): a single value is never neutralised. */
export function cellRaw(view: TableView, sel: Selection, options: FormatOptions = {}): string {
  const r = sel.rows[0];
  const c = sel.columns[0];
  if (r === undefined || c === undefined) return '';
  return cellText(view.cell(r, c), resolved(options).multivalueSeparator);
}

/** One formatter per copy format of shared/copyFormats.ts; the Record type makes a missing one a compile error. */
const FORMATTERS: Record<CopyFormat, (view: TableView, sel: Selection, options: FormatOptions) => string> = {
  cell: cellRaw,
  tsv: toTsv,
  csv: toCsv,
  json: (view, sel) => toJson(view, sel),
  markdown: toMarkdown,
  'column-values': columnValues,
  'column-unique': columnUniqueValues,
};

export function formatCopy(view: TableView, sel: Selection, format: CopyFormat, options: FormatOptions = {}): string {
  return FORMATTERS[format](view, sel, options);
}

/**
 * Past these, copy refuses and points to Export, which streams to a file: the clipboard needs the whole
 * text in memory at once (twice, with the clipboard's own copy), and V8 strings end near 512 MB anyway.
 */
export const COPY_LIMITS = { maxChars: 50_000_000, maxCells: 5_000_000 } as const;

export type CopyPlan =
  | { ok: true; text: string }
  | { ok: false; tooLarge: boolean; reason: string };

const mb = (chars: number) => `${Math.round(chars / 1_000_000).toLocaleString('en-US')} MB`;

/**
 * The copy text, or why there is none: the selection's size is checked before anything is built (cell
 * count first, then the raw text length, stopping as soon as it is over), and a failure while building
 * comes back as a reason instead of a throw.
 */
export function planCopy(view: TableView, sel: Selection, format: CopyFormat, options: FormatOptions = {}, limits: { maxChars: number; maxCells: number } = COPY_LIMITS): CopyPlan {
  const cells = sel.rows.length * sel.columns.length;
  if (format !== 'cell' && cells > limits.maxCells) {
    return { ok: false, tooLarge: true, reason: `The selection has ${cells.toLocaleString('en-US')} cells, more than copy handles (${limits.maxCells.toLocaleString('en-US')}). Use Export instead.` };
  }
  try {
    const sep = resolved(options).multivalueSeparator;
    let chars = 0;
    outer: for (const c of format === 'cell' ? sel.columns.slice(0, 1) : sel.columns) {
      for (const r of format === 'cell' ? sel.rows.slice(0, 1) : sel.rows) {
        // +1 for the delimiter or line break each cell brings; quoting and escaping only add to it.
        chars += cellText(view.cell(r, c), sep).length + 1;
        if (chars > limits.maxChars) break outer;
      }
    }
    if (chars > limits.maxChars) {
      return { ok: false, tooLarge: true, reason: `The selection is more than ${mb(limits.maxChars)} of text, more than copy handles. Use Export instead.` };
    }
    return { ok: true, text: formatCopy(view, sel, format, options) };
  } catch (e) {
    const tooLarge = e instanceof RangeError;
    return { ok: false, tooLarge, reason: tooLarge ? 'The selection is too large to copy as text. Use Export instead.' : `Copy failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}
