/** Hash splitting throughput over Sysmon-like values (real formats, varied values). Target: > 1,000,000 values/s. */
import { parseHashList, hashColumnsFor } from '../src/results/hashes';
import type { Benchmark } from './lib';

const N = 1_000_000;

function hex(seed: number, len: number): string {
  let s = '';
  let x = seed * 2654435761 >>> 0;
  while (s.length < len) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += x.toString(16).toUpperCase().padStart(8, '0');
  }
  return s.slice(0, len);
}

function hashList(i: number): string {
  return `SHA1=${hex(i, 40)},MD5=${hex(i + 1, 32)},SHA256=${hex(i + 2, 64)},IMPHASH=${i % 10 === 0 ? '0'.repeat(32) : hex(i + 3, 32)}`;
}

/**
 * Values as the extension gets them: each its own string from JSON.parse, so a repeat is a different
 * string object (a string's cached hash does not carry over), either 5,000 distinct values repeated,
 * like a real result set where a few binaries recur, or every value distinct (the worst case for the
 * parse cache).
 */
function values(distinctCount: number): string[] {
  const distinct = Array.from({ length: distinctCount }, (_, i) => hashList(i));
  return JSON.parse(JSON.stringify(Array.from({ length: N }, (_, i) => distinct[(i * 7919) % distinct.length]!))) as string[];
}

const data = new Map<number, string[]>();
const get = (distinct: number) => {
  let v = data.get(distinct);
  if (!v) {
    data.clear(); // one data set in memory at a time
    v = values(distinct);
    data.set(distinct, v);
  }
  return v;
};

/**
 * Wall-clock values/s, and values per CPU-second of this process (less sensitive to other processes on a
 * shared machine).
 */
function rate(name: string, distinct: number, run: (v: string[]) => number, expect: number) {
  return async () => {
    const v = get(distinct);
    const cpu = process.cpuUsage();
    const t = performance.now();
    const n = run(v);
    const wall = (performance.now() - t) / 1000;
    const used = process.cpuUsage(cpu);
    if (n !== expect) throw new Error(`${name}: unexpected result ${n}`);
    return {
      [`${name} (wall)`]: { value: N / wall, unit: 'values/s' },
      [`${name} (per CPU-second)`]: { value: N / ((used.user + used.system) / 1e6), unit: 'values/cpu-s' },
    };
  };
}

const parse = (v: string[]) => {
  let n = 0;
  for (const s of v) n += parseHashList(s).hashes.length;
  return n;
};

/** What the grid does: the four split columns of every value (through the parse cache). */
const columns = (v: string[]) => {
  const cols = hashColumnsFor('Hashes').columns;
  let n = 0;
  for (const s of v) for (const c of cols) if (c.compute(s) !== null) n++;
  return n;
};

const REPEATED = 5_000;

export const benchmarks: Benchmark[] = [
  { name: 'hashes.parseHashList 1,000,000 values (5,000 distinct)', unit: 'values/s', measure: rate('hashes.parseHashList 1,000,000 values (5,000 distinct)', REPEATED, parse, N * 4) },
  { name: 'hashes.parseHashList 1,000,000 values (all distinct)', unit: 'values/s', measure: rate('hashes.parseHashList 1,000,000 values (all distinct)', N, parse, N * 4) },
  { name: 'hashes.columns (4 per value) 1,000,000 values (5,000 distinct)', unit: 'values/s', measure: rate('hashes.columns (4 per value) 1,000,000 values (5,000 distinct)', REPEATED, columns, N * 4) },
  { name: 'hashes.columns (4 per value) 1,000,000 values (all distinct)', unit: 'values/s', measure: rate('hashes.columns (4 per value) 1,000,000 values (all distinct)', N, columns, N * 4) },
  {
    name: 'hashes.baseline String.split 1,000,000 values',
    unit: 'values/s',
    measure: rate('hashes.baseline String.split 1,000,000 values', REPEATED, (v) => {
      let n = 0;
      for (const s of v) n += s.split(',').length;
      return n;
    }, N * 4),
  },
];
