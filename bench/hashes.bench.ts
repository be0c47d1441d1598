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

export const benchmarks: Benchmark[] = [
  {
    name: 'hashes.parseHashList 1,000,000 values',
    unit: 'values/s',
    measure: async () => {
      const v = get();
      const t = performance.now();
      let n = 0;
      for (const s of v) n += parseHashList(s).hashes.length;
      if (n !== N * 4) throw new Error('unexpected parse');
      return N / ((performance.now() - t) / 1000);
    },
  },
  {
    name: 'hashes.columns (4 algorithms per value) 1,000,000 values',
    unit: 'values/s',
    measure: async () => {
      const v = get();
      const cols = hashColumnsFor('Hashes').columns;
      const t = performance.now();
      let n = 0;
      for (const s of v) for (const c of cols) if (c.compute(s) !== null) n++;
      if (n !== N * 4) throw new Error('unexpected compute');
      return N / ((performance.now() - t) / 1000);
    },
  },
];
