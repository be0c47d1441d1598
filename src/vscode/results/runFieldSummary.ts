import { FieldSummary } from '../../results/fieldSummary';
import { runAccumulator } from './runAccumulator';

/** The field summary of a run's results, kept up to date incrementally. */
export const runFieldSummary = runAccumulator(() => new FieldSummary(), (summary, store, from, to) => {
  const columns = store.fields.map((field) => ({ field, values: store.columnValues(field) ?? [] }));
  summary.addColumns(columns, from, to);
});
