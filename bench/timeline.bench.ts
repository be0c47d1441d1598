/**
 * Timeline counts on 500,000 Sysmon-like rows (the generated sample data), fed in 10,000-row pages as
 * the host receives them, `_time` as the REST API writes it (ISO 8601 with milliseconds and zone).
 * Target: counting keeps up with the pages (well under the time a page takes to arrive), and a
 * snapshot for the grid takes well under a millisecond.
 */
import { TimelineCounter } from '../src/results/timeline';
import { generateSysmonEvents } from '../src/search/local/sampleData';
import type { Cell } from '../src/search/backend';
import type { Benchmark } from './lib';

const ROWS = 500_000;
const PAGE = 10_000;

let pages: Cell[][] | undefined;

function data(): Cell[][] {
  if (pages) return pages;
  // `_time` as the local engine and the REST API return it, from the event's own timestamp.
  const times = [...generateSysmonEvents(ROWS, 3)].map((e): Cell => String(e['@timestamp']).replace('Z', '+00:00'));
  pages = [];
  for (let i = 0; i < times.length; i += PAGE) pages.push(times.slice(i, i + PAGE));
  return pages;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'timeline 500,000 rows',
    unit: 'ms',
    runs: 5,
    measure: async () => {
      const all = data();
      const counter = new TimelineCounter();
      let worstPage = 0;
      const t0 = performance.now();
      for (const p of all) {
        const t = performance.now();
        counter.addColumn(p, 0, p.length);
        worstPage = Math.max(worstPage, performance.now() - t);
      }
      const added = performance.now() - t0;
      const t1 = performance.now();
      const snap = counter.snapshot();
      const snapshot = performance.now() - t1;
      if (!snap || snap.total !== ROWS || snap.counts.length > 100) throw new Error(`unexpected timeline: ${JSON.stringify(snap && { total: snap.total, buckets: snap.counts.length, unparsed: snap.unparsed })}`);
      return {
        'timeline counts 500,000 rows (50 pages of 10,000)': { value: added, unit: 'ms' },
        'timeline worst 10,000-row page': { value: worstPage, unit: 'ms' },
        'timeline snapshot (buckets for the grid)': { value: snapshot, unit: 'ms' },
        'timeline rows/s': { value: ROWS / (added / 1000), unit: 'rows/s' },
        'timeline buckets': { value: snap.counts.length, unit: 'buckets' },
      };
    },
  },
];
