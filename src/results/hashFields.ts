/**
 * The one decision about which fields of a result hold Sysmon hash lists. The grid's split columns,
 * its hash-column marks, the Hashes panel, VirusTotal lookups and export all read `fields` here.
 * A field counts by name (`Hashes`, `Hash`) or by its values (`isHashListField`), so a
 * `rename Hashes AS h` is still a hash field. A field is judged once, when its first values arrive.
 */
import type { Cell } from '../shared/cell';
import { isHashListField } from './hashes';
import type { ResultStore } from './store';

export class HashFields {
  private readonly found: string[] = [];
  private readonly judged = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ResultStore) {
    this.unsubscribe = store.onChange(() => this.judge());
    this.judge();
  }

  /** Source fields holding hash lists, in the order they were found. */
  get fields(): readonly string[] {
    return this.found;
  }

  has(field: string): boolean {
    return this.found.includes(field);
  }

  /** Called when a new hash field is found. Returns an unsubscribe function. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private judge(): void {
    let added = false;
    for (const field of this.store.fields) {
      if (this.judged.has(field)) continue;
      const values = this.store.columnValues(field) ?? [];
      const sample = nonNull(values);
      // A field with no values yet may get them in a later page; judge it once it has some.
      if (sample.length === 0 && !isHashListField(field, [])) continue;
      this.judged.add(field);
      if (isHashListField(field, sample)) {
        this.found.push(field);
        added = true;
      }
    }
    if (added) for (const l of [...this.listeners]) l();
  }
}

/** isHashListField looks at 50 non-empty cells at most; more would only cost time. */
const SAMPLE_CELLS = 50;

function nonNull(values: readonly Cell[]): Cell[] {
  const out: Cell[] = [];
  for (let i = 0; i < values.length && out.length < SAMPLE_CELLS; i++) {
    const v = values[i];
    if (v !== null && v !== undefined) out.push(v);
  }
  return out;
}
