/** Turning a parsed record into a Splunk-shaped event: flattened fields and the default fields. */
import type { FieldValue, SplEvent } from './types';
import { formatEpochSeconds, parseTimestampMs } from './time';

export interface NormalizeOptions {
  /** Field holding the timestamp; default tries _time, @timestamp, TimeCreated, UtcTime, timestamp. */
  timeField?: string;
  host?: string;
  source?: string;
  sourcetype?: string;
  index?: string;
}

export const TIME_FIELDS = ['_time', '@timestamp', 'TimeCreated', 'UtcTime', 'timestamp'];
const HOST_FIELDS = ['host', 'Hostname', 'Computer'];
export const SYSMON_SOURCETYPE = 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational';

/** Fields the normaliser may add or derive, so their values need not appear literally in the raw line. */
export const SYNTHESIZED_FIELDS: ReadonlySet<string> = new Set(['_time', '_raw', 'host', 'source', 'sourcetype', 'index', 'EventCode', 'linecount', 'splunk_server']);

function scalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return undefined;
}

/**
 * Flattens JSON the way Splunk's JSON extraction names fields: objects with dots (`a.b`), arrays with
 * `{}` (`a{}`, `a{}.b`) as multivalue fields. Nulls are absent.
 */
export function flattenInto(out: SplEvent, prefix: string, v: unknown): void {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) {
    const name = `${prefix}{}`;
    for (const item of v) {
      if (item !== null && typeof item === 'object') { flattenInto(out, name, item); continue; }
      const s = scalar(item);
      if (s !== undefined) appendValue(out, name, s);
    }
    return;
  }
  if (typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (k !== '__proto__') flattenInto(out, prefix === '' ? k : `${prefix}.${k}`, x);
    return;
  }
  const s = scalar(v);
  if (s === undefined) return;
  if (prefix.includes('{}')) appendValue(out, prefix, s); else out[prefix] = s;
}

export function appendValue(out: SplEvent, name: string, s: string): void {
  const cur = out[name];
  if (cur === undefined) out[name] = s;
  else if (typeof cur === 'string') out[name] = [cur, s];
  else cur.push(s);
}

export function isSysmonLike(e: SplEvent): boolean {
  return e.Channel === 'Microsoft-Windows-Sysmon/Operational' || e.SourceName === 'Microsoft-Windows-Sysmon'
    || (typeof e.source === 'string' && e.source.includes('Microsoft-Windows-Sysmon'));
}

/** Builds an event from a parsed JSON object (or CSV row) and its raw text. */
export function normalizeRecord(obj: Record<string, unknown>, raw: string, opts: NormalizeOptions, fallback: DefaultFields): SplEvent {
  // The common case, a flat object of strings, is used as it is: JSON.parse made it, nobody else holds it.
  let flat = true;
  for (const k in obj) if (typeof obj[k] !== 'string' || k === '__proto__') { flat = false; break; }
  if (flat) return applyDefaults(obj as SplEvent, raw, opts, fallback);
  const e: SplEvent = {};
  for (const k in obj) {
    // A "__proto__" key would set the event's prototype on assignment; such a field is dropped.
    if (k === '__proto__') continue;
    const v = obj[k];
    if (typeof v === 'string') e[k] = v;
    else flattenInto(e, k, v);
  }
  return applyDefaults(e, raw, opts, fallback);
}

export interface DefaultFields {
  source: string;
  sourcetype: string;
  /** Epoch ms used when an event has no recognisable timestamp (the file's modification time). */
  timeMs: number;
}

export function applyDefaults(e: SplEvent, raw: string, opts: NormalizeOptions, fallback: DefaultFields): SplEvent {
  if (typeof e._raw !== 'string') e._raw = raw;
  let ms: number | undefined;
  const fields = opts.timeField ? [opts.timeField] : TIME_FIELDS;
  for (const f of fields) {
    const v: FieldValue | undefined = e[f];
    if (typeof v === 'string' && (ms = parseTimestampMs(v)) !== undefined) break;
  }
  e._time = formatEpochSeconds(ms ?? fallback.timeMs);
  if (e.host === undefined) {
    const h = HOST_FIELDS.map((f) => e[f]).find((v) => typeof v === 'string') ?? opts.host;
    if (h !== undefined) e.host = h;
  }
  if (e.source === undefined) e.source = opts.source ?? fallback.source;
  if (e.EventCode === undefined && e.EventID !== undefined) e.EventCode = e.EventID;
  if (e.sourcetype === undefined) e.sourcetype = opts.sourcetype ?? (isSysmonLike(e) ? SYSMON_SOURCETYPE : fallback.sourcetype);
  if (e.index === undefined) e.index = opts.index ?? 'main';
  return e;
}
