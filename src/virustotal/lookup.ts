/**
 * Looks up many file ids: cached answers first (instant, no quota), then one request per remaining
 * id, paced by the rate limiter. A 429 pauses and resumes; 5xx and network failures are retried
 * with backoff; a rejected key, a spent daily quota, a transport that cannot be trusted, or a cancel
 * stop the run at once and say which, with every answer had so far kept.
 */
import type { CachedAnswer, VerdictCache } from './cache';
import type { FileAnswer } from './client';
import { isAbortError, type Clock } from './clock';
import { VirusTotalError } from './errors';
import type { FileId } from './fileId';
import type { RateLimiter } from './rateLimiter';

export type LookupResult =
  | (CachedAnswer & { fromCache: boolean })
  /** No answer for this id (retries used up, or a reply we could not read); the run went on. */
  | { kind: 'failed'; message: string };

export interface LookupProgress {
  total: number;
  /** Ids answered so far (from the cache or VirusTotal) or given up on. */
  done: number;
  fromCache: number;
  requests: number;
  remainingToday: number;
  /** Estimated time to finish at the configured rate. */
  etaMs: number;
  /** Set while waiting after a 429. */
  pausedMs?: number;
}

export interface LookupOptions {
  /** Ask VirusTotal even when the cache has a fresh answer. */
  refresh?: boolean;
  onProgress?(p: LookupProgress): void;
  onResult?(id: FileId, result: LookupResult): void;
}

export interface LookupOutcome {
  results: Map<string, LookupResult>;
  /** Why the run stopped before the end; undefined when every id got a result. */
  stopped?: VirusTotalError;
}

export interface FileSource {
  getFile(id: FileId, signal?: AbortSignal): Promise<FileAnswer>;
}

export interface Tuning {
  /** Attempts per id for 5xx and network failures. */
  maxAttempts: number;
  /** First retry delay; doubled on each further attempt. */
  backoffMs: number;
  /** Pause after a 429 without Retry-After. */
  rateLimitPauseMs: number;
  /** 429s in a row, each after a pause, before we conclude the daily quota is spent. */
  max429InARow: number;
  /** Ids in a row that failed all attempts before the run stops as "unavailable". */
  maxFailuresInARow: number;
}

export const DEFAULT_TUNING: Tuning = { maxAttempts: 4, backoffMs: 2_000, rateLimitPauseMs: 60_000, max429InARow: 3, maxFailuresInARow: 3 };

export interface LookupDeps {
  source: FileSource;
  limiter: RateLimiter;
  cache: VerdictCache;
  clock: Clock;
  tuning?: Partial<Tuning>;
}

export class VirusTotalLookup {
  private readonly tuning: Tuning;

  constructor(private readonly deps: LookupDeps) {
    this.tuning = { ...DEFAULT_TUNING, ...deps.tuning };
  }

  async run(ids: readonly FileId[], options: LookupOptions = {}, signal?: AbortSignal): Promise<LookupOutcome> {
    const { cache, clock, limiter } = this.deps;
    await cache.load();
    const results = new Map<string, LookupResult>();
    const progress: LookupProgress = { total: ids.length, done: 0, fromCache: 0, requests: 0, remainingToday: limiter.remainingToday(), etaMs: 0 };
    const report = (): void => {
      progress.remainingToday = limiter.remainingToday();
      progress.etaMs = limiter.estimateMs(ids.length - progress.done);
      options.onProgress?.({ ...progress });
    };
    const settle = (id: FileId, result: LookupResult): void => {
      results.set(id.value, result);
      progress.done++;
      options.onResult?.(id, result);
    };

    const pending: FileId[] = [];
    for (const id of ids) {
      const cached = options.refresh ? undefined : cache.get(id.value, clock.now());
      if (cached) {
        progress.fromCache++;
        settle(id, { ...cached, fromCache: true });
      } else {
        pending.push(id);
      }
    }
    report();

    let failuresInARow = 0;
    try {
      for (const id of pending) {
        if (signal?.aborted) throw cancelled();
        const result = await this.one(id, progress, report, signal);
        if (result.kind === 'failed') {
          if (++failuresInARow >= this.tuning.maxFailuresInARow) {
            settle(id, result);
            throw new VirusTotalError('unavailable', `VirusTotal could not be reached for ${failuresInARow} hashes in a row (${result.message}); stopped. Try again later.`);
          }
        } else {
          failuresInARow = 0;
          cache.put(id.value, { kind: result.kind, answeredAt: result.answeredAt, ...(result.kind === 'found' ? { verdict: result.verdict } : {}) } as CachedAnswer);
          if (progress.requests % 10 === 0) await cache.flush();
        }
        settle(id, result);
        report();
      }
      return { results };
    } catch (e) {
      return { results, stopped: asLookupError(e) };
    } finally {
      await cache.flush();
      report();
    }
  }

  /** One id to an answer, through 429 pauses and retries; throws what stops the whole run. */
  private async one(id: FileId, progress: LookupProgress, report: () => void, signal?: AbortSignal): Promise<LookupResult> {
    const { clock, limiter, source } = this.deps;
    let attempts = 0;
    let rateLimited = 0;
    for (;;) {
      const replied = await limiter.acquire(signal);
      progress.requests++;
      let answer: FileAnswer;
      try {
        answer = await source.getFile(id, signal);
      } catch (e) {
        // One unreadable reply or odd status costs that hash, not the run.
        if (e instanceof VirusTotalError && (e.kind === 'malformed' || e.kind === 'http')) return { kind: 'failed', message: e.message };
        throw e;
      } finally {
        await replied();
      }
      switch (answer.kind) {
        case 'found': return { kind: 'found', verdict: answer.verdict, answeredAt: clock.now(), fromCache: false };
        case 'not-found': return { kind: 'not-found', answeredAt: clock.now(), fromCache: false };
        case 'rate-limited': {
          if (++rateLimited >= this.tuning.max429InARow) {
            await limiter.exhaustToday();
            throw new VirusTotalError('daily-quota', `VirusTotal kept answering "quota exceeded" (HTTP 429) after ${rateLimited} pauses: the key's daily quota is probably spent. Nothing more is sent until 00:00 UTC.`);
          }
          const pause = answer.retryAfterMs ?? this.tuning.rateLimitPauseMs;
          await limiter.pause(pause);
          progress.pausedMs = pause;
          report();
          delete progress.pausedMs;
          continue;
        }
        case 'retry': {
          if (++attempts >= this.tuning.maxAttempts) return { kind: 'failed', message: answer.reason };
          await clock.sleep(this.tuning.backoffMs * 2 ** (attempts - 1), signal);
          continue;
        }
      }
    }
  }
}

function cancelled(): VirusTotalError {
  return new VirusTotalError('cancelled', 'The VirusTotal lookup was cancelled.');
}

function asLookupError(e: unknown): VirusTotalError {
  if (e instanceof VirusTotalError) return e;
  if (isAbortError(e)) return cancelled();
  return new VirusTotalError('http', e instanceof Error ? e.message : String(e));
}
