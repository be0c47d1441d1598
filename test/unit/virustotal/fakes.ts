/** A fake clock (sleeping moves time on at once) and in-memory stores for the VirusTotal units. */
import type { CacheStore, CachedAnswer, Clock, FileAnswer, FileId, FileSource, QuotaState, QuotaStore } from '../../../src/virustotal';

export class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public t = Date.UTC(2025, 5, 1, 12, 0, 0)) {}
  now(): number { return this.t; }
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(Object.assign(new Error('cancelled'), { name: 'AbortError' }));
    this.sleeps.push(ms);
    this.t += Math.max(0, ms);
    return Promise.resolve();
  }
}

export class MemoryQuotaStore implements QuotaStore {
  state: QuotaState | undefined;
  read(): QuotaState | undefined { return this.state ? structuredClone(this.state) : undefined; }
  write(state: QuotaState): void { this.state = structuredClone(state); }
}

export class MemoryCacheStore implements CacheStore {
  saved: Record<string, CachedAnswer> | undefined;
  saves = 0;
  load(): Promise<Record<string, CachedAnswer> | undefined> { return Promise.resolve(this.saved ? structuredClone(this.saved) : undefined); }
  save(entries: Record<string, CachedAnswer>): Promise<void> { this.saves++; this.saved = structuredClone(entries); return Promise.resolve(); }
}

/** Answers from a script per call, recording when (fake time) each request was made. */
export class ScriptedSource implements FileSource {
  readonly calls: { id: string; at: number }[] = [];
  constructor(private readonly clock: FakeClock, private readonly script: (id: FileId, call: number) => FileAnswer | Error) {}
  getFile(id: FileId): Promise<FileAnswer> {
    this.calls.push({ id: id.value, at: this.clock.now() });
    const a = this.script(id, this.calls.length);
    return a instanceof Error ? Promise.reject(a) : Promise.resolve(a);
  }
}

export const sha256 = (n: number): FileId => ({ algorithm: 'SHA256', value: n.toString(16).padStart(64, '0') });

/** The most requests at `times` (ms) inside any window of `windowMs`. */
export function maxInWindow(times: number[], windowMs = 60_000): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    for (let j = i; j < times.length && times[j]! < times[i]! + windowMs; j++) n++;
    best = Math.max(best, n);
  }
  return best;
}
