/** One signal for "cancelled or out of time", and errors that say which it was. */
import { TransportError } from './errors';

/** `signal` plus a deadline; the deadline's reason is a TimeoutError. */
export function withDeadline(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

export function abortError(signal: AbortSignal, doing: string): TransportError {
  const reason = signal.reason as { name?: string } | undefined;
  return reason?.name === 'TimeoutError'
    ? new TransportError('timeout', `${doing} timed out.`)
    : new TransportError('cancelled', 'The request was cancelled.');
}

/** Calls `fn` once when `signal` aborts; returns the unsubscribe. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  signal.addEventListener('abort', fn, { once: true });
  return () => signal.removeEventListener('abort', fn);
}
