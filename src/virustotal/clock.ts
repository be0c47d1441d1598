/** Time as the limiter, cache and retries see it; injected so unit tests run on a fake clock. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects at once when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function cancelled(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal?.aborted) { reject(cancelled()); return; }
    const done = (): void => { signal?.removeEventListener('abort', abort); resolve(); };
    const timer = setTimeout(done, Math.max(0, ms));
    const abort = (): void => { clearTimeout(timer); reject(cancelled()); };
    signal?.addEventListener('abort', abort, { once: true });
  }),
};

export const isAbortError = (e: unknown): boolean => e instanceof Error && e.name === 'AbortError';
