/**
 * The per-minute rate and the daily quota, persisted through `QuotaStore` so a restart of VS Code
 * neither forgets what was spent nor lets a burst through.
 *
 * The per-minute limit is a token bucket whose tokens come back one by one, each 60 s after it was
 * spent (a sliding window), rather than a bucket refilled at a steady rate: a steadily refilled
 * bucket of N lets up to 2N-1 requests into some 60-s window (a full bucket, then the refill), and
 * the public API counts requests per minute, so a request is allowed only while fewer than N were
 * sent in the 60 s before it.
 */
import type { Clock } from './clock';
import { VirusTotalError } from './errors';

export const WINDOW_MS = 60_000;
const DAY_MS = 86_400_000;

export interface QuotaState {
  /** Send times (ms) of the last requests, oldest first; at most `perMinute` entries matter. */
  recent: number[];
  /** UTC day (YYYY-MM-DD) that `usedToday` counts. */
  day: string;
  usedToday: number;
  /** After a 429: nothing is sent before this time (ms). */
  pausedUntil?: number;
}

export interface QuotaStore {
  read(): QuotaState | undefined;
  write(state: QuotaState): void | Promise<void>;
}

export interface Limits {
  perMinute: number;
  perDay: number;
  /** The window `perMinute` counts over; 60 s except in short real-time tests. */
  windowMs?: number;
}

export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
/** 00:00 UTC after `ms`. */
export const nextUtcMidnight = (ms: number): number => Math.floor(ms / DAY_MS) * DAY_MS + DAY_MS;

function validState(x: QuotaState | undefined): QuotaState | undefined {
  if (!x || !Array.isArray(x.recent) || typeof x.day !== 'string' || typeof x.usedToday !== 'number') return undefined;
  return { recent: x.recent.filter((t) => typeof t === 'number' && Number.isFinite(t)), day: x.day, usedToday: x.usedToday, ...(typeof x.pausedUntil === 'number' ? { pausedUntil: x.pausedUntil } : {}) };
}

export class RateLimiter {
  private state: QuotaState;

  constructor(private readonly store: QuotaStore, private readonly clock: Clock, private limits: Limits) {
    this.state = validState(store.read()) ?? { recent: [], day: utcDay(clock.now()), usedToday: 0 };
  }

  setLimits(limits: Limits): void {
    this.limits = limits;
  }

  private rollDay(now: number): void {
    const today = utcDay(now);
    if (this.state.day !== today) this.state = { ...this.state, day: today, usedToday: 0 };
  }

  /** Requests still allowed today by the configured quota. */
  remainingToday(): number {
    this.rollDay(this.clock.now());
    return Math.max(0, this.limits.perDay - this.state.usedToday);
  }

  /** Milliseconds until the next request may go, or undefined when today's quota is spent. */
  waitMs(): number | undefined {
    const now = this.clock.now();
    if (this.remainingToday() === 0) return undefined;
    const n = Math.max(1, this.limits.perMinute);
    const windowMs = this.limits.windowMs ?? WINDOW_MS;
    const inWindow = this.state.recent.filter((t) => t > now - windowMs);
    let wait = inWindow.length < n ? 0 : inWindow[inWindow.length - n]! + windowMs - now;
    if (this.state.pausedUntil !== undefined) wait = Math.max(wait, this.state.pausedUntil - now);
    return Math.max(0, wait);
  }

  /**
   * Waits for a slot and spends it; throws `daily-quota` when today's quota is used up. Call the
   * returned function when the reply has come: the slot is then dated from the reply, not from the
   * send, because the server counts arrivals and a slow first request can arrive late enough to
   * share a window with later ones.
   */
  async acquire(signal?: AbortSignal): Promise<() => Promise<void>> {
    for (;;) {
      const wait = this.waitMs();
      if (wait === undefined) {
        const resets = nextUtcMidnight(this.clock.now());
        throw new VirusTotalError('daily-quota', `The daily quota of ${this.limits.perDay} VirusTotal requests is used up; it resets at 00:00 UTC (${new Date(resets).toISOString().slice(0, 16).replace('T', ' ')} UTC).`);
      }
      if (wait === 0) break;
      await this.clock.sleep(wait, signal);
    }
    const sentAt = this.clock.now();
    const windowMs = this.limits.windowMs ?? WINDOW_MS;
    const keep = Math.max(1, this.limits.perMinute);
    this.state = {
      recent: [...this.state.recent.filter((t) => t > sentAt - windowMs), sentAt].slice(-keep),
      day: this.state.day,
      usedToday: this.state.usedToday + 1,
      ...(this.state.pausedUntil !== undefined && this.state.pausedUntil > sentAt ? { pausedUntil: this.state.pausedUntil } : {}),
    };
    await this.store.write(this.state);
    return async () => {
      const i = this.state.recent.lastIndexOf(sentAt);
      if (i < 0) return;
      const recent = [...this.state.recent];
      recent[i] = Math.max(sentAt, this.clock.now());
      this.state = { ...this.state, recent: recent.sort((a, b) => a - b) };
      await this.store.write(this.state);
    };
  }

  /** A 429: nothing goes out for `ms`, across restarts too. */
  async pause(ms: number): Promise<void> {
    this.state = { ...this.state, pausedUntil: this.clock.now() + ms };
    await this.store.write(this.state);
  }

  /** VirusTotal says the daily quota is spent (a 429 while our counter disagrees): believe it until midnight. */
  async exhaustToday(): Promise<void> {
    this.rollDay(this.clock.now());
    this.state = { ...this.state, usedToday: Math.max(this.state.usedToday, this.limits.perDay) };
    await this.store.write(this.state);
  }

  /** Estimated ms to send `requests` more at the current rate, counting the slots already spent. */
  estimateMs(requests: number): number {
    if (requests <= 0) return 0;
    const n = Math.max(1, this.limits.perMinute);
    const first = this.waitMs() ?? 0;
    return first + Math.floor((requests - 1) / n) * (this.limits.windowMs ?? WINDOW_MS);
  }
}
