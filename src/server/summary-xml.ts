/**
 * splunkd's XML for a job's `summary` (per field: count `c`, null count `nc`, distinct count `dc`, the most
 * common values as `<modes>`) and `timeline` (event counts per bucket: `c`, epoch start `a`, ISO start `t`,
 * duration `d`), computed from the job's rows. Field names and values are attacker-controlled: all through
 * src/server/xml.ts.
 */
import type { SplEvent } from './engine-port';
import { XML_DECLARATION, escapeAttr, escapeText } from './xml';

const MODES = 10;

export function summaryXml(fields: readonly string[], rows: readonly SplEvent[]): string {
  let out = `${XML_DECLARATION}<summary busy="0" count="${rows.length}">\n`;
  for (const f of fields) {
    const counts = new Map<string, number>();
    let c = 0;
    for (const r of rows) {
      const v = r[f];
      if (v === undefined) continue;
      c++;
      for (const x of Array.isArray(v) ? v : [v]) counts.set(x, (counts.get(x) ?? 0) + 1);
    }
    const modes = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MODES);
    out += `  <field k="${escapeAttr(f)}" c="${c}" nc="${rows.length - c}" dc="${counts.size}" exact="1">\n    <modes>\n`;
    for (const [value, n] of modes) out += `      <value c="${n}" exact="1"><text>${escapeText(value)}</text></value>\n`;
    out += '    </modes>\n  </field>\n';
  }
  return `${out}</summary>\n`;
}

/** Buckets of `bucketSeconds` over the rows' epoch `_time` (rows without one are not counted), oldest first. */
export function timelineXml(rows: readonly SplEvent[], bucketSeconds = 3600): string {
  const buckets = new Map<number, number>();
  let total = 0;
  for (const r of rows) {
    const t = Number(r['_time']);
    if (typeof r['_time'] !== 'string' || !Number.isFinite(t)) continue;
    const start = Math.floor(t / bucketSeconds) * bucketSeconds;
    buckets.set(start, (buckets.get(start) ?? 0) + 1);
    total++;
  }
  const starts = [...buckets.keys()].sort((a, b) => a - b);
  let out = `${XML_DECLARATION}<timeline c="${total}" cursor="${starts.length ? starts[0] : 0}">\n`;
  for (const a of starts) {
    const iso = new Date(a * 1000).toISOString().replace('Z', '+00:00');
    out += `<bucket c="${buckets.get(a)}" a="${a}" t="${iso}" d="${bucketSeconds}" etz="0" ltz="0" f="1"/>\n`;
  }
  return `${out}</timeline>\n`;
}
