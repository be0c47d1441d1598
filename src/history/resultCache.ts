/**
 * Which finished runs keep their results in memory so that History can reopen them: the newest ones,
 * at most `maxRuns` of them and together at most `rowBudget` rows. A run over the budget on its own is
 * not kept. Generic over what a "run" is, so it is plain TypeScript.
 */
export class ResultCache<T> {
  private entries: { id: string; rows: number; value: T }[] = [];

  constructor(private maxRuns: number, private rowBudget: number) {}

  configure(maxRuns: number, rowBudget: number): T[] {
    this.maxRuns = Math.max(0, Math.floor(maxRuns));
    this.rowBudget = Math.max(0, Math.floor(rowBudget));
    return this.evict();
  }

  /** Keeps `value` as the newest; returns the values that no longer fit (to release them). */
  add(id: string, rows: number, value: T): T[] {
    this.entries = this.entries.filter((e) => e.id !== id);
    if (rows > this.rowBudget || this.maxRuns === 0) return [value];
    this.entries.unshift({ id, rows, value });
    return this.evict();
  }

  get(id: string): T | undefined {
    return this.entries.find((e) => e.id === id)?.value;
  }

  has(id: string): boolean {
    return this.entries.some((e) => e.id === id);
  }

  delete(id: string): T | undefined {
    const e = this.entries.find((x) => x.id === id);
    this.entries = this.entries.filter((x) => x.id !== id);
    return e?.value;
  }

  get ids(): string[] {
    return this.entries.map((e) => e.id);
  }

  get rows(): number {
    return this.entries.reduce((n, e) => n + e.rows, 0);
  }

  clear(): T[] {
    const all = this.entries.map((e) => e.value);
    this.entries = [];
    return all;
  }

  private evict(): T[] {
    const kept: typeof this.entries = [];
    const dropped: T[] = [];
    let rows = 0;
    for (const e of this.entries) {
      if (kept.length < this.maxRuns && rows + e.rows <= this.rowBudget) {
        kept.push(e);
        rows += e.rows;
      } else {
        dropped.push(e.value);
      }
    }
    this.entries = kept;
    return dropped;
  }
}
