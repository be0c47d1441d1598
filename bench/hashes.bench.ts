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

/** 5,000 distinct values repeated, like a real result set where a few binaries recur. */
function values(): string[] {
  const distinct = Array.from({ length: 5000 }, (_, i) =>
    `SHA1=${hex(i, 40)},MD5=${hex(i + 1, 32)},SHA256=${hex(i + 2, 64)},IMPHASH=${i % 10 === 0 ? '0'.repeat(32) : hex(i + 3, 32)}`);
  return Array.from({ length: N }, (_, i) => distinct[(i * 7919) % distinct.length]!);
}

let data: string[] | undefined;
const get = () => (data ??= values());

/**
 * Wall-clock values/s, and values per CPU-second of this process (less sensitive to other processes on a
 * shared machine), with a calibration figure: `String.split(',')` over the same values.
 */
function rate(name: string, run: (v: string[]) => number, expect: number) {
  return async () => {
    const v = get();
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

export const benchmarks: Benchmark[] = [
  {
    name: 'hashes.parseHashList 1,000,000 values',
    unit: 'values/s',
    measure: rate('hashes.parseHashList 1,000,000 values', (v) => {
      let n = 0;
      for (const s of v) n += parseHashList(s).hashes.length;
      return n;
    }, N * 4),
  },
  {
    name: 'hashes.columns (4 algorithms per value) 1,000,000 values',
    unit: 'values/s',
    measure: rate('hashes.columns (4 algorithms per value) 1,000,000 values', (v) => {
      const cols = hashColumnsFor('Hashes').columns;
      let n = 0;
      for (const s of v) for (const c of cols) if (c.compute(s) !== null) n++;
      return n;
    }, N * 4),
  },
  {
    name: 'hashes.baseline String.split 1,000,000 values',
    unit: 'values/s',
    measure: rate('hashes.baseline String.split 1,000,000 values', (v) => {
      let n = 0;
      for (const s of v) n += s.split(',').length;
      return n;
    }, N * 4),
  },
];
