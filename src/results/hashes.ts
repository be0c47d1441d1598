/**
 * Sysmon hash lists (`Hashes`, `Hash`): `SHA1=…,MD5=…,SHA256=…,IMPHASH=…`, split into one value per algorithm.
 *
 * The text is attacker-influenced, so parsing is total (never throws) and bounded: at most
 * MAX_PARTS parts are examined, however long the value is. A part whose value is not the right number of hex
 * digits is kept as text and marked invalid; it is never offered as a hash (no column value, no copy, no link).
 *
 * Decisions (documented for the grid and the side panel):
 * - `value` of a valid part is upper-case hex (the comparison form, and Sysmon's own, so normalising real data
 *   is a no-op); callers choose the shown case with `formatHash(value, 'upper' | 'lower')`.
 * - A duplicated algorithm keeps every part; the first VALID part of an algorithm is the one a column shows,
 *   later ones are marked `duplicate` (the side panel still lists them).
 * - The all-zero IMPHASH (Sysmon's "not a PE file") is a valid value, marked `zeroImphash`; summaries leave it out
 *   of the IMPHASH pivot and of the "all unique IMPHASH" list.
 */
import type { Cell } from '../shared/cell';

export type HashAlgorithm = 'SHA1' | 'MD5' | 'SHA256' | 'IMPHASH';
export const HASH_ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'MD5', 'SHA256', 'IMPHASH'];
export const HASH_HEX_LENGTH: Readonly<Record<HashAlgorithm, number>> = { SHA1: 40, MD5: 32, SHA256: 64, IMPHASH: 32 };
export type HashCase = 'upper' | 'lower';

/** A Sysmon value holds at most 4 parts; anything past this many is reported as truncated and not examined. */
export const MAX_PARTS = 16;
/** Longer unrecognised text is cut to this many characters in `raw`, so a 10 MB value cannot be copied around. */
export const MAX_RAW_CHARS = 256;

const ZERO_IMPHASH = '00000000000000000000000000000000';

export interface HashPart {
  algorithm: HashAlgorithm;
  /** Upper-case hex when valid; the trimmed text (at most MAX_RAW_CHARS) when not. */
  value: string;
  /** The part as it appeared, e.g. ` sha256=ABC…` (at most MAX_RAW_CHARS). */
  raw: string;
  valid: boolean;
  zeroImphash: boolean;
  /** An earlier part had the same algorithm. */
  duplicate: boolean;
}

export type UnrecognisedReason = 'empty' | 'missing-equals' | 'unknown-algorithm';

export interface UnrecognisedPart {
  raw: string;
  reason: UnrecognisedReason;
}

export interface ParsedHashList {
  hashes: HashPart[];
  unrecognised: UnrecognisedPart[];
  /** More than MAX_PARTS parts: the rest was not examined. */
  truncated: boolean;
}

function clip(s: string): string {
  return s.length > MAX_RAW_CHARS ? s.slice(0, MAX_RAW_CHARS) : s;
}

/** Lower-cased char code of an ASCII letter (other codes come back changed too, but never into a letter). */
function lowerCode(text: string, i: number): number {
  return text.charCodeAt(i) | 0x20;
}

/** The algorithm named by text[start, end), any case; hand-rolled because this runs for every part of every row. */
function algorithmAt(text: string, start: number, end: number): HashAlgorithm | undefined {
  // No inner closures here: tsx/esbuild's keepNames wraps each one in a per-call `__name()` that costs 10x the parse.
  switch (end - start) {
    case 3:
      return lowerCode(text, start) === 109 && lowerCode(text, start + 1) === 100 && text.charCodeAt(start + 2) === 53
        ? 'MD5' : undefined; // m d 5
    case 4:
      return isSha(text, start) && text.charCodeAt(start + 3) === 49 ? 'SHA1' : undefined;
    case 6:
      return isSha(text, start) && text.startsWith('256', start + 3) ? 'SHA256' : undefined;
    case 7:
      return matchesLowerWord(text, start, 'imphash') ? 'IMPHASH' : undefined;
    default:
      return undefined;
  }
}

/** text at `start` spells `word` (lower-case letters) in any case. */
function matchesLowerWord(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (lowerCode(text, start + i) !== word.charCodeAt(i)) return false;
  return true;
}

function isSha(text: string, start: number): boolean {
  return lowerCode(text, start) === 115 && lowerCode(text, start + 1) === 104 && lowerCode(text, start + 2) === 97; // s h a
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0xfeff;
}

/** No `g` flag: `test` stays stateless. */
const HEX_DIGITS = /^[0-9A-Fa-f]+$/;

function isHex(s: string): boolean {
  return HEX_DIGITS.test(s);
}

const ALGORITHM_BIT: Readonly<Record<HashAlgorithm, number>> = { SHA1: 1, MD5: 2, SHA256: 4, IMPHASH: 8 };

/**
 * Sysmon's own output for `HashAlgorithms *`: all four, in this order, upper-case, no spaces. Matched natively in
 * one pass; everything else takes the general path below.
 */
const CANONICAL = /^SHA1=[0-9A-F]{40},MD5=[0-9A-F]{32},SHA256=[0-9A-F]{64},IMPHASH=[0-9A-F]{32}$/;

/** A part of a canonical list ending at `end`: the hex is its last HASH_HEX_LENGTH units, the raw text starts at rawStart. */
function canonicalPart(text: string, algorithm: HashAlgorithm, rawStart: number, end: number): HashPart {
  const value = text.slice(end - HASH_HEX_LENGTH[algorithm], end);
  return {
    algorithm, value, raw: text.slice(rawStart, end), valid: true,
    zeroImphash: algorithm === 'IMPHASH' && value === ZERO_IMPHASH, duplicate: false,
  };
}

function canonical(text: string): ParsedHashList | undefined {
  // 5+40 + 1+4+32 + 1+7+64 + 1+8+32; the positions are fixed, so a test without captures is enough.
  if (text.length !== 195 || !CANONICAL.test(text)) return undefined;
  return {
    hashes: [
      canonicalPart(text, 'SHA1', 0, 45), canonicalPart(text, 'MD5', 46, 82),
      canonicalPart(text, 'SHA256', 83, 154), canonicalPart(text, 'IMPHASH', 155, 195),
    ],
    unrecognised: [],
    truncated: false,
  };
}

let lastCanonicalText: string | undefined;
let lastCanonical = false;

/** Where each algorithm's hex sits in a canonical list (see `canonical`). */
const CANONICAL_END: Readonly<Record<HashAlgorithm, number>> = { SHA1: 45, MD5: 82, SHA256: 154, IMPHASH: 195 };

/**
 * One algorithm's hash of a canonical list, cut out without parsing the list (no part objects: a column of
 * all-different lists is otherwise bound by allocating them); undefined when the text is not canonical.
 */
export function canonicalHash(text: string, algorithm: HashAlgorithm): string | undefined {
  // The grid asks for the four columns of one cell in a row: test the text once, not four times (the
  // test is most of the cost when every list is different).
  if (text !== lastCanonicalText) {
    lastCanonical = text.length === 195 && CANONICAL.test(text);
    lastCanonicalText = text;
  }
  if (!lastCanonical) return undefined;
  const end = CANONICAL_END[algorithm];
  return text.slice(end - HASH_HEX_LENGTH[algorithm], end);
}

/** Parse one Sysmon hash list. Never throws; work is bounded by MAX_PARTS whatever the input length. */
export function parseHashList(text: string): ParsedHashList {
  if (typeof text === 'string') {
    const fast = canonical(text);
    if (fast) return fast;
  }
  return parseGeneral(text);
}

function parseGeneral(text: string): ParsedHashList {
  const hashes: HashPart[] = [];
  const unrecognised: UnrecognisedPart[] = [];
  const result: ParsedHashList = { hashes, unrecognised, truncated: false };
  if (typeof text !== 'string') return result;
  const len = text.length;
  let blank = true;
  for (let i = 0; i < len && blank; i++) blank = isSpace(text.charCodeAt(i));
  if (blank) return result;
  let seen = 0;
  let start = 0;
  for (let parts = 0; ; parts++) {
    if (parts === MAX_PARTS) { result.truncated = true; break; }
    let end = text.indexOf(',', start);
    if (end < 0) end = len;
    // Trim [s, e) without allocating.
    let s = start;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (s === e) {
      unrecognised.push({ raw: clip(text.slice(start, end)), reason: 'empty' });
    } else {
      let eq = text.indexOf('=', s);
      if (eq < 0 || eq >= e) {
        unrecognised.push({ raw: clip(text.slice(start, end)), reason: 'missing-equals' });
      } else {
        let ne = eq;
        while (ne > s && isSpace(text.charCodeAt(ne - 1))) ne--;
        const algorithm = algorithmAt(text, s, ne);
        if (!algorithm) {
          unrecognised.push({ raw: clip(text.slice(start, end)), reason: 'unknown-algorithm' });
        } else {
          eq++;
          while (eq < e && isSpace(text.charCodeAt(eq))) eq++;
          const hex = text.slice(eq, e);
          // A regex beats a charCode loop here (measured ~1.4x): V8 compiles it to native code.
          const valid = hex.length === HASH_HEX_LENGTH[algorithm] && HEX_DIGITS.test(hex);
          // Upper case is Sysmon's own form, so for real data this changes nothing (and costs least).
          const value = valid ? hex.toUpperCase() : clip(hex);
          const bit = ALGORITHM_BIT[algorithm];
          hashes.push({
            algorithm,
            value,
            raw: start === 0 && end === len ? clip(text) : clip(text.slice(start, end)),
            valid,
            zeroImphash: valid && algorithm === 'IMPHASH' && value === ZERO_IMPHASH,
            duplicate: (seen & bit) !== 0,
          });
          seen |= bit;
        }
      }
    }
    if (end === len) break;
    start = end + 1;
  }
  return result;
}

/** The first valid hash of `algorithm` in a hash list (upper-case hex), or undefined. */
export function firstValidHash(parsed: ParsedHashList, algorithm: HashAlgorithm): HashPart | undefined {
  for (const h of parsed.hashes) if (h.algorithm === algorithm && h.valid) return h;
  return undefined;
}

/** A normalised (upper-case) hash in the chosen case. */
export function formatHash(value: string, hashCase: HashCase): string {
  return hashCase === 'upper' ? value : value.toLowerCase();
}

/** True when `text` reads as a Sysmon hash list: every part a known algorithm, and at least one valid hash. */
export function looksLikeHashList(text: string): boolean {
  if (text.length > 1024) return false; // four hashes with names are < 250 characters
  const p = parseHashList(text);
  return p.unrecognised.length === 0 && !p.truncated && p.hashes.some((h) => h.valid);
}

const HASH_FIELD_NAMES = new Set(['hashes', 'hash']);
const SAMPLE_LIMIT = 50;

/**
 * `Hashes` and `Hash` (any case) always count. Any other column counts when the non-empty values in
 * `sampleCells` (at most 50 are examined) all look like hash lists, so a `rename Hashes AS h` still splits,
 * while a column of bare SHA256 values or free text does not.
 */
export function isHashListField(name: string, sampleCells: Iterable<Cell>): boolean {
  if (HASH_FIELD_NAMES.has(name.toLowerCase())) return true;
  let looked = 0;
  let matched = 0;
  for (const cell of sampleCells) {
    if (cell === null) continue;
    const values = typeof cell === 'string' ? [cell] : cell;
    for (const v of values) {
      if (v.trim() === '') continue;
      if (!looksLikeHashList(v)) return false;
      matched++;
    }
    if (++looked >= SAMPLE_LIMIT) break;
  }
  return matched > 0;
}

/** Per-cell validity, separate from the value so a column can show "invalid" without offering the text as a hash. */
export type HashCellStatus = 'absent' | 'valid' | 'invalid' | 'zero-imphash' | 'mixed';

export interface DerivedHashColumn {
  /** `SHA1`, `MD5`, `SHA256`, `IMPHASH` for the `Hashes` field; `<field>.<ALGO>` for any other source field. */
  name: string;
  algorithm: HashAlgorithm;
  /**
   * The hash, in the chosen case, or null when the list has no VALID hash of this algorithm (an invalid one is
   * never returned as a value: ask `status`). A multivalue cell (one list per value) gives an array of the valid
   * hashes found, in order, or null when there are none.
   */
  compute(cell: Cell): Cell;
  status(cell: Cell): HashCellStatus;
}

export interface DerivedColumnProvider {
  sourceField: string;
  columns: DerivedHashColumn[];
}

export interface HashColumnOptions {
  case?: HashCase;
  /** The result's own columns: a bare name (`SHA256`) already present forces the `<field>.` prefix. */
  existingColumns?: readonly string[];
}

/**
 * Column names: `Hashes` gives the bare names; any other field (`Hash`, a renamed column) gives `<field>.<ALGO>`
 * so `table Hashes Hash` never yields two `SHA256` columns; and a bare name that the result already has (the
 * Sysmon TA can extract `SHA256`) is prefixed too.
 */
export function hashColumnName(field: string, algorithm: HashAlgorithm, existingColumns: readonly string[] = []): string {
  if (field === 'Hashes' && !existingColumns.includes(algorithm)) return algorithm;
  return `${field}.${algorithm}`;
}

/**
 * Parse cache. The grid asks for SHA1, MD5, SHA256 and IMPHASH of the same cell in a row (the last
 * entry answers those at once), and real result sets repeat a few binaries' hash lists many times.
 * Bounded: cleared when full; long values (never valid lists) are not kept. When nearly every value
 * is new the map only costs (hashing, and garbage that outlives young collections), so after a
 * probe window with few hits it is bypassed for a while. Parsed lists are shared: read-only.
 */
const CACHE_LIMIT = 8192;
const CACHEABLE_LENGTH = 512;
const PROBE_WINDOW = 4096;
const MIN_HITS = PROBE_WINDOW / 8;
const BYPASS_FOR = 65536;
const parseCache = new Map<string, ParsedHashList>();
let probes = 0;
let hits = 0;
let bypass = 0;
let lastText: string | undefined;
let lastParsed: ParsedHashList | undefined;
export function parseHashListCached(text: string): ParsedHashList {
  if (text === lastText && lastParsed) return lastParsed;
  let parsed: ParsedHashList | undefined;
  if (bypass > 0) {
    bypass--;
  } else {
    parsed = parseCache.get(text);
    if (parsed) hits++;
    if (++probes === PROBE_WINDOW) {
      if (hits < MIN_HITS) bypass = BYPASS_FOR;
      probes = 0;
      hits = 0;
    }
  }
  if (!parsed) {
    parsed = parseHashList(text);
    if (bypass === 0 && text.length <= CACHEABLE_LENGTH) {
      if (parseCache.size >= CACHE_LIMIT) parseCache.clear();
      parseCache.set(text, parsed);
    }
  }
  lastText = text;
  lastParsed = parsed;
  return parsed;
}

function statusOfText(text: string, algorithm: HashAlgorithm): HashCellStatus {
  const parsed = parseHashListCached(text);
  const valid = firstValidHash(parsed, algorithm);
  if (valid) return valid.zeroImphash ? 'zero-imphash' : 'valid';
  return parsed.hashes.some((h) => h.algorithm === algorithm) ? 'invalid' : 'absent';
}

export function hashColumnsFor(field: string, options: HashColumnOptions = {}): DerivedColumnProvider {
  const hashCase = options.case ?? 'upper';
  const columns = HASH_ALGORITHMS.map((algorithm): DerivedHashColumn => ({
    name: hashColumnName(field, algorithm, options.existingColumns),
    algorithm,
    compute(cell: Cell): Cell {
      if (cell === null) return null;
      if (typeof cell === 'string') {
        const fast = canonicalHash(cell, algorithm);
        if (fast !== undefined) return formatHash(fast, hashCase);
        const h = firstValidHash(parseHashListCached(cell), algorithm);
        return h ? formatHash(h.value, hashCase) : null;
      }
      const out: string[] = [];
      for (const v of cell) {
        const h = firstValidHash(parseHashListCached(v), algorithm);
        if (h) out.push(formatHash(h.value, hashCase));
      }
      return out.length > 0 ? out : null;
    },
    status(cell: Cell): HashCellStatus {
      if (cell === null) return 'absent';
      if (typeof cell === 'string') return statusOfText(cell, algorithm);
      const statuses = new Set(cell.map((v) => statusOfText(v, algorithm)));
      statuses.delete('absent');
      if (statuses.size === 0) return 'absent';
      return statuses.size === 1 ? [...statuses][0]! : 'mixed';
    },
  }));
  return { sourceField: field, columns };
}

/**
 * VirusTotal's page for a hash, only for a valid part (so attacker text can never shape the URL): the file page
 * for SHA1/MD5/SHA256; for an IMPHASH (not a file identifier) a search `imphash:<hash>`; none for the all-zero
 * IMPHASH.
 */
export function virusTotalUrl(part: Pick<HashPart, 'algorithm' | 'value' | 'valid'>): string | undefined {
  if (!part.valid || part.value.length !== HASH_HEX_LENGTH[part.algorithm] || !isHex(part.value)) return undefined;
  const hex = part.value.toLowerCase();
  if (part.algorithm === 'IMPHASH') return hex === ZERO_IMPHASH ? undefined : `https://www.virustotal.com/gui/search/imphash%3A${hex}`;
  return `https://www.virustotal.com/gui/file/${hex}`;
}
