/**
 * Keeps a store's derived hash columns in step with its hash fields (decided by `HashFields`): each
 * gets its SHA1, MD5, SHA256 and IMPHASH columns right after it.
 */
import type { Cell } from '../shared/cell';
import type { HashFields } from './hashFields';
import { hashColumnsFor, type HashCase } from './hashes';
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

export class HashColumnBinding {
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ResultStore, private readonly hashFields: HashFields, private settings: HashColumnSettings) {
    this.unsubscribe = hashFields.onChange(() => this.apply());
    if (hashFields.fields.length > 0) this.apply();
  }

  update(settings: HashColumnSettings): void {
    this.settings = settings;
    this.apply();
  }

  private apply(): void {
    const existing = this.store.fields;
    const verdict = this.settings.verdict;
    this.store.setDerivedColumns(
      this.settings.enabled ? this.hashFields.fields.map((f) => {
        const provider = hashColumnsFor(f, { case: this.settings.hashCase, existingColumns: existing });
        return verdict ? { sourceField: f, columns: [...provider.columns, { name: verdictColumnName(f, existing), compute: verdict }] } : provider;
      }) : [],
    );
  }

  dispose(): void {
    this.unsubscribe();
  }
}
