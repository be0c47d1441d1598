import { type HistoryRecord, parseHistoryRecord } from './historyRecord';

export const DEFAULT_HISTORY_LIMIT = 500;
export const MAX_HISTORY_LIMIT = 10_000;

/**
 * The run history, newest first, never longer than its limit (the oldest go first). Plain data in and
 * out, so the VS Code side only decides where it is kept.
 */
export class HistoryStore {
  private records: HistoryRecord[];

  constructor(private limit = DEFAULT_HISTORY_LIMIT, records: readonly HistoryRecord[] = []) {
    this.limit = clampLimit(limit);
    this.records = [...records].sort((a, b) => b.startedAt - a.startedAt).slice(0, this.limit);
  }

  /** Rebuilds a store from what storage held; entries that are not records are dropped. */
  static fromStored(raw: unknown, limit: number): HistoryStore {
    const list = Array.isArray(raw) ? raw : [];
    const records: HistoryRecord[] = [];
    const ids = new Set<string>();
    for (const entry of list) {
      const r = parseHistoryRecord(entry);
      if (r && !ids.has(r.id)) {
        ids.add(r.id);
        records.push(r);
      }
    }
    return new HistoryStore(limit, records);
  }

  get all(): readonly HistoryRecord[] {
    return this.records;
  }

  get size(): number {
    return this.records.length;
  }

  get(id: string): HistoryRecord | undefined {
    return this.records.find((r) => r.id === id);
  }

  /** Adds (or, for a known id, replaces) a record; returns the ids that fell off the end. */
  add(record: HistoryRecord): string[] {
    this.records = [record, ...this.records.filter((r) => r.id !== record.id)].sort((a, b) => b.startedAt - a.startedAt);
    return this.trim();
  }

  remove(id: string): boolean {
    const before = this.records.length;
    this.records = this.records.filter((r) => r.id !== id);
    return this.records.length < before;
  }

  clear(): void {
    this.records = [];
  }

  setLimit(limit: number): string[] {
    this.limit = clampLimit(limit);
    return this.trim();
  }

  /**
   * Records matching every word of `text` (case-insensitive) in the query, the target, the sid or
   * the state, optionally only in `state`.
   */
  search(text: string, filter: { state?: HistoryRecord['state']; target?: string } = {}): HistoryRecord[] {
    const words = text.toLowerCase().split(/\s+/).filter(Boolean);
    return this.records.filter((r) => {
      if (filter.state && r.state !== filter.state) return false;
      if (filter.target !== undefined && r.target !== filter.target) return false;
      const haystack = `${r.query}\n${r.target}\n${r.sid ?? ''}\n${r.state}`.toLowerCase();
      return words.every((w) => haystack.includes(w));
    });
  }

  /** What is written to storage: the records themselves, newest first. */
  toStored(): HistoryRecord[] {
    return this.records.map((r) => ({ ...r }));
  }

  private trim(): string[] {
    const dropped = this.records.slice(this.limit).map((r) => r.id);
    this.records = this.records.slice(0, this.limit);
    return dropped;
  }
}

function clampLimit(n: number): number {
  return Number.isFinite(n) ? Math.max(1, Math.min(MAX_HISTORY_LIMIT, Math.floor(n))) : DEFAULT_HISTORY_LIMIT;
}
