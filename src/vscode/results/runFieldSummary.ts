import { FieldSummary } from '../../results/fieldSummary';
import type { SearchRun } from '../run/searchRun';

const summaries = new WeakMap<SearchRun, { generation: number; rows: number; summary: FieldSummary }>();

/**
 * The field summary of a run's results, brought up to date with only the rows added since the last
 * call; started over when the store replaced rows (preview pages overwritten by final ones).
 */
export function runFieldSummary(run: SearchRun): FieldSummary {
  const store = run.store;
  let entry = summaries.get(run);
  if (!entry || entry.generation !== store.generation || entry.rows > store.rowCount) {
    entry = { generation: store.generation, rows: 0, summary: new FieldSummary() };
    summaries.set(run, entry);
  }
  if (entry.rows < store.rowCount) {
    const columns = store.fields.map((field) => ({ field, values: store.columnValues(field) ?? [] }));
    entry.summary.addColumns(columns, entry.rows, store.rowCount);
    entry.rows = store.rowCount;
  }
  return entry.summary;
}
