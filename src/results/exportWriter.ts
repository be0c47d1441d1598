/**
 * Streaming export of a TableView to CSV, TSV, JSON or JSON Lines.
 *
 * Memory stays flat in the row count: rows are serialised in batches and written in ~1 MiB chunks. The data goes
 * to a temporary file beside the target (same folder, so the final rename is atomic on one file system), is
 * flushed to disk, and only then renamed over the target. On any failure (disk full, permission, cancel, ...)
 * the temporary file is removed and the target is left exactly as it was, and the error says why in plain words.
 */
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { TableView } from './table';
import { DEFAULT_MULTIVALUE_SEPARATOR, delimitedLinesFast, rowJson, rowTexts } from './formats';

export type ExportFormat = 'csv' | 'tsv' | 'json' | 'jsonl';

export interface ExportProgress {
  rows: number;
  /** Known when rows is 'all' or an array. */
  totalRows: number | undefined;
  bytes: number;
}

/** The file-system operations the exporter needs: a neighbour that tests can replace. */
export interface ExportFile {
  /** Writes from the start of `data`; returns how many bytes were written. */
  write(data: Uint8Array): Promise<number>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface ExportFileSystem {
  /** Create a new file; fail if it exists. */
  create(path: string): Promise<ExportFile>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
}

export const nodeExportFileSystem: ExportFileSystem = {
  async create(path) {
    const handle = await fsp.open(path, 'wx', 0o644);
    return {
      write: async (data) => (await handle.write(data)).bytesWritten,
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  },
  rename: (from, to) => fsp.rename(from, to),
  unlink: (path) => fsp.unlink(path),
};

export interface ExportOptions {
  format: ExportFormat;
  /** Spreadsheet formula neutralisation for CSV/TSV, field names included. Default true; JSON is never altered. */
  neutralise?: boolean;
  /** CSV/TSV: the text joining a multivalue's values in one cell. Default newline (Splunk's CSV convention). */
  multivalue?: string;
  /** CSV/TSV header row. Default true. */
  headers?: boolean;
  /** Start the file with a UTF-8 byte order mark (helps Excel detect UTF-8 in CSV/TSV). Default false. */
  bom?: boolean;
  signal?: AbortSignal;
  /** Called after each chunk reaches the file. */
  onProgress?: (progress: ExportProgress) => void;
  /** Defaults to Node's fs. */
  fileSystem?: ExportFileSystem;
  /** Bytes (approximately, in UTF-16 units) gathered before each write. Default 1 MiB. */
  chunkSize?: number;
}

export interface ExportResult {
  bytes: number;
  rows: number;
}

export type ExportFailure = 'disk-full' | 'permission' | 'missing-folder' | 'read-only' | 'is-folder' | 'cancelled' | 'other';

export class ExportError extends Error {
  constructor(message: string, readonly reason: ExportFailure, readonly code: string | undefined, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ExportError';
  }
}

const ROWS_PER_BATCH = 1000;

function describeFailure(err: unknown, target: string, aborted: boolean): ExportError {
  const dir = dirname(target);
  const nothing = `Nothing was saved to ${target}.`;
  if (aborted) return new ExportError(`Export cancelled. ${nothing}`, 'cancelled', 'ABORT_ERR', { cause: err });
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const cause = { cause: err };
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new ExportError(`Export failed: the disk holding ${dir} is full (or your quota is used up). ${nothing}`, 'disk-full', code, cause);
    case 'EACCES':
    case 'EPERM':
      return new ExportError(`Export failed: you do not have permission to write in ${dir}. ${nothing}`, 'permission', code, cause);
    case 'ENOENT':
    case 'ENOTDIR':
      return new ExportError(`Export failed: the folder ${dir} does not exist. ${nothing}`, 'missing-folder', code, cause);
    case 'EROFS':
      return new ExportError(`Export failed: ${dir} is on a read-only file system. ${nothing}`, 'read-only', code, cause);
    case 'EISDIR':
      return new ExportError(`Export failed: ${target} is a folder; choose a file name. ${nothing}`, 'is-folder', code, cause);
    default: {
      const detail = err instanceof Error ? err.message : String(err);
      return new ExportError(`Export failed: ${detail}. ${nothing}`, 'other', code, cause);
    }
  }
}

function* rowSequence(view: TableView, rows: Iterable<number> | 'all'): Generator<number> {
  if (rows === 'all') {
    // The count at the start: rows a running search appends meanwhile are not half-included.
    const n = view.rowCount;
    for (let r = 0; r < n; r++) yield r;
  } else {
    yield* rows;
  }
}

function knownCount(view: TableView, rows: Iterable<number> | 'all'): number | undefined {
  if (rows === 'all') return view.rowCount;
  return Array.isArray(rows) ? rows.length : undefined;
}

/**
 * Write `rows` × `columns` of `view` to `path`. `columns` are view column indexes (or 'all').
 * Resolves with the bytes and rows written; rejects with an ExportError and leaves no file behind otherwise.
 */
export async function exportTable(
  view: TableView,
  rows: Iterable<number> | 'all',
  columns: readonly number[] | 'all',
  path: string,
  options: ExportOptions,
): Promise<ExportResult> {
  const fs = options.fileSystem ?? nodeExportFileSystem;
  const cols = columns === 'all' ? view.columns.map((_, i) => i) : columns;
  const chunkSize = options.chunkSize ?? 1 << 20;
  const separator = options.multivalue ?? DEFAULT_MULTIVALUE_SEPARATOR;
  const neutralise = options.neutralise ?? true;
  const totalRows = knownCount(view, rows);
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.part`);
  const signal = options.signal;

  let file: ExportFile | undefined;
  let created = false;
  let bytes = 0;
  let rowsWritten = 0;
  let pending: string[] = [];
  let pendingLength = 0;

  const checkAbort = () => {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
  };
  const flush = async () => {
    if (pendingLength === 0 || !file) return;
    const data = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    pendingLength = 0;
    let offset = 0;
    while (offset < data.length) {
      const n = await file.write(data.subarray(offset));
      if (!(n > 0)) throw Object.assign(new Error('the file system accepted no more data'), { code: 'ENOSPC' });
      offset += n;
    }
    bytes += data.length;
    checkAbort();
    options.onProgress?.({ rows: rowsWritten, totalRows, bytes });
  };
  const push = async (text: string) => {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength >= chunkSize) await flush();
  };

  try {
    checkAbort();
    file = await fs.create(temp);
    created = true;
    if (options.bom) await push('\uFEFF');
    const delimited = options.format === 'csv' || options.format === 'tsv';
    const delimiterOptions = { delimiter: options.format === 'tsv' ? '\t' : ',', neutralise, multivalueSeparator: separator } as const;
    if (delimited && (options.headers ?? true)) await push(delimitedLinesFast([cols.map((c) => view.columns[c] ?? '')], delimiterOptions));
    if (options.format === 'json') await push('[');

    let batch: string[][] = [];
    let batchJson: string[] = [];
    const writeBatch = async () => {
      checkAbort();
      if (delimited) {
        if (batch.length > 0) await push(delimitedLinesFast(batch, delimiterOptions));
        batch = [];
      } else if (batchJson.length > 0) {
        // JSON: rows joined by ",\n"; the first row of the file follows "[" directly after a newline.
        const sep = options.format === 'json' ? ',\n' : '\n';
        const lead = options.format === 'json' ? (rowsWritten === batchJson.length ? '\n' : ',\n') : '';
        await push(lead + batchJson.join(sep) + (options.format === 'jsonl' ? '\n' : ''));
        batchJson = [];
      }
    };
    // A batch ends at ROWS_PER_BATCH rows or chunkSize characters, so 100 kB cells cannot pile up in memory.
    let batchChars = 0;
    let batchRows = 0;
    for (const row of rowSequence(view, rows)) {
      if (delimited) {
        const texts = rowTexts(view, row, cols, separator);
        for (const t of texts) batchChars += t.length;
        batch.push(texts);
      } else {
        const json = rowJson(view, row, cols);
        batchChars += json.length;
        batchJson.push(json);
      }
      rowsWritten++;
      if (++batchRows === ROWS_PER_BATCH || batchChars >= chunkSize) {
        await writeBatch();
        batchRows = 0;
        batchChars = 0;
      }
    }
    await writeBatch();
    if (options.format === 'json') await push(rowsWritten > 0 ? '\n]\n' : ']\n');
    await flush();
    checkAbort();
    await file.sync();
    await file.close();
    file = undefined;
    checkAbort();
    await fs.rename(temp, path);
    created = false;
    options.onProgress?.({ rows: rowsWritten, totalRows, bytes });
    return { bytes, rows: rowsWritten };
  } catch (err) {
    if (file) await file.close().catch(() => undefined);
    if (created) await fs.unlink(temp).catch(() => undefined);
    throw describeFailure(err, path, signal?.aborted === true);
  }
}
