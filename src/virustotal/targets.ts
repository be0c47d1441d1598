/**
 * Which file ids a set of result rows asks VirusTotal about: one per Sysmon hash list (its SHA256,
 * else SHA1, else MD5), deduplicated, so a binary seen in 10,000 events costs one request.
 */
import { parseHashListCached } from '../results/hashes';
import type { TableView } from '../results/table';
import { bestFileId, uniqueFileIds, type FileId } from './fileId';

export interface Targets {
  ids: FileId[];
  /** Hash lists with no SHA256, SHA1 or MD5 (an IMPHASH alone names no file). */
  withoutFileId: number;
}

/** Rows of `view` (all of them when `rows` is omitted); `hashFields` as `HashFields` decided them. */
export function fileIdsOfRows(view: TableView, hashFields: readonly string[], rows?: Iterable<number>): Targets {
  const columns = hashFields.map((f) => view.columns.indexOf(f)).filter((i) => i >= 0);
  const found: FileId[] = [];
  let withoutFileId = 0;
  const visit = (row: number): void => {
    for (const c of columns) {
      const cell = view.cell(row, c);
      if (cell === null) continue;
      for (const text of typeof cell === 'string' ? [cell] : cell) {
        const parsed = parseHashListCached(text);
        if (parsed.hashes.length === 0) continue;
        const id = bestFileId(parsed);
        if (id) found.push(id); else withoutFileId++;
      }
    }
  };
  if (rows) {
    for (const r of rows) if (r >= 0 && r < view.rowCount) visit(r);
  } else {
    for (let r = 0; r < view.rowCount; r++) visit(r);
  }
  return { ids: uniqueFileIds(found), withoutFileId };
}
