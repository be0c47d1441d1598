import type { ResultStore } from '../../results/store';
import type { SearchRun } from '../run/searchRun';

interface Entry<T> { generation: number; rows: number; value: T }

/**
 * Something computed over a run's rows, brought up to date with only the rows added since the last
 * call, and started over when the store replaced rows (preview pages overwritten by final ones).
 * `add` folds rows [from, to) of the store into `value`.
 */
export function runAccumulator<T>(create: () => T, add: (value: T, store: ResultStore, from: number, to: number) => void): (run: SearchRun) => T {
  const entries = new WeakMap<SearchRun, Entry<T>>();
  return (run) => {
    const store = run.store;
    let entry = entries.get(run);
    if (!entry || entry.generation !== store.generation || entry.rows > store.rowCount) {
      entry = { generation: store.generation, rows: 0, value: create() };
      entries.set(run, entry);
    }
    if (entry.rows < store.rowCount) {
      add(entry.value, store, entry.rows, store.rowCount);
      entry.rows = store.rowCount;
    }
    return entry.value;
  };
}
