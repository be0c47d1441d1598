// THROWAWAY: stands in for src/engine until the engine branch lands. Supports only `search` with no
// terms, `| makeresults count=N`, `| head N`, `| table a b c`. Removed once the engine is merged.
import { readFileSync } from 'node:fs';

export type FieldValue = string | string[];
export type SplEvent = Record<string, FieldValue>;
export class SplError extends Error {
  constructor(message: string, readonly column: number | undefined = undefined) { super(message); }
}
export interface ResultBatch { fields: string[]; rows: SplEvent[] }
export interface ExecuteOptions { earliestTime?: string; latestTime?: string; now?: number; signal?: AbortSignal; batchSize?: number }
export interface EventSource { batches(signal?: AbortSignal): AsyncIterable<SplEvent[]> }

const KNOWN = new Set(['search', 'makeresults', 'head', 'table', 'fields', 'stats', 'eval', 'where']);
export function validateSpl(query: string): void {
  const q = query.trim();
  if (!q) throw new SplError('Empty search.');
  if ((q.match(/"/g) ?? []).length % 2) throw new SplError("Error in 'search' command: Unbalanced quotes.");
  for (const part of q.replace(/^\|/, '').split('|')) {
    const cmd = part.trim().split(/\s+/)[0] ?? '';
    const name = /^[A-Za-z_][\w]*/.exec(cmd)?.[0] ?? cmd;
    if (!KNOWN.has(name)) throw new SplError(`Unknown search command '${name}'.`);
  }
}
export function arraySource(events: SplEvent[]): EventSource {
  return { async *batches() { for (let i = 0; i < events.length; i += 10000) yield events.slice(i, i + 10000); } };
}
export function fileSource(path: string): EventSource {
  const events = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SplEvent);
  return arraySource(events);
}
export async function* execute(query: string, source: EventSource, options: ExecuteOptions = {}): AsyncIterable<ResultBatch> {
  validateSpl(query);
  const parts = query.trim().replace(/^\|/, '').split('|').map((p) => p.trim());
  let rows: SplEvent[] = [];
  const first = parts[0]!.split(/\s+/);
  if (first[0] === 'makeresults') {
    const n = Number(/count=(\d+)/.exec(parts[0]!)?.[1] ?? 1);
    for (let i = 0; i < n; i++) rows.push({ _time: String(1700000000 + i) });
  } else {
    for await (const b of source.batches(options.signal)) for (const e of b) rows.push(e);
  }
  let fields: string[] | undefined;
  for (const p of parts.slice(1)) {
    const [cmd, ...args] = p.split(/\s+/);
    if (cmd === 'head') rows = rows.slice(0, Number(args[0] ?? 10));
    if (cmd === 'table') { fields = args; rows = rows.map((r) => Object.fromEntries(args.filter((a) => a in r).map((a) => [a, r[a]!]))); }
  }
  fields ??= [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
  for (let i = 0; i < rows.length; i += 10000) {
    if (options.signal?.aborted) throw new Error('aborted');
    yield { fields, rows: rows.slice(i, i + 10000) };
    await new Promise((r) => setImmediate(r));
  }
  if (rows.length === 0) yield { fields, rows: [] };
}
export function generateSysmonEvents(count: number, seed = 1): SplEvent[] {
  const out: SplEvent[] = [];
  for (let i = 0; i < count; i++) {
    out.push({ _time: String(1700000000 + i), host: `ws${(i * seed) % 50}`, EventCode: '1', Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: `cmd /c echo ${i}`,
      User: 'CORP\\alice', ProcessId: String(1000 + i), ParentImage: 'C:\\Windows\\explorer.exe', ParentProcessId: '4', IntegrityLevel: 'Medium',
      Hashes: 'SHA1=B6D237154F2E528F0B503B58B025862D66B02B73,MD5=0E61079D3283687D2E279272966AE99D', source: 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational' });
  }
  return out;
}
