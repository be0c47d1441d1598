/**
 * Search jobs: a state machine (QUEUED → PARSING → RUNNING → (PAUSED) → FINALIZING → DONE, or FAILED)
 * driven by the engine in the background. Rows accumulate as the engine yields them, so
 * results_preview can serve them while the job runs.
 */
import { execute, type EventSource, type RunStats, type SplEvent } from './engine-port';
import type { FaultSettings } from './faults';

export type DispatchState = 'QUEUED' | 'PARSING' | 'RUNNING' | 'PAUSED' | 'FINALIZING' | 'FAILED' | 'DONE';
export interface JobMessage { type: 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG'; text: string }

export interface JobTiming {
  /** Time spent in QUEUED, then in PARSING, before the engine starts (ms). */
  queuedMs: number;
  parsingMs: number;
}

export interface JobRequest {
  sid: string;
  search: string;
  owner: string;
  app: string;
  earliestTime?: string;
  latestTime?: string;
  params: Record<string, string | string[]>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Job {
  state: DispatchState = 'QUEUED';
  readonly rows: SplEvent[] = [];
  fields: string[] = [];
  scanCount = 0;
  /** Events that passed the leading search (Splunk's eventCount). */
  eventCount = 0;
  doneProgress = 0;
  messages: JobMessage[] = [];
  isFinalized = false;
  ttl = 600;
  priority = 5;
  previewEnabled = false;
  readonly createdAt = Date.now();
  /** Last time a client asked about the job; a finished job expires `ttl` seconds after it. */
  lastAccess = Date.now();
  private startedAt = 0;
  private finishedAt = 0;
  private readonly abort = new AbortController();
  private finalizeRequested = false;
  private pausedGate: { promise: Promise<void>; release: () => void } | undefined;
  private readonly fieldSet = new Set<string>();
  /** Settles when the job reaches DONE or FAILED (or is cancelled). */
  readonly finished: Promise<void>;

  constructor(readonly request: JobRequest, source: EventSource, timing: JobTiming, faults: Readonly<FaultSettings>, now: () => number) {
    this.finished = this.run(source, timing, { ...faults }, now).catch(() => undefined);
  }

  get sid(): string { return this.request.sid; }
  get isDone(): boolean { return this.state === 'DONE' || this.state === 'FAILED'; }
  get isFailed(): boolean { return this.state === 'FAILED'; }
  get isPaused(): boolean { return this.state === 'PAUSED'; }
  get isRunning(): boolean { return !this.isDone && !this.abort.signal.aborted; }
  get runDuration(): number {
    if (!this.startedAt) return 0;
    return ((this.finishedAt || Date.now()) - this.startedAt) / 1000;
  }

  cancel(): void { this.abort.abort(); this.pausedGate?.release(); }
  finalize(): void {
    this.finalizeRequested = true;
    this.pausedGate?.release();
  }
  pause(): void {
    if (this.isDone || this.pausedGate) return;
    let release!: () => void;
    const promise = new Promise<void>((r) => { release = r; });
    this.pausedGate = { promise, release: () => { this.pausedGate = undefined; release(); } };
    if (this.state === 'RUNNING') this.state = 'PAUSED';
  }
  unpause(): void {
    if (!this.pausedGate) return;
    this.pausedGate.release();
    if (this.state === 'PAUSED') this.state = 'RUNNING';
  }

  private async waitWhilePaused(): Promise<void> {
    while (this.pausedGate && !this.abort.signal.aborted && !this.finalizeRequested) {
      this.state = 'PAUSED';
      await this.pausedGate.promise;
    }
    if (this.state === 'PAUSED') this.state = 'RUNNING';
  }

  private addBatch(fields: string[], rows: SplEvent[]): void {
    for (const f of fields) if (!this.fieldSet.has(f)) { this.fieldSet.add(f); this.fields.push(f); }
    // push one by one: spreading 50,000 rows into push() can overflow the argument stack
    for (const row of rows) this.rows.push(row);
  }

  private async run(source: EventSource, timing: JobTiming, faults: FaultSettings, now: () => number): Promise<void> {
    const signal = this.abort.signal;
    if (faults.pauseJobs) this.pause();
    if (timing.queuedMs) await sleep(timing.queuedMs);
    this.state = 'PARSING';
    if (timing.parsingMs) await sleep(timing.parsingMs);
    if (signal.aborted) return;
    this.state = 'RUNNING';
    this.startedAt = Date.now();
    const slowUntil = faults.slowJobMs ? this.startedAt + faults.slowJobMs : 0;
    try {
      await this.waitWhilePaused();
      if (faults.failJobs) {
        await sleep(20);
        throw new Error(faults.failJobs);
      }
      const options = {
        signal,
        now: now(),
        // a heartbeat keeps progress and previews moving through long blocking commands (stats, sort)
        heartbeatMs: 200,
        onStats: (s: RunStats) => {
          this.scanCount = s.scanned;
          this.eventCount = s.matched;
          if (!slowUntil && s.progress !== undefined) this.doneProgress = Math.min(0.99, s.progress);
        },
        ...(this.request.earliestTime !== undefined ? { earliestTime: this.request.earliestTime } : {}),
        ...(this.request.latestTime !== undefined ? { latestTime: this.request.latestTime } : {}),
      };
      for await (const batch of execute(this.request.search, source, options)) {
        this.addBatch(batch.fields, batch.rows);
        if (slowUntil) this.doneProgress = Math.min(0.95, (Date.now() - this.startedAt) / faults.slowJobMs);
        await this.waitWhilePaused();
        if (this.finalizeRequested || signal.aborted) break;
      }
      while (slowUntil && Date.now() < slowUntil && !this.finalizeRequested && !signal.aborted) {
        this.doneProgress = Math.min(0.95, (Date.now() - this.startedAt) / faults.slowJobMs);
        await sleep(Math.min(50, slowUntil - Date.now()));
        await this.waitWhilePaused();
      }
      if (signal.aborted) return;
      this.state = 'FINALIZING';
      if (this.finalizeRequested) this.isFinalized = true;
      this.doneProgress = 1;
      this.finishedAt = Date.now();
      this.state = 'DONE';
    } catch (err) {
      if (signal.aborted) return;
      const text = err instanceof Error ? err.message : String(err);
      this.messages.push({ type: 'FATAL', text });
      this.finishedAt = Date.now();
      this.doneProgress = 1;
      this.state = 'FAILED';
    }
  }
}

export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private counter = 0;

  nextSid(): string { return `${Math.floor(Date.now() / 1000)}.${++this.counter}`; }
  add(job: Job): void { this.jobs.set(job.sid, job); }
  get(sid: string): Job | undefined { return this.jobs.get(sid); }
  has(sid: string): boolean { return this.jobs.has(sid); }
  remove(sid: string): boolean {
    const job = this.jobs.get(sid);
    if (!job) return false;
    job.cancel();
    this.jobs.delete(sid);
    return true;
  }
  all(): Job[] { return [...this.jobs.values()]; }
  /** Removes finished jobs nobody has touched for their ttl, as splunkd's dispatch reaper does. */
  reap(now = Date.now()): string[] {
    const expired = this.all().filter((j) => j.isDone && now - j.lastAccess > j.ttl * 1000).map((j) => j.sid);
    for (const sid of expired) this.remove(sid);
    return expired;
  }
  runningSids(): string[] { return this.all().filter((j) => j.isRunning).map((j) => j.sid); }
  clear(): void { for (const sid of [...this.jobs.keys()]) this.remove(sid); }
}
