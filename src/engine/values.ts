/** Helpers for field values: multivalue access, numbers, wildcards, Splunk's orderings. */
import type { FieldValue, SplEvent } from './types';

const NUMERIC = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;

export function isNumeric(s: string): boolean {
  return NUMERIC.test(s);
}

/** The number a string holds, or undefined. */
export function toNumber(s: string): number | undefined {
  return NUMERIC.test(s) ? Number(s) : undefined;
}

export function valuesOf(v: FieldValue | undefined): string[] {
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

export function firstValue(v: FieldValue | undefined): string | undefined {
  return v === undefined ? undefined : typeof v === 'string' ? v : v[0];
}

/** Stores a list of values the way Splunk does: nothing, one string, or a multivalue. */
export function setValues(e: SplEvent, field: string, vals: string[]): void {
  if (vals.length === 0) delete e[field];
  else e[field] = vals.length === 1 ? vals[0]! : vals;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An anchored regex for a `*` wildcard pattern. */
export function wildcardRegex(pattern: string, flags = ''): RegExp {
  return new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`, flags + 's');
}

function ipv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

/** `10.0.0.0/8` matches the IPv4 addresses in that block, as Splunk's search does; undefined for other patterns. */
function cidrMatcher(pattern: string): ((v: string) => boolean) | undefined {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(pattern);
  const base = m ? ipv4(m[1]!) : undefined;
  const bits = m ? Number(m[2]) : NaN;
  if (base === undefined || !(bits >= 0 && bits <= 32)) return undefined;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  const net = (base & mask) >>> 0;
  return (v) => { const ip = ipv4(v); return v === pattern || (ip !== undefined && ((ip & mask) >>> 0) === net); };
}

/** A case-insensitive matcher for one search value with `*` wildcards, tuned for the common shapes. */
export function valueMatcher(pattern: string): (v: string) => boolean {
  const cidr = cidrMatcher(pattern);
  if (cidr) return cidr;
  if (!pattern.includes('*')) {
    const low = pattern.toLowerCase();
    return (v) => v.length === low.length && (v === pattern || v.toLowerCase() === low);
  }
  if (/^\*+$/.test(pattern)) return () => true;
  const inner = /^\*([^*]+)\*$/.exec(pattern);
  if (inner) {
    const re = new RegExp(escapeRegex(inner[1]!), 'i');
    return (v) => re.test(v);
  }
  const re = wildcardRegex(pattern, 'i');
  return (v) => re.test(v);
}

/** Case-sensitive wildcard test for field names. */
export function fieldNameMatcher(pattern: string): (name: string) => boolean {
  if (!pattern.includes('*')) return (n) => n === pattern;
  const re = wildcardRegex(pattern);
  return (n) => re.test(n);
}

/** Plain code-unit comparison: digits before upper case before lower case, as Splunk's lexicographic order. */
export function compareLex(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const LEADING_NUMBER = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

/**
 * Splunk's automatic sort order: numbers numerically and before strings; a string that starts with a
 * number sorts by that number; other strings lexicographically.
 */
export function compareAuto(a: string, b: string): number {
  const na = LEADING_NUMBER.exec(a), nb = LEADING_NUMBER.exec(b);
  if (na && nb) {
    const d = Number(na[0]) - Number(nb[0]);
    if (d !== 0) return d < 0 ? -1 : 1;
    return compareLex(a, b);
  }
  if (na) return -1;
  if (nb) return 1;
  return compareLex(a, b);
}

/** Splunk's field order for raw events: `_` fields first, each group sorted. */
export function rawFieldOrder(names: Iterable<string>): string[] {
  const under: string[] = [], rest: string[] = [];
  for (const n of names) (n.startsWith('_') ? under : rest).push(n);
  return [...under.sort(compareLex), ...rest.sort(compareLex)];
}

/** Number formatting like Splunk's eval: integers without a decimal point, others shortest round-trip. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? n.toFixed(0) : String(n);
  return String(n);
}
