/**
 * Messages between the extension host and the Hashes side panel (a WebviewView).
 *
 * The host owns the data: it sends the selected rows' hashes and a capped summary of the result set. The panel
 * only ever refers back to a hash by its list position (`id`) and algorithm; the host looks the value up in
 * its own copy, so a compromised panel can neither make the host copy arbitrary text nor open an arbitrary URL
 * (the host builds the VirusTotal URL from a validated hash it holds).
 *
 * Everything from the panel is untrusted: `isHashPanelToHost` accepts only the exact shapes below.
 */

export const PANEL_ALGORITHMS = ['SHA1', 'MD5', 'SHA256', 'IMPHASH'] as const;
export type PanelAlgorithm = (typeof PANEL_ALGORITHMS)[number];
export type PanelHashCase = 'upper' | 'lower';
/** `verdict`: VirusTotal's flagged files first, most detections first. */
export type PanelSortKey = 'count' | 'value' | 'images' | 'verdict';
export type PanelSortDirection = 'asc' | 'desc';

/** Caps on what the host sends, so one message stays small whatever the result set. */
export const MAX_SELECTION_HASHES = 2000;
export const MAX_UNIQUE_PER_ALGORITHM = 500;
export const MAX_IMAGES_PER_ENTRY = 10;
export const MAX_PIVOT_GROUPS = 100;
/** Largest `id` the host will ever assign; anything above is rejected by the guard. */
export const MAX_ID = 1_000_000;

/** VirusTotal's answer for a hash, as the host words it (the panel shows it as text only). */
export interface PanelVerdict {
  kind: 'found' | 'not-found' | 'failed';
  /** `malicious/total` when found; else the not-found or failure text. */
  text: string;
  flagged: boolean;
  label?: string;
  /** meaningful_name, or the failure's reason. */
  name?: string;
  /** last_analysis_date, YYYY-MM-DD UTC. */
  date?: string;
}

export const MAX_VERDICT_TEXT = 300;

/** One hash of the selected rows. `id` is its position in `SelectionMessage.hashes`. */
export interface PanelRowHash {
  id: number;
  row: number;
  field: string;
  algorithm: PanelAlgorithm;
  /** The hash when valid; the malformed text (clipped) when not. */
  value: string;
  valid: boolean;
  zeroImphash: boolean;
  image: string | null;
  vt?: PanelVerdict;
}

/** One unique hash of the result set. `id` is its position in its algorithm's list, in the order sent. */
export interface PanelUniqueHash {
  id: number;
  value: string;
  count: number;
  imageCount: number;
  images: string[];
  zeroImphash: boolean;
  vt?: PanelVerdict;
}

export interface PanelAlgorithmSummary {
  algorithm: PanelAlgorithm;
  uniqueCount: number;
  /** At most MAX_UNIQUE_PER_ALGORITHM, in the current sort order. */
  hashes: PanelUniqueHash[];
}

export interface PanelImphashGroup {
  imphash: string;
  count: number;
  binaries: string[];
  images: string[];
}

export interface SelectionMessage {
  type: 'selection';
  selectedRows: number;
  hashes: PanelRowHash[];
  /** More hashes than MAX_SELECTION_HASHES: the rest were not sent. */
  truncated: boolean;
}

export interface SummaryMessage {
  type: 'summary';
  scope: 'all' | 'filtered';
  rows: number;
  invalidCount: number;
  algorithms: PanelAlgorithmSummary[];
  imphashPivot: PanelImphashGroup[];
  sort: { key: PanelSortKey; direction: PanelSortDirection };
}

export interface SettingsMessage {
  type: 'settings';
  hashCase: PanelHashCase;
}

export interface ClearMessage {
  type: 'clear';
}

export type HostToHashPanel = SelectionMessage | SummaryMessage | SettingsMessage | ClearMessage;

export type CopyTarget =
  | { kind: 'selectedHash'; id: number }
  | { kind: 'allSelected' }
  | { kind: 'uniqueHash'; algorithm: PanelAlgorithm; id: number }
  | { kind: 'allUnique'; algorithm: PanelAlgorithm };

export type HashPanelToHost =
  | { type: 'ready' }
  | { type: 'copy'; target: CopyTarget }
  | { type: 'openVirusTotal'; source: 'selection' | 'summary'; algorithm: PanelAlgorithm; id: number }
  | { type: 'exportUnique'; algorithm: PanelAlgorithm }
  | { type: 'sortBy'; key: PanelSortKey; direction: PanelSortDirection }
  /** The host works out the hashes itself (all unique, or the selected rows'); the panel names no hash. */
  | { type: 'lookUpVirusTotal'; scope: 'all' | 'selected'; refresh: boolean };

// ---- runtime guards -------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;

function isPlainObject(x: unknown): x is Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Exactly these keys, no more (an unexpected key means a message we do not understand). */
function hasExactKeys(o: Obj, keys: readonly string[]): boolean {
  const own = Object.keys(o);
  return own.length === keys.length && keys.every((k) => Object.prototype.hasOwnProperty.call(o, k));
}

function isId(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= MAX_ID;
}

function isCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0;
}

export function isPanelAlgorithm(x: unknown): x is PanelAlgorithm {
  return typeof x === 'string' && (PANEL_ALGORITHMS as readonly string[]).includes(x);
}

function isSortKey(x: unknown): x is PanelSortKey {
  return x === 'count' || x === 'value' || x === 'images' || x === 'verdict';
}

function isDirection(x: unknown): x is PanelSortDirection {
  return x === 'asc' || x === 'desc';
}

function isCopyTarget(x: unknown): x is CopyTarget {
  if (!isPlainObject(x)) return false;
  switch (x.kind) {
    case 'selectedHash': return hasExactKeys(x, ['kind', 'id']) && isId(x.id);
    case 'allSelected': return hasExactKeys(x, ['kind']);
    case 'uniqueHash': return hasExactKeys(x, ['kind', 'algorithm', 'id']) && isPanelAlgorithm(x.algorithm) && isId(x.id);
    case 'allUnique': return hasExactKeys(x, ['kind', 'algorithm']) && isPanelAlgorithm(x.algorithm);
    default: return false;
  }
}

/** Strict guard for messages from the panel (untrusted). */
export function isHashPanelToHost(x: unknown): x is HashPanelToHost {
  if (!isPlainObject(x)) return false;
  switch (x.type) {
    case 'ready': return hasExactKeys(x, ['type']);
    case 'copy': return hasExactKeys(x, ['type', 'target']) && isCopyTarget(x.target);
    case 'openVirusTotal':
      return hasExactKeys(x, ['type', 'source', 'algorithm', 'id'])
        && (x.source === 'selection' || x.source === 'summary') && isPanelAlgorithm(x.algorithm) && isId(x.id);
    case 'exportUnique': return hasExactKeys(x, ['type', 'algorithm']) && isPanelAlgorithm(x.algorithm);
    case 'sortBy': return hasExactKeys(x, ['type', 'key', 'direction']) && isSortKey(x.key) && isDirection(x.direction);
    case 'lookUpVirusTotal':
      return hasExactKeys(x, ['type', 'scope', 'refresh']) && (x.scope === 'all' || x.scope === 'selected') && typeof x.refresh === 'boolean';
    default: return false;
  }
}

const isShortText = (x: unknown): boolean => typeof x === 'string' && x.length <= MAX_VERDICT_TEXT;
const isOptionalText = (x: unknown): boolean => x === undefined || isShortText(x);

function isVerdict(x: unknown): x is PanelVerdict {
  return isPlainObject(x) && (x.kind === 'found' || x.kind === 'not-found' || x.kind === 'failed') && isShortText(x.text)
    && typeof x.flagged === 'boolean' && isOptionalText(x.label) && isOptionalText(x.name) && isOptionalText(x.date);
}

const isOptionalVerdict = (x: unknown): boolean => x === undefined || isVerdict(x);

function isStringArray(x: unknown, max: number): x is string[] {
  return Array.isArray(x) && x.length <= max && x.every((s) => typeof s === 'string');
}

function isRowHash(x: unknown): x is PanelRowHash {
  return isPlainObject(x) && isId(x.id) && isCount(x.row) && typeof x.field === 'string' && isPanelAlgorithm(x.algorithm)
    && typeof x.value === 'string' && typeof x.valid === 'boolean' && typeof x.zeroImphash === 'boolean'
    && (x.image === null || typeof x.image === 'string') && isOptionalVerdict(x.vt);
}

function isUniqueHash(x: unknown): x is PanelUniqueHash {
  return isPlainObject(x) && isId(x.id) && typeof x.value === 'string' && isCount(x.count) && isCount(x.imageCount)
    && isStringArray(x.images, MAX_IMAGES_PER_ENTRY) && typeof x.zeroImphash === 'boolean' && isOptionalVerdict(x.vt);
}

function isAlgorithmSummary(x: unknown): x is PanelAlgorithmSummary {
  return isPlainObject(x) && isPanelAlgorithm(x.algorithm) && isCount(x.uniqueCount) && Array.isArray(x.hashes)
    && x.hashes.length <= MAX_UNIQUE_PER_ALGORITHM && x.hashes.every(isUniqueHash);
}

function isPivotGroup(x: unknown): x is PanelImphashGroup {
  return isPlainObject(x) && typeof x.imphash === 'string' && isCount(x.count)
    && isStringArray(x.binaries, MAX_IMAGES_PER_ENTRY) && isStringArray(x.images, MAX_IMAGES_PER_ENTRY);
}

/** Guard for messages from the host, checked by the panel too (defence in depth; the host is trusted). */
export function isHostToHashPanel(x: unknown): x is HostToHashPanel {
  if (!isPlainObject(x)) return false;
  switch (x.type) {
    case 'selection':
      return isCount(x.selectedRows) && typeof x.truncated === 'boolean' && Array.isArray(x.hashes)
        && x.hashes.length <= MAX_SELECTION_HASHES && x.hashes.every(isRowHash);
    case 'summary':
      return (x.scope === 'all' || x.scope === 'filtered') && isCount(x.rows) && isCount(x.invalidCount)
        && Array.isArray(x.algorithms) && x.algorithms.every(isAlgorithmSummary)
        && Array.isArray(x.imphashPivot) && x.imphashPivot.length <= MAX_PIVOT_GROUPS && x.imphashPivot.every(isPivotGroup)
        && isPlainObject(x.sort) && isSortKey(x.sort.key) && isDirection(x.sort.direction);
    case 'settings': return x.hashCase === 'upper' || x.hashCase === 'lower';
    case 'clear': return true;
    default: return false;
  }
}
