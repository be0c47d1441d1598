/** JSON and XML documents in field values, read the way spath, xmlkv and fromjson name their fields. */
import { appendValue, flattenInto } from './normalize';
import type { SplEvent } from './types';

export function parseJsonValue(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** All fields of a JSON document, flattened (`a.b`, `a{}`). */
export function flattenJson(doc: unknown): SplEvent {
  const out: SplEvent = Object.create(null) as SplEvent;
  flattenInto(out, '', doc);
  return { ...out };
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The values at an spath path in a JSON document: `a.b`, `a{}.b` (every element), `a{1}` (the second
 * element; JSON indexes count from 0, unlike XML's). An object or array at the end comes back as JSON text.
 */
export function jsonPath(doc: unknown, path: string): string[] {
  let current: unknown[] = [doc];
  for (const seg of path.split('.')) {
    const m = /^([^{}]*)((?:\{\d*\})*)$/.exec(seg);
    if (!m) return [];
    const next: unknown[] = [];
    for (const c of current) {
      let v: unknown = c;
      if (m[1] !== '') v = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.hasOwn(v, m[1]!) ? (v as Record<string, unknown>)[m[1]!] : undefined;
      let vs: unknown[] = [v];
      for (const idx of m[2]!.match(/\{\d*\}/g) ?? []) {
        const n = idx.slice(1, -1);
        vs = vs.flatMap((x) => (Array.isArray(x) ? (n === '' ? x : x[Number(n)] === undefined ? [] : [x[Number(n)]]) : []));
      }
      for (const x of vs) if (x !== undefined) next.push(x);
    }
    // Without {} an array on the way is read through, as spath does for a.b over [{b:1},{b:2}].
    current = next.flatMap((x) => (Array.isArray(x) && !m[2] ? x : [x]));
  }
  return current.flatMap((v) => { const s = scalarText(v); return s === undefined ? [] : [s]; });
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decodeXml(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    if (e[0] === '#') { const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)); return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : m; }
    return ENTITY[e.toLowerCase()] ?? m;
  });
}

const XML_TOKEN = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<[?!][\s\S]*?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
const XML_ATTR = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** XML flattened as spath names it: `a.b` for text, `a.b{@attr}` for attributes. Leaf elements only carry text. */
export function flattenXml(text: string): SplEvent {
  const out: SplEvent = {};
  const stack: { name: string; text: string; children: boolean }[] = [];
  for (const m of text.matchAll(XML_TOKEN)) {
    if (m[1] !== undefined || m[6] !== undefined) {
      const top = stack[stack.length - 1];
      if (top) top.text += m[1] ?? decodeXml(m[6]!);
      continue;
    }
    if (m[3] === undefined) continue;
    if (m[2] === '/') {
      const closed = stack.pop();
      if (!closed) continue;
      const path = [...stack.map((s) => s.name), closed.name].join('.');
      const t = closed.text.trim();
      if (!closed.children && t !== '') appendValue(out, path, t);
      continue;
    }
    const parent = stack[stack.length - 1];
    if (parent) parent.children = true;
    const path = [...stack.map((s) => s.name), m[3]].join('.');
    for (const a of (m[4] ?? '').matchAll(XML_ATTR)) appendValue(out, `${path}{@${a[1]}}`, decodeXml(a[2] ?? a[3] ?? ''));
    if (m[5] !== '/') stack.push({ name: m[3], text: '', children: false });
  }
  return out;
}

/** xmlkv: every leaf element `<key>value</key>` as a field named by its tag. */
export function xmlPairs(text: string): SplEvent {
  const out: SplEvent = {};
  for (const m of text.matchAll(/<([\w:.-]+)(?:\s[^<>]*)?>([^<]*)<\/\1>/g)) {
    const v = decodeXml(m[2]!).trim();
    if (v !== '' && out[m[1]!] === undefined) out[m[1]!] = v;
  }
  return out;
}
