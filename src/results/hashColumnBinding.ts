/**
 * Keeps a store's derived hash columns in step with its fields: when a page brings a field that
 * holds Sysmon hash lists (`Hashes`, `Hash`, or any column whose values look like them), its SHA1,
 * MD5, SHA256 and IMPHASH columns are added right after it.
 */
import type { Cell } from '../search/backend';
import { hashColumnsFor, isHashListField, type HashCase } from './hashes';
import type { ResultStore } from './store';

export interface HashColumnSettings {
  enabled: boolean;
  hashCase: HashCase;
  /**
   * VirusTotal's answer for a hash-list cell, as text; when set, a `VT` column (`<field>.VT` for a
   * field other than `Hashes`) follows the hash columns. Re-apply with `update` when answers change.
   */
  verdict?: (cell: Cell) => Cell;
}

/** `VT` beside the bare hash columns of `Hashes`; `<field>.VT` otherwise, or when the result has a `VT` field. */
export function verdictColumnName(field: string, existingColumns: readonly string[]): string {
  return field === 'Hashes' && !existingColumns.includes('VT') ? 'VT' : `${field}.VT`;
}

const SAMPLE_ROWS = 200;

export class HashColumnBinding {
  private hashFields: string[] = [];
  private checked = new Set<string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ResultStore, private settings: HashColumnSettings) {
    this.unsubscribe = store.onChange(() => this.detect());
    this.detect();
  }

  get fields(): readonly string[] {
    return this.hashFields;
  }

  update(settings: HashColumnSettings): void {
    this.settings = settings;
    this.apply();
  }

  private detect(): void {
    let found = false;
    for (const field of this.store.fields) {
      if (this.checked.has(field)) continue;
      const sample = nonNullSample(this.store.columnValues(field) ?? []);
      // A field with no values yet may get them in a later page; decide once it has some.
      if (sample.length === 0) continue;
      this.checked.add(field);
      if (isHashListField(field, sample)) {
        this.hashFields.push(field);
        found = true;
      }
    }
    if (found) this.apply();
  }

  private apply(): void {
    const existing = this.store.fields;
    const verdict = this.settings.verdict;
    this.store.setDerivedColumns(
      this.settings.enabled ? this.hashFields.map((f) => {
        const provider = hashColumnsFor(f, { case: this.settings.hashCase, existingColumns: existing });
        return verdict ? { sourceField: f, columns: [...provider.columns, { name: verdictColumnName(f, existing), compute: verdict }] } : provider;
      }) : [],
    );
  }

  dispose(): void {
    this.unsubscribe();
  }
}

function nonNullSample(values: readonly Cell[]): Cell[] {
  const out: Cell[] = [];
  for (let i = 0; i < values.length && out.length < SAMPLE_ROWS; i++) if (values[i] !== null) out.push(values[i]!);
  return out;
}
