/**
 * Engine throughput over 1,000,000 generated Sysmon events (seed 42), generated once into bench/data/.
 * Figures are events processed per second, including reading and parsing where a file is involved.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { arraySource, execute, fileSource, type EventSource, type SplEvent } from '../src/engine';
import { generateSysmonEvents, writeSampleData } from '../src/search/local/sampleData';
import { withPeakRss, type Benchmark } from './lib';

const COUNT = 1_000_000;
const SEED = 42;
const FILE = join(__dirname, 'data', `sysmon-${COUNT}-seed${SEED}.jsonl`);

async function ensureFile(): Promise<string> {
  if (!existsSync(FILE)) await writeSampleData(FILE, COUNT, SEED);
  return FILE;
}

// The file benchmarks run first: once this million-event array is resident, every major GC of a later
// benchmark has to trace it too.
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

type Figures = Record<string, { value: number; unit: string }>;

/**
 * Wall-clock events/s, and events per CPU-second of this process: the machine these figures come from is
 * shared, and CPU time is the steadier measure when other processes compete for the cores.
 */
async function measureRun(name: string, query: string, source: () => EventSource, expectRows: (n: number) => boolean, rss = false): Promise<Figures> {
  const src = source();
  const body = async (): Promise<{ wall: number; cpu: number }> => {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const rows = await drain(query, src);
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const c = process.cpuUsage(cpu0);
    if (!expectRows(rows)) throw new Error(`unexpected row count ${rows} for ${query}`);
    return { wall, cpu: (c.user + c.system) / 1e6 };
  };
  const figures: Figures = {};
  let r: { wall: number; cpu: number };
  if (rss) {
    const m = await withPeakRss(body);
    r = m.result;
    figures[`${name} peak RSS`] = { value: m.peakMb, unit: 'MB' };
  } else r = await body();
  figures[name] = { value: COUNT / r.wall, unit: 'events/s' };
  figures[`${name} (per CPU-second)`] = { value: COUNT / r.cpu, unit: 'events/cpu-s' };
  return figures;
}

const FILTER = 'search EventCode=1 Image=*powershell*';
const N = COUNT.toLocaleString('en-US');
const TSTATS = '| tstats count min(_time) values(Processes.process) from datamodel=Endpoint.Processes where Processes.process_name=powershell.exe by Processes.dest Processes.user';

export const benchmarks: Benchmark[] = [
  {
    name: `engine.filter.jsonl ${N} events`,
    unit: 'events/s',
    runs: 3,
    measure: async () => { const path = await ensureFile(); return measureRun(`engine.filter.jsonl ${N} events`, FILTER, () => fileSource(path), (n) => n > 0, true); },
  },
  {
    name: `engine.stats.jsonl count by Image ${N} events`,
    unit: 'events/s',
    runs: 3,
    measure: async () => { const path = await ensureFile(); return measureRun(`engine.stats.jsonl count by Image ${N} events`, 'search * | stats count by Image', () => fileSource(path), (n) => n > 10, true); },
  },
  {
    name: `engine.filter.memory ${N} events`,
    unit: 'events/s',
    runs: 5,
    measure: () => measureRun(`engine.filter.memory ${N} events`, FILTER, () => arraySource(inMemory()), (n) => n > 0),
  },
  {
    name: `engine.stats.memory count by Image ${N} events`,
    unit: 'events/s',
    runs: 5,
    measure: () => measureRun(`engine.stats.memory count by Image ${N} events`, 'search * | stats count by Image', () => arraySource(inMemory()), (n) => n > 10),
  },
  {
    name: `engine.rex.memory SHA256 from Hashes ${N} events`,
    unit: 'events/s',
    runs: 3,
    measure: () => measureRun(`engine.rex.memory SHA256 from Hashes ${N} events`, 'search * | rex field=Hashes "(?i)SHA256=(?<sha256>[0-9a-f]{64})" | stats dc(sha256)', () => arraySource(inMemory()), (n) => n === 1),
  },
  {
    // Every event goes through the data-model layer's constraints, the Processes ones through its field mappings.
    name: `engine.tstats.memory Endpoint.Processes by dest user ${N} events`,
    unit: 'events/s',
    runs: 3,
    measure: () => measureRun(`engine.tstats.memory Endpoint.Processes by dest user ${N} events`, TSTATS, () => arraySource(inMemory()), (n) => n > 0),
  },
];
