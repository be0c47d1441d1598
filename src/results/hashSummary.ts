/**
 * What the hash side panel shows: the hashes of the selected rows, and for a whole view (all rows or the
 * filtered ones) the unique hashes per algorithm with event counts and the distinct images they belong to,
 * plus an IMPHASH pivot (different binaries sharing an import table).
 */
import type { Cell } from '../shared/cell';
import type { TableView } from './table';
import {
  HASH_ALGORITHMS, formatHash, parseHashListCached, virusTotalUrl,
  type HashAlgorithm, type HashCase,
} from './hashes';
import {
  MAX_IMAGES_PER_ENTRY, MAX_PIVOT_GROUPS, MAX_SELECTION_HASHES, MAX_UNIQUE_PER_ALGORITHM,
  type CopyTarget, type PanelSortKey, type PanelVerdict, type SelectionMessage, type SummaryMessage,
} from '../shared/hashProtocol';

/**
 * Which column names the file a row's hash belongs to, best first: EventCode 6/7 hash the loaded image (not the
 * process), 15/23/26 the target file, 1 the process image; then CIM/TA aliases.
 */
export const IMAGE_FIELDS: readonly string[] = [
  'ImageLoaded', 'TargetFilename', 'TargetFileName', 'Image', 'process_path', 'file_path', 'process', 'file_name',
];

/** Distinct images kept per unique hash; past this only the count grows (bounded memory on huge result sets). */
export const MAX_IMAGES_PER_HASH = 50;

export interface RowHash {
  row: number;
  /** Source column of the hash list (e.g. `Hashes`). */
  field: string;
  algorithm: HashAlgorithm;
  /** In the chosen case when valid; the text as found (trimmed, clipped) when invalid. */
  value: string;
  valid: boolean;
  zeroImphash: boolean;
  duplicate: boolean;
  image: string | null;
}

export interface SummaryOptions {
  case?: HashCase;
  /** Hash-list columns, as `HashFields` decided them for this result. */
  hashFields: readonly string[];
}

function firstString(cell: Cell): string | null {
  if (cell === null) return null;
  if (typeof cell === 'string') return cell === '' ? null : cell;
  return cell.find((v) => v !== '') ?? null;
}

function columnIndex(view: TableView, name: string): number {
  return view.columns.indexOf(name);
}

interface Resolved {
  hashColumns: { field: string; index: number }[];
  imageColumns: number[];
  hashCase: HashCase;
}

function resolve(view: TableView, options: SummaryOptions): Resolved {
  const fields = options.hashFields;
  return {
    hashColumns: fields.map((field) => ({ field, index: columnIndex(view, field) })).filter((c) => c.index >= 0),
    imageColumns: IMAGE_FIELDS.map((f) => columnIndex(view, f)).filter((i) => i >= 0),
    hashCase: options.case ?? 'upper',
  };
}

/** The image of a row; with a multivalue hash list, the image at the same position when the image is multivalue too. */
function imageOf(view: TableView, row: number, imageColumns: number[], position: number): string | null {
  for (const c of imageColumns) {
    const cell = view.cell(row, c);
    if (Array.isArray(cell) && cell.length > position && cell[position] !== '') return cell[position]!;
    const s = firstString(cell);
    if (s !== null) return s;
  }
  return null;
}

function listsOf(cell: Cell): string[] {
  if (cell === null) return [];
  return typeof cell === 'string' ? [cell] : cell;
}

/** Every hash in the given rows, valid or not, with the image it belongs to, in row then field order. */
export function selectedRowHashes(view: TableView, rows: Iterable<number>, options: SummaryOptions): RowHash[] {
  const { hashColumns, imageColumns, hashCase } = resolve(view, options);
  const out: RowHash[] = [];
  for (const row of rows) {
    if (row < 0 || row >= view.rowCount) continue;
    for (const { field, index } of hashColumns) {
      listsOf(view.cell(row, index)).forEach((text, position) => {
        for (const h of parseHashListCached(text).hashes) {
          out.push({
            row, field, algorithm: h.algorithm,
            value: h.valid ? formatHash(h.value, hashCase) : h.value,
            valid: h.valid, zeroImphash: h.zeroImphash, duplicate: h.duplicate,
            image: imageOf(view, row, imageColumns, position),
          });
        }
      });
    }
  }
  return out;
}

export interface UniqueHash {
  algorithm: HashAlgorithm;
  /** In the chosen case. */
  value: string;
  /** Events (rows) carrying this hash; a row counts once even if it carries it twice. */
  count: number;
  /** Distinct images, at most MAX_IMAGES_PER_HASH, in first-seen order. */
  images: string[];
  /** Distinct images in total (may exceed images.length). */
  imageCount: number;
  zeroImphash: boolean;
}

export interface ImphashGroup {
  imphash: string;
  count: number;
  /** Distinct binaries (by SHA256, else SHA1, else MD5, else image path) sharing this import table. */
  binaries: string[];
  images: string[];
}

export interface HashSummary {
  rows: number;
  byAlgorithm: Record<HashAlgorithm, UniqueHash[]>;
  /** Hash parts present but malformed (never counted as hashes). */
  invalidCount: number;
  /** Groups with more than one binary or image; the all-zero IMPHASH is left out. Sorted by binaries, then count. */
  imphashPivot: ImphashGroup[];
}

interface Acc {
  u: UniqueHash;
  imageSet: Set<string>;
  lastRow: number;
}

interface PivotAcc {
  count: number;
  lastRow: number;
  binaries: Set<string>;
  images: Set<string>;
}

const IDENTITY_ORDER: readonly HashAlgorithm[] = ['SHA256', 'SHA1', 'MD5'];

/** Unique hashes of a view (pass a filtered TableView for "the filtered view"), sorted by count, most first. */
export function summariseHashes(view: TableView, options: SummaryOptions): HashSummary {
  const { hashColumns, imageColumns, hashCase } = resolve(view, options);
  const maps = Object.fromEntries(HASH_ALGORITHMS.map((a) => [a, new Map<string, Acc>()])) as Record<HashAlgorithm, Map<string, Acc>>;
  const pivot = new Map<string, PivotAcc>();
  let invalidCount = 0;
  for (let row = 0; row < view.rowCount; row++) {
    for (const { index } of hashColumns) {
      const lists = listsOf(view.cell(row, index));
      for (let position = 0; position < lists.length; position++) {
        const parsed = parseHashListCached(lists[position]!);
        let image: string | null | undefined;
        let imphash: string | undefined;
        let identity: string | undefined;
        for (const h of parsed.hashes) {
          if (!h.valid) { invalidCount++; continue; }
          image ??= imageOf(view, row, imageColumns, position);
          const map = maps[h.algorithm];
          let acc = map.get(h.value);
          if (!acc) {
            acc = { u: { algorithm: h.algorithm, value: formatHash(h.value, hashCase), count: 0, images: [], imageCount: 0, zeroImphash: h.zeroImphash }, imageSet: new Set(), lastRow: -1 };
            map.set(h.value, acc);
          }
          if (acc.lastRow !== row) { acc.u.count++; acc.lastRow = row; }
          if (image !== null && !acc.imageSet.has(image)) {
            acc.imageSet.add(image);
            acc.u.imageCount++;
            if (acc.u.images.length < MAX_IMAGES_PER_HASH) acc.u.images.push(image);
          }
          if (h.algorithm === 'IMPHASH' && !h.zeroImphash) imphash ??= h.value;
        }
        if (imphash !== undefined) {
          for (const a of IDENTITY_ORDER) {
            const h = parsed.hashes.find((p) => p.algorithm === a && p.valid);
            if (h) { identity = `${a}:${h.value}`; break; }
          }
          if (identity === undefined && image) identity = `image:${image}`;
          let p = pivot.get(imphash);
          if (!p) { p = { count: 0, lastRow: -1, binaries: new Set(), images: new Set() }; pivot.set(imphash, p); }
          if (p.lastRow !== row) { p.count++; p.lastRow = row; }
          if (identity !== undefined) p.binaries.add(identity);
          if (image && p.images.size < MAX_IMAGES_PER_HASH) p.images.add(image);
        }
      }
    }
  }
  const byAlgorithm = Object.fromEntries(HASH_ALGORITHMS.map((a) => [a, sortUniqueHashes([...maps[a].values()].map((x) => x.u), 'count', 'desc')])) as Record<HashAlgorithm, UniqueHash[]>;
  const imphashPivot: ImphashGroup[] = [];
  for (const [imphash, p] of pivot) {
    if (p.binaries.size < 2 && p.images.size < 2) continue;
    imphashPivot.push({
      imphash: formatHash(imphash, hashCase),
      count: p.count,
      binaries: [...p.binaries].map((b) => { const i = b.indexOf(':'); return b.startsWith('image:') ? b.slice(6) : `${b.slice(0, i)}=${formatHash(b.slice(i + 1), hashCase)}`; }),
      images: [...p.images],
    });
  }
  imphashPivot.sort((a, b) => b.binaries.length - a.binaries.length || b.count - a.count || cmp(a.imphash, b.imphash));
  return { rows: view.rowCount, byAlgorithm, invalidCount, imphashPivot };
}

export type UniqueSortKey = 'count' | 'value' | 'images';
export type SortDirection = 'asc' | 'desc';

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A sorted copy; ties broken by value so the order is stable across runs. */
export function sortUniqueHashes(list: readonly UniqueHash[], key: UniqueSortKey, direction: SortDirection): UniqueHash[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...list].sort((a, b) => {
    const d = key === 'count' ? a.count - b.count : key === 'images' ? a.imageCount - b.imageCount : cmp(a.value, b.value);
    return d !== 0 ? sign * d : cmp(a.value, b.value);
  });
}

/**
 * "All unique <ALGO>" as newline-separated text for pasting into a lookup tool. The all-zero IMPHASH is left out
 * (it identifies nothing). Single values in a tool's search box are not a spreadsheet, so no formula
 * neutralisation is needed: every line is hex.
 */
export function uniqueHashList(summary: HashSummary, algorithm: HashAlgorithm): string {
  return summary.byAlgorithm[algorithm].filter((u) => !u.zeroImphash).map((u) => u.value).join('\n');
}

/**
 * VirusTotal's answer for a hash as the panel shows it, with a score that orders it: higher first
 * (flagged files by detections, then clean, then not found, then failed).
 */
export type VerdictLookup = (algorithm: HashAlgorithm, value: string) => { verdict: PanelVerdict; score: number } | undefined;

/** Below every answer: hashes never looked up sort last. */
const NO_VERDICT_SCORE = -1e9;

/** Sorted by verdict score (`desc`: flagged first), ties by events, most first, then value. */
export function sortByVerdict(list: readonly UniqueHash[], verdictOf: VerdictLookup, direction: SortDirection): UniqueHash[] {
  const sign = direction === 'asc' ? 1 : -1;
  const scores = new Map<UniqueHash, number>();
  for (const u of list) scores.set(u, verdictOf(u.algorithm, u.value)?.score ?? NO_VERDICT_SCORE);
  return [...list].sort((a, b) => sign * (scores.get(a)! - scores.get(b)!) || b.count - a.count || cmp(a.value, b.value));
}

// ---- the host's side of the hash panel ----------------------------------------------------------------------

/**
 * What the host keeps for the Hashes panel: it builds the (capped) messages, and answers the panel's requests
 * from its own data, by id, so nothing the panel sends becomes copied text or a URL without validation.
 */
export class HashPanelModel {
  private rowHashes: RowHash[] = [];
  private selectedRows = 0;
  private summary: HashSummary | undefined;
  private scope: 'all' | 'filtered' = 'all';
  private sort: { key: PanelSortKey; direction: SortDirection } = { key: 'count', direction: 'desc' };
  private sorted: Record<HashAlgorithm, UniqueHash[]> | undefined;
  private verdictOf: VerdictLookup | undefined;

  /** Where verdicts come from; the next messages carry them. */
  setVerdictLookup(verdictOf: VerdictLookup): void {
    this.verdictOf = verdictOf;
  }

  private vt(algorithm: HashAlgorithm, value: string, valid = true): { vt?: PanelVerdict } {
    const v = valid && algorithm !== 'IMPHASH' ? this.verdictOf?.(algorithm, value) : undefined;
    return v ? { vt: v.verdict } : {};
  }

  /** The last selection again, with the verdicts as they are now. */
  selectionMessage(): SelectionMessage {
    return this.setSelection(this.rowHashes, this.selectedRows);
  }

  /** The summary again, resorted, with the verdicts as they are now; undefined before any summary. */
  summaryMessage(): SummaryMessage | undefined {
    return this.summary ? this.resort() : undefined;
  }

  setSelection(rowHashes: RowHash[], selectedRows: number): SelectionMessage {
    this.rowHashes = rowHashes.slice(0, MAX_SELECTION_HASHES);
    this.selectedRows = selectedRows;
    return {
      type: 'selection',
      selectedRows,
      truncated: rowHashes.length > MAX_SELECTION_HASHES,
      hashes: this.rowHashes.map((h, id) => ({
        id, row: h.row, field: h.field, algorithm: h.algorithm, value: h.value, valid: h.valid, zeroImphash: h.zeroImphash, image: h.image,
        ...this.vt(h.algorithm, h.value, h.valid),
      })),
    };
  }

  setSummary(summary: HashSummary, scope: 'all' | 'filtered'): SummaryMessage {
    this.summary = summary;
    this.scope = scope;
    return this.resort();
  }

  setSort(key: PanelSortKey, direction: SortDirection): SummaryMessage | undefined {
    this.sort = { key, direction };
    return this.summary ? this.resort() : undefined;
  }

  private resort(): SummaryMessage {
    const s = this.summary!;
    const { key, direction } = this.sort;
    const verdictOf = this.verdictOf;
    this.sorted = Object.fromEntries(HASH_ALGORITHMS.map((a) => [a, key === 'verdict'
      ? (verdictOf ? sortByVerdict(s.byAlgorithm[a], verdictOf, direction) : sortUniqueHashes(s.byAlgorithm[a], 'count', 'desc'))
      : sortUniqueHashes(s.byAlgorithm[a], key, direction)])) as Record<HashAlgorithm, UniqueHash[]>;
    const sorted = this.sorted;
    return {
      type: 'summary',
      scope: this.scope,
      rows: s.rows,
      invalidCount: s.invalidCount,
      sort: { ...this.sort },
      algorithms: HASH_ALGORITHMS.map((algorithm) => ({
        algorithm,
        uniqueCount: sorted[algorithm].length,
        hashes: sorted[algorithm].slice(0, MAX_UNIQUE_PER_ALGORITHM).map((u, id) => ({
          id, value: u.value, count: u.count, imageCount: u.imageCount, images: u.images.slice(0, MAX_IMAGES_PER_ENTRY), zeroImphash: u.zeroImphash,
          ...this.vt(algorithm, u.value),
        })),
      })),
      imphashPivot: s.imphashPivot.slice(0, MAX_PIVOT_GROUPS).map((g) => ({
        imphash: g.imphash, count: g.count, binaries: g.binaries.slice(0, MAX_IMAGES_PER_ENTRY), images: g.images.slice(0, MAX_IMAGES_PER_ENTRY),
      })),
    };
  }

  /** Text for a copy request, or undefined when the id does not name a valid hash (the host then does nothing). */
  copyText(target: CopyTarget): string | undefined {
    switch (target.kind) {
      case 'selectedHash': {
        const h = this.rowHashes[target.id];
        return h?.valid ? h.value : undefined;
      }
      case 'allSelected': {
        const values = [...new Set(this.rowHashes.filter((h) => h.valid && !h.zeroImphash).map((h) => h.value))];
        return values.length > 0 ? values.join('\n') : undefined;
      }
      case 'uniqueHash':
        return this.sorted?.[target.algorithm][target.id]?.value;
      case 'allUnique':
        return this.summary ? this.uniqueList(target.algorithm) : undefined;
    }
  }

  /**
   * The export form: one hash a line, and once any of them has a VirusTotal answer, tab-separated
   * columns after it (`malicious/total`, label, meaningful name, last analysis date) under a header.
   * VirusTotal's text comes from file names uploaders chose, so it is neutralised for spreadsheets.
   */
  exportText(algorithm: HashAlgorithm, neutralise: (text: string) => string): string {
    if (!this.summary) return '';
    const list = this.summary.byAlgorithm[algorithm].filter((u) => !u.zeroImphash);
    const verdicts = list.map((u) => this.vt(algorithm, u.value).vt);
    if (!verdicts.some((v) => v)) return list.map((u) => u.value).join('\n');
    const clean = (t: string | undefined) => neutralise((t ?? '').replace(/[\t\r\n]+/g, ' '));
    const lines = [[algorithm, 'VT', 'Threat label', 'Meaningful name', 'Last analysis (UTC)'].join('\t')];
    list.forEach((u, i) => {
      const v = verdicts[i];
      lines.push([u.value, clean(v?.text), clean(v?.label), clean(v?.name), clean(v?.date)].join('\t'));
    });
    return lines.join('\n');
  }

  /** Every unique hash of an algorithm (not only the ones sent), newline-separated: for copy and export. */
  uniqueList(algorithm: HashAlgorithm): string {
    return this.summary ? uniqueHashList(this.summary, algorithm) : '';
  }

  /** The VirusTotal URL for a hash the panel names, built from the host's own validated value. */
  virusTotalUrlFor(source: 'selection' | 'summary', algorithm: HashAlgorithm, id: number): string | undefined {
    if (source === 'selection') {
      const h = this.rowHashes[id];
      if (!h || h.algorithm !== algorithm || !h.valid) return undefined;
      return virusTotalUrl({ algorithm, value: h.value, valid: true });
    }
    const u = this.sorted?.[algorithm][id];
    return u ? virusTotalUrl({ algorithm, value: u.value, valid: true }) : undefined;
  }

  get selectionSize(): number {
    return this.selectedRows;
  }
}
