/**
 * Fields sidebar figures on 500,000 Sysmon-like rows (the generated sample data, ~20 fields, with
 * near-unique CommandLine and ProcessGuid), fed in 10,000-row pages as the host receives them.
 * Target: the summaries keep up with the pages (well under the time a page takes to arrive), and a
 * full refresh of every field's figures stays under 100 ms.
 */
import { FieldSummary } from '../src/results/fieldSummary';
import { generateSysmonEvents } from '../src/search/local/sampleData';
import type { Cell } from '../src/search/backend';
import type { Benchmark } from './lib';

const ROWS = 500_000;
const PAGE = 10_000;

let pages: { fields: string[]; rows: Cell[][] }[] | undefined;

function data(): { fields: string[]; rows: Cell[][] }[] {
  if (pages) return pages;
  const events = [...generateSysmonEvents(ROWS, 3)];
  const fields = [...new Set(events.slice(0, 1000).flatMap((e) => Object.keys(e)))];
  // Through JSON, as rows arrive from a server: every value its own string.
  const rows = JSON.parse(JSON.stringify(events.map((e) => fields.map((f) => e[f] ?? null)))) as Cell[][];
  pages = [];
  for (let i = 0; i < rows.length; i += PAGE) pages.push({ fields, rows: rows.slice(i, i + PAGE) });
  return pages;
}

export const benchmarks: Benchmark[] = [
  {
    name: 'fieldSummary 500,000 rows',
    unit: 'ms',
    runs: 5,
    measure: async () => {
      const all = data();
      const summary = new FieldSummary();
      let worstPage = 0;
      const t0 = performance.now();
      for (const p of all) {
        const t = performance.now();
        summary.add(p.fields, p.rows);
        worstPage = Math.max(worstPage, performance.now() - t);
      }
      const added = performance.now() - t0;
      const t1 = performance.now();
      const figures = summary.all();
      const described = performance.now() - t1;
      if (figures.length < 10 || summary.rowCount !== ROWS) throw new Error(`unexpected summary: ${figures.length} fields, ${summary.rowCount} rows`);
      return {
        'fieldSummary.add 500,000 rows (50 pages of 10,000)': { value: added, unit: 'ms' },
        'fieldSummary.add worst 10,000-row page': { value: worstPage, unit: 'ms' },
        'fieldSummary.all() every field, top 10 each': { value: described, unit: 'ms' },
        'fieldSummary rows/s': { value: ROWS / (added / 1000), unit: 'rows/s' },
      };
    },
  },
];
