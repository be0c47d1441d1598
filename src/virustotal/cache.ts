/**
 * Answers already had, by hash, with the time VirusTotal gave them. A "found" answer is kept longer
 * than "not found": a file's detections change slowly, while an unknown file may be uploaded by
 * anyone at any time. The backing store is injected (the extension uses its global storage).
 */
import type { Verdict } from './verdict';

export type CachedAnswer =
  | { kind: 'found'; verdict: Verdict; answeredAt: number }
  | { kind: 'not-found'; answeredAt: number };

export interface CacheStore {
  load(): Promise<Record<string, CachedAnswer> | undefined>;
  save(entries: Record<string, CachedAnswer>): Promise<void>;
}

export interface CacheLifetimes {
  foundMs: number;
  notFoundMs: number;
}

/** Entries kept at most; the oldest answers go first. */
export const MAX_ENTRIES = 100_000;

function validAnswer(x: unknown): x is CachedAnswer {
  if (typeof x !== 'object' || x === null) return false;
  const a = x as Record<string, unknown>;
  if (typeof a.answeredAt !== 'number') return false;
  if (a.kind === 'not-found') return true;
  const v = a.verdict as Record<string, unknown> | undefined;
  return a.kind === 'found' && typeof v === 'object' && v !== null
    && typeof v.malicious === 'number' && typeof v.total === 'number' && typeof v.suspicious === 'number';
}

export class VerdictCache {
  private entries = new Map<string, CachedAnswer>();
  private loaded: Promise<void> | undefined;
  private dirty = false;

  constructor(private readonly store: CacheStore, private lifetimes: CacheLifetimes) {}

  setLifetimes(lifetimes: CacheLifetimes): void {
    this.lifetimes = lifetimes;
  }

  /** Reads the store once; a corrupt store is treated as empty rather than failing the lookup. */
  load(): Promise<void> {
    this.loaded ??= this.store.load().then((raw) => {
      for (const [k, v] of Object.entries(raw ?? {})) if (validAnswer(v)) this.entries.set(k, v);
    }, () => undefined);
    return this.loaded;
  }

  /** A fresh answer for `hash` (lower-case hex), or undefined when absent or expired. */
  get(hash: string, now: number): CachedAnswer | undefined {
    const a = this.entries.get(hash);
    if (!a) return undefined;
    const lifetime = a.kind === 'found' ? this.lifetimes.foundMs : this.lifetimes.notFoundMs;
    return now - a.answeredAt <= lifetime ? a : undefined;
  }

  /** Any answer for `hash`, however old: what the panel shows until a lookup refreshes it. */
  peek(hash: string): CachedAnswer | undefined {
    return this.entries.get(hash);
  }

  /**
   * Stores `answer` under `hash`, and a found file under the other hashes VirusTotal reports for it,
   * so a row that only has the SHA1 shows the verdict the SHA256 lookup got.
   */
  put(hash: string, answer: CachedAnswer): void {
    const keys = new Set([hash]);
    if (answer.kind === 'found') for (const h of [answer.verdict.sha256, answer.verdict.sha1, answer.verdict.md5]) if (h) keys.add(h);
    for (const k of keys) {
      this.entries.delete(k);
      this.entries.set(k, answer);
    }
    while (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.dirty = true;
  }

  get size(): number {
    return this.entries.size;
  }

  async flush(): Promise<void> {
    if (!this.dirty) return;
    this.dirty = false;
    await this.store.save(Object.fromEntries(this.entries));
  }

  async clear(): Promise<void> {
    this.entries.clear();
    this.dirty = true;
    await this.flush();
  }
}
