/**
 * Engine throughput over 1,000,000 generated Sysmon events (seed 42), generated once into bench/data/.
 * Figures are events processed per second, including reading and parsing where a file is involved.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { arraySource, execute, fileSource, type EventSource, type SplEvent } from '../src/engine';
import { generateSysmonEvents, writeSampleData } from '../scripts/sample-data';
import { withPeakRss, type Benchmark } from './lib';

const COUNT = 1_000_000;
const SEED = 42;
const FILE = join(__dirname, 'data', `sysmon-${COUNT}-seed${SEED}.jsonl`);

async function ensureFile(): Promise<string> {
  if (!existsSync(FILE)) await writeSampleData(FILE, COUNT, SEED);
  return FILE;
}

let memory: SplEvent[] | undefined;
function inMemory(): SplEvent[] {
  // Built once, without _raw text, so the figure is the filter's cost rather than memory traffic.
  memory ??= Array.from(generateSysmonEvents(COUNT, SEED), (e) => ({ ...e, _time: String(Date.parse(e['@timestamp']!) / 1000) }));
  return memory;
}

async function drain(query: string, source: EventSource): Promise<number> {
  let rows = 0;
  for await (const b of execute(query, source)) rows += b.rows.length;
  return rows;
}

async function eventsPerSecond(query: string, source: () => Promise<EventSource> | EventSource, expectRows?: (n: number) => boolean): Promise<number> {
  const src = await source();
  const t0 = process.hrtime.bigint();
  const rows = await drain(query, src);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (expectRows && !expectRows(rows)) throw new Error(`unexpected row count ${rows} for ${query}`);
  return COUNT / seconds;
}

const FILTER = 'search EventCode=1 Image=*powershell*';

export const benchmarks: Benchmark[] = [
  {
    name: `engine.filter.jsonl ${COUNT.toLocaleString('en-US')} events`,
    unit: 'events/s',
    runs: 3,
    measure: async () => {
      const path = await ensureFile();
      const { result, peakMb } = await withPeakRss(() => eventsPerSecond(FILTER, () => fileSource(path), (n) => n > 0));
      return {
        [`engine.filter.jsonl ${COUNT.toLocaleString('en-US')} events`]: { value: result, unit: 'events/s' },
        'engine.filter.jsonl peak RSS': { value: peakMb, unit: 'MB' },
      };
    },
  },
  {
    name: `engine.filter.memory ${COUNT.toLocaleString('en-US')} events`,
    unit: 'events/s',
    runs: 5,
    measure: () => eventsPerSecond(FILTER, () => arraySource(inMemory()), (n) => n > 0),
  },
  {
    name: `engine.stats.jsonl count by Image ${COUNT.toLocaleString('en-US')} events`,
    unit: 'events/s',
    runs: 3,
    measure: async () => {
      const path = await ensureFile();
      const { result, peakMb } = await withPeakRss(() => eventsPerSecond('search * | stats count by Image', () => fileSource(path), (n) => n > 10));
      return {
        [`engine.stats.jsonl count by Image ${COUNT.toLocaleString('en-US')} events`]: { value: result, unit: 'events/s' },
        'engine.stats.jsonl peak RSS': { value: peakMb, unit: 'MB' },
      };
    },
  },
  {
    name: `engine.stats.memory count by Image ${COUNT.toLocaleString('en-US')} events`,
    unit: 'events/s',
    runs: 5,
    measure: () => eventsPerSecond('search * | stats count by Image', () => arraySource(inMemory()), (n) => n > 10),
  },
  {
    name: `engine.rex.memory SHA256 from Hashes ${COUNT.toLocaleString('en-US')} events`,
    unit: 'events/s',
    runs: 3,
    measure: () => eventsPerSecond('search * | rex field=Hashes "(?i)SHA256=(?<sha256>[0-9a-f]{64})" | stats dc(sha256)', () => arraySource(inMemory()), (n) => n === 1),
  },
];
