/**
 * The message protocol between the extension host (which owns the results) and the results grid
 * webview (which only draws a window of them). Plain TypeScript: no DOM, no vscode.
 *
 * Rules: no message carries the whole result set, a secret, a file path or a command to execute.
 * The grid refers to data by view position (viewId + row/column index) or by column name; the host
 * resolves them against its store. Everything from the grid is untrusted: use isGridToHost.
 */
import type { Cell } from './cell';
import { COPY_FORMATS, type CopyFormat } from './copyFormats';
import { arrayOf, exactKeys, isBool, isInt, isRecord, isString, oneOf, optional } from './guards';

export type { Cell };

export type SortDirection = 'asc' | 'desc';

export interface SortKey {
  column: string;
  direction: SortDirection;
}

export interface TextMatch {
  text: string;
  regex?: boolean | undefined;
  caseSensitive?: boolean | undefined;
}

/** A column must (include) or must not (exclude) hold exactly this value. */
export interface ValueMatch {
  column: string;
  value: Cell;
}

export interface FilterSpec {
  /** Matched against every visible column; a row passes when any cell matches. */
  text?: string;
  regex?: boolean;
  caseSensitive?: boolean;
  perColumn?: Record<string, TextMatch>;
  include?: ValueMatch[];
  exclude?: ValueMatch[];
  /** Only rows whose `_time` is in [earliestMs, latestMs) (the timeline's "Zoom to selection"). */
  timeRange?: TimeSpan;
}

/** A span of event time in epoch milliseconds, the end excluded. */
export interface TimeSpan {
  earliestMs: number;
  latestMs: number;
}

/** Limits the guards enforce; the grid keeps within them too. */
export const LIMITS = {
  maxRequestRows: 500,
  maxRowIndex: 2 ** 31 - 1,
  maxColumns: 2000,
  maxNameLength: 1024,
  maxFilterText: 2000,
  maxValueLength: 100_000,
  maxMultiValues: 1000,
  maxSortKeys: 8,
  maxValueMatches: 64,
  maxRanges: 64,
  maxWidth: 5000,
  /** Display truncation of one cell value in `rows` messages. */
  displayChars: 2000,
  /** Fields in one `fields` message (the sidebar's list), and values per field. */
  maxSidebarFields: 500,
  maxSidebarValues: 10,
  /** Bucket counts in one `timeline` message (the host keeps to 100). */
  maxTimelineBuckets: 1000,
  /** Event times the timeline accepts, epoch ms: year 1 to year 9999. */
  minTimeMs: -62_135_596_800_000,
  maxTimeMs: 253_402_300_799_999,
} as const;

/**
 * The timeline's histogram: `counts[i]` events in [startMs + i * spanMs, startMs + (i + 1) * spanMs).
 * `timelineId` names it for the grid's answers.
 */
export interface TimelineSummary {
  spanMs: number;
  startMs: number;
  counts: number[];
  /** Rows with a time, and rows whose `_time` was missing or not a time. */
  total: number;
  unparsed: number;
}

/** One value of a field in the fields sidebar; the grid refers back to it by its index. */
export interface SidebarValue {
  /** Cut to LIMITS.displayChars; the host keeps the full value. */
  value: string;
  clipped: boolean;
  count: number;
  /** count / rows that have the field. */
  share: number;
}

export interface SidebarField {
  field: string;
  /** Rows with a value / all rows. */
  share: number;
  distinct: number;
  /** More distinct values than were tracked: `distinct` is a lower bound. */
  distinctCapped: boolean;
  top: SidebarValue[];
  numeric?: { min: number; max: number; avg: number };
}

/** The fields sidebar's figures; `fieldsId` names this list for the grid's answers. */
export interface FieldsSummary {
  fieldsId: number;
  rowCount: number;
  /** More fields than LIMITS.maxSidebarFields: the least common were left out. */
  truncated: boolean;
  fields: SidebarField[];
}

export interface ColumnInfo {
  name: string;
  kind: 'field' | 'derived';
  /** Source field of a derived column. */
  source?: string;
  internal: boolean;
  /** Derived from a hash field (Sysmon `Hashes`/`Hash`); the grid marks these. */
  hash?: boolean;
  /** Suggested width in CSS pixels. */
  widthHint?: number;
}

export interface JobFacts {
  sid: string;
  state: string;
  /** 0..1 */
  progress: number;
  running: boolean;
  /** Rows held by the host (fetched so far). */
  resultCount: number;
  /** Rows the job produced, when known; > resultCount when the fetch was truncated. */
  totalResults?: number;
  truncated: boolean;
  /** Seconds. */
  runDuration: number;
  messages: { type: 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG'; text: string }[];
}

export interface GridSettings {
  hashColumns: boolean;
}

/** The part of a view the grid can change and may persist with setState. */
export interface ViewState {
  sort: SortKey[];
  filter: FilterSpec;
  /** Preferred column order (names); unknown names are ignored, unlisted columns follow. */
  order: string[];
  hidden: string[];
  showInternal: boolean;
}

/** What the grid keeps in its webview state (setState) to come back to after a reload. The host keeps the view itself. */
export interface PersistedGridState extends ViewState {
  widths: Record<string, number>;
  scrollTop: number;
  scrollLeft: number;
}

export interface ViewSummary {
  /** Changes whenever row positions change; rows and requests carry it so stale ones are dropped. */
  viewId: number;
  /** Visible columns in order. */
  columns: ColumnInfo[];
  /** Every column the store has (for the column chooser), in store order. */
  allColumns: ColumnInfo[];
  rowCount: number;
  matchCount: number;
  totalCount: number;
  state: ViewState;
  /** Set when the filter could not be applied as given (e.g. an invalid regex). */
  filterError?: string;
}

export type HostToGrid =
  | { type: 'init'; view: ViewSummary; job: JobFacts; settings: GridSettings }
  | { type: 'viewChanged'; view: ViewSummary }
  | {
      type: 'rows';
      requestId: number;
      viewId: number;
      start: number;
      /** One array per row, cells in view column order, long strings cut to LIMITS.displayChars. */
      rows: Cell[][];
      /** Flat indexes (rowOffset * columnCount + column) of cells that were cut for display. */
      clipped: number[];
    }
  | { type: 'status'; job: JobFacts }
  | { type: 'settings'; settings: GridSettings }
  /** The fields sidebar's figures, sent after `requestFields` and again (throttled) while rows arrive. */
  | { type: 'fields'; summary: FieldsSummary }
  /** The timeline's counts after `requestTimeline` and again (throttled) while rows arrive; null: no `_time`. */
  | { type: 'timeline'; timeline: TimelineSummary | null }
  | { type: 'error'; message: string };

/** Inclusive index ranges in view positions. */
export interface CellRange {
  rowStart: number;
  rowEnd: number;
  colStart: number;
  colEnd: number;
}

export interface Selection {
  viewId: number;
  ranges: CellRange[];
}

export { COPY_FORMATS, type CopyFormat } from './copyFormats';

export type ExportScope = 'selection' | 'view' | 'all';
export const EXPORT_SCOPES: readonly ExportScope[] = ['selection', 'view', 'all'];

export interface CellRef {
  viewId: number;
  row: number;
  column: number;
}

export type GridToHost =
  | { type: 'ready' }
  | { type: 'requestRows'; requestId: number; viewId: number; start: number; count: number }
  | { type: 'setSort'; sort: SortKey[] }
  | { type: 'setFilter'; filter: FilterSpec }
  | { type: 'setColumns'; order: string[]; hidden: string[] }
  | { type: 'toggleInternal'; show: boolean }
  | { type: 'toggleHashColumns'; show: boolean }
  | { type: 'select'; selection: Selection }
  | { type: 'copy'; format: CopyFormat; selection: Selection; withHeaders: boolean }
  | { type: 'filterToValue'; cell: CellRef }
  | { type: 'excludeValue'; cell: CellRef }
  | { type: 'openValue'; cell: CellRef }
  | { type: 'export'; scope: ExportScope; selection?: Selection }
  /** Look up the hashes of the selected rows in VirusTotal (the host picks the file ids). */
  | { type: 'lookUpHashes'; selection: Selection }
  | { type: 'rerun' }
  | { type: 'cancel' }
  /** The fields sidebar opened: send `fields` now and while rows arrive. */
  | { type: 'requestFields' }
  /** The fields sidebar closed: stop sending `fields` until it is requested again. */
  | { type: 'fieldsClosed' }
  /**
   * Add `field="value"` (or, with exclude, `NOT field="value"`) to the run's query. Field and value are
   * indexes into the `fields` message `fieldsId`: the host resolves them, never trusting text from here.
   */
  | { type: 'fieldValueToQuery'; fieldsId: number; field: number; value: number; exclude: boolean; rerun: boolean }
  /** The timeline is shown: send `timeline` now and while rows arrive. */
  | { type: 'requestTimeline' }
  /** The timeline is hidden: stop sending `timeline` until it is requested again. */
  | { type: 'timelineHidden' }
  /** Make this span of event time the time range of the next run (and, with rerun, run again). */
  | { type: 'useTimeRange'; span: TimeSpan; rerun: boolean };

export type GridToHostType = GridToHost['type'];


// ---------------------------------------------------------------------------------------------
// Runtime guards. Strict: unknown keys, wrong types, out-of-range numbers, oversized strings or
// lists all fail. The host calls isGridToHost on every message before looking at it.

const name = (v: unknown): v is string => isString(v, LIMITS.maxNameLength);
const rowIndex = (v: unknown): v is number => isInt(v, 0, LIMITS.maxRowIndex);
const colIndex = (v: unknown): v is number => isInt(v, 0, LIMITS.maxColumns);
const viewId = (v: unknown): v is number => isInt(v, 0, Number.MAX_SAFE_INTEGER);

export function isSortKeys(v: unknown): v is SortKey[] {
  return arrayOf(v, LIMITS.maxSortKeys, (k) =>
    exactKeys(k, { column: name, direction: oneOf(['asc', 'desc'] as const) }));
}

function isTextMatch(v: unknown): v is TextMatch {
  return exactKeys(v, {
    text: (t) => isString(t, LIMITS.maxFilterText),
    regex: optional(isBool),
    caseSensitive: optional(isBool),
  });
}

export function isCell(v: unknown): v is Cell {
  return v === null || isString(v, LIMITS.maxValueLength) ||
    arrayOf(v, LIMITS.maxMultiValues, (x) => isString(x, LIMITS.maxValueLength));
}

function isValueMatch(v: unknown): v is ValueMatch {
  return exactKeys(v, { column: name, value: isCell });
}

export function isFilterSpec(v: unknown): v is FilterSpec {
  return exactKeys(v, {
    text: optional((t) => isString(t, LIMITS.maxFilterText)),
    regex: optional(isBool),
    caseSensitive: optional(isBool),
    perColumn: optional((p) => {
      if (!isRecord(p)) return false;
      const keys = Object.keys(p);
      return keys.length <= LIMITS.maxColumns && keys.every((k) => name(k) && isTextMatch(p[k]));
    }),
    include: optional((a) => arrayOf(a, LIMITS.maxValueMatches, isValueMatch)),
    exclude: optional((a) => arrayOf(a, LIMITS.maxValueMatches, isValueMatch)),
    timeRange: optional(isTimeSpan),
  });
}

export function isTimeSpan(v: unknown): v is TimeSpan {
  const ms = (x: unknown) => isInt(x, LIMITS.minTimeMs, LIMITS.maxTimeMs);
  if (!exactKeys(v, { earliestMs: ms, latestMs: ms })) return false;
  const t = v as unknown as TimeSpan;
  return t.earliestMs < t.latestMs;
}

function isRange(v: unknown): v is CellRange {
  if (!exactKeys(v, { rowStart: rowIndex, rowEnd: rowIndex, colStart: colIndex, colEnd: colIndex })) return false;
  const r = v as unknown as CellRange;
  return r.rowStart <= r.rowEnd && r.colStart <= r.colEnd;
}

export function isSelection(v: unknown): v is Selection {
  return exactKeys(v, { viewId, ranges: (r) => arrayOf(r, LIMITS.maxRanges, isRange) });
}

function isCellRef(v: unknown): v is CellRef {
  return exactKeys(v, { viewId, row: rowIndex, column: colIndex });
}

const names = (v: unknown): v is string[] => arrayOf(v, LIMITS.maxColumns, name);


const GRID_TO_HOST: { [K in GridToHostType]: Record<string, (v: unknown) => boolean> } = {
  ready: {},
  requestRows: {
    requestId: (v) => isInt(v, 0, Number.MAX_SAFE_INTEGER),
    viewId,
    start: rowIndex,
    count: (v) => isInt(v, 1, LIMITS.maxRequestRows),
  },
  setSort: { sort: isSortKeys },
  setFilter: { filter: isFilterSpec },
  setColumns: { order: names, hidden: names },
  toggleInternal: { show: isBool },
  toggleHashColumns: { show: isBool },
  select: { selection: isSelection },
  copy: { format: oneOf(COPY_FORMATS), selection: isSelection, withHeaders: isBool },
  filterToValue: { cell: isCellRef },
  excludeValue: { cell: isCellRef },
  openValue: { cell: isCellRef },
  export: { scope: oneOf(EXPORT_SCOPES), selection: optional(isSelection) },
  lookUpHashes: { selection: isSelection },
  rerun: {},
  cancel: {},
  requestFields: {},
  fieldsClosed: {},
  fieldValueToQuery: {
    fieldsId: viewId,
    field: (v) => isInt(v, 0, LIMITS.maxSidebarFields - 1),
    value: (v) => isInt(v, 0, LIMITS.maxSidebarValues - 1),
    exclude: isBool,
    rerun: isBool,
  },
  requestTimeline: {},
  timelineHidden: {},
  useTimeRange: { span: isTimeSpan, rerun: isBool },
};

/** True only for a well-formed grid message within every limit. */
export function isGridToHost(msg: unknown): msg is GridToHost {
  if (!isRecord(msg) || typeof msg.type !== 'string') return false;
  if (!Object.prototype.hasOwnProperty.call(GRID_TO_HOST, msg.type)) return false;
  const shape = GRID_TO_HOST[msg.type as GridToHostType];
  return exactKeys(msg, { type: isString, ...shape });
}

const HOST_TO_GRID_TYPES = ['init', 'viewChanged', 'rows', 'status', 'settings', 'fields', 'timeline', 'error'] as const;

/**
 * Shallow check for the grid: the host is trusted, so this only protects the grid from messages
 * that are not ours (other code posting to the window).
 */
export function isHostToGrid(msg: unknown): msg is HostToGrid {
  return isRecord(msg) && oneOf(HOST_TO_GRID_TYPES)(msg.type);
}
