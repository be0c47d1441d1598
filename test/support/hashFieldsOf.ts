import { HashFields } from '../../src/results/hashFields';
import { ResultStore } from '../../src/results/store';
import type { TableView } from '../../src/results/table';

/** The hash fields the extension would decide for this table's rows (through HashFields, as a run does). */
export function hashFieldsOf(table: TableView): string[] {
  const store = new ResultStore();
  const rows = Array.from({ length: table.rowCount }, (_, r) => table.columns.map((_, c) => table.cell(r, c)));
  store.append({ kind: 'page', fields: [...table.columns], rows, offset: 0, preview: false });
  const fields = new HashFields(store);
  const out = [...fields.fields];
  fields.dispose();
  return out;
}
