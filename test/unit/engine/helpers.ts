import { arraySource, execute, type EventSource, type ExecuteOptions, type SplEvent } from '../../../src/engine';

export interface Collected { fields: string[]; rows: SplEvent[]; batches: number }

/** Runs a query to completion and gathers all rows; `fields` is the last non-empty batch's order. */
export async function run(query: string, source: EventSource | SplEvent[], options: ExecuteOptions = {}): Promise<Collected> {
  const src = Array.isArray(source) ? arraySource(source) : source;
  const out: Collected = { fields: [], rows: [], batches: 0 };
  for await (const b of execute(query, src, { now: Date.UTC(2024, 4, 1, 12, 0, 0), ...options })) {
    out.batches++;
    if (b.rows.length > 0 || out.rows.length === 0) out.fields = b.fields;
    out.rows.push(...b.rows);
  }
  return out;
}

export const col = (c: Collected, field: string): (string | string[] | undefined)[] => c.rows.map((r) => r[field]);

/** A small Sysmon-flavoured fixture with a multivalue field and missing fields. */
export const EVENTS: SplEvent[] = [
  { _raw: 'proc start powershell.exe -enc AAA', _time: '1000', host: 'ws1', EventCode: '1', Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', User: 'CORP\\alice', bytes: '100', tags: ['red', 'blue'] },
  { _raw: 'proc start cmd.exe /c whoami', _time: '2000', host: 'ws2', EventCode: '1', Image: 'C:\\Windows\\System32\\cmd.exe', User: 'CORP\\bob', bytes: '20' },
  { _raw: 'network connection to 10.0.0.5', _time: '3000', host: 'ws1', EventCode: '3', Image: 'C:\\Windows\\System32\\svchost.exe', bytes: '9' },
  { _raw: 'image loaded amsi.dll', _time: '4000', host: 'WS1', EventCode: '7', Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', tags: 'green' },
  { _raw: 'file created Error Report', _time: '5000', host: 'ws3', EventCode: '11', User: 'CORP\\alice', bytes: 'n/a' },
];
