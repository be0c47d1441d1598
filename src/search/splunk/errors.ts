/**
 * One error type for everything that can go wrong talking to Splunk, with a `kind` the UI can act on
 * and a message a person can read. Built fresh from status codes and splunkd's message texts: never
 * from raw client errors, which can carry request headers.
 */
import { socketFailure, TransportError, type TransportErrorKind } from '../../net/errors';
import type { SearchMessage } from '../backend';
import type { Redactor } from './redact';

export type SplunkErrorKind =
  | TransportErrorKind
  | 'auth-failed' | 'token-rejected'
  | 'spl-syntax' | 'job-failed' | 'job-cancelled-elsewhere'
  | 'server-error' | 'bad-response' | 'cancelled';

export interface SplunkErrorDetails {
  status?: number;
  /** SHA-256 (`AA:BB:…`) of the certificate the server presented, for TLS failures. */
  fingerprint256?: string;
  /** 1-based column in the query, when Splunk's text gives one. */
  position?: number;
  /** splunkd's own messages (FATAL/ERROR), for syntax errors and failed jobs. */
  messages?: SearchMessage[];
  sid?: string;
}

export class SplunkError extends Error {
  override readonly name = 'SplunkError';
  readonly status: number | undefined;
  readonly fingerprint256: string | undefined;
  readonly position: number | undefined;
  readonly messages: SearchMessage[];
  readonly sid: string | undefined;

  constructor(readonly kind: SplunkErrorKind, message: string, details: SplunkErrorDetails = {}) {
    super(message);
    this.status = details.status;
    this.fingerprint256 = details.fingerprint256;
    this.position = details.position;
    this.messages = (details.messages ?? []).map((m) => ({ type: m.type, text: m.text }));
    this.sid = details.sid;
  }

  /** The same error with every secret `redactor` knows removed from its texts (server text can echo them). */
  redacted(redactor: Redactor): SplunkError {
    const details: SplunkErrorDetails = { messages: this.messages.map((m) => ({ type: m.type, text: redactor.apply(m.text) })) };
    if (this.status !== undefined) details.status = this.status;
    if (this.fingerprint256 !== undefined) details.fingerprint256 = this.fingerprint256;
    if (this.position !== undefined) details.position = this.position;
    if (this.sid !== undefined) details.sid = this.sid;
    return new SplunkError(this.kind, redactor.apply(this.message), details);
  }
}

export function isSplunkError(e: unknown): e is SplunkError { return e instanceof SplunkError; }

const MESSAGE_TYPES = new Set(['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG']);

/** splunkd's `messages` array from a response body, leniently. */
export function splunkMessages(data: unknown): SearchMessage[] {
  if (!data || typeof data !== 'object') return [];
  const raw = (data as { messages?: unknown }).messages;
  if (!Array.isArray(raw)) return [];
  const out: SearchMessage[] = [];
  for (const m of raw) {
    if (!m || typeof m !== 'object') continue;
    const type = String((m as { type?: unknown }).type ?? 'INFO').toUpperCase();
    const text = (m as { text?: unknown }).text;
    if (typeof text !== 'string') continue;
    out.push({ type: (MESSAGE_TYPES.has(type) ? type : 'INFO') as SearchMessage['type'], text });
  }
  return out;
}

function severe(messages: SearchMessage[]): SearchMessage[] {
  return messages.filter((m) => m.type === 'FATAL' || m.type === 'ERROR');
}

/** Where in the run the failure happened; decides what a 401 or 404 means. */
export type Phase = 'login' | 'create' | 'poll' | 'results' | 'cancel';

export interface ErrorContext {
  phase: Phase;
  authKind: 'token' | 'password';
  origin: string;
  sid?: string;
}

/** A socket failure the SDK passed up as a plain Error: worded once, by the transport. */
function networkError(err: Error & { code?: string }, ctx: ErrorContext): SplunkError {
  return fromTransport(socketFailure(err, ctx.origin));
}

/**
 * Turns whatever the SDK rejected with (its response-shaped object, a string, an Error, or one of
 * our own SplunkErrors passed through the transport) into a SplunkError.
 */
function fromTransport(err: TransportError): SplunkError {
  // Refused by the server itself (a proxy that is down is its own kind): say what to check in Splunk.
  const message = err.kind === 'connection-refused' ? `${err.message} Is splunkd running and is the management port right?` : err.message;
  return new SplunkError(err.kind, message, err.fingerprint256 ? { fingerprint256: err.fingerprint256 } : {});
}

export function toSplunkError(err: unknown, ctx: ErrorContext): SplunkError {
  if (err instanceof SplunkError) return err;
  if (err instanceof TransportError) return fromTransport(err);
  if (typeof err === 'string') return new SplunkError('server-error', `Unexpected reply from ${ctx.origin}: ${err}.`);
  if (err instanceof Error) return networkError(err, ctx);
  if (!err || typeof err !== 'object') return new SplunkError('server-error', `Unexpected failure talking to ${ctx.origin}.`);
  const e = err as { status?: unknown; data?: unknown; error?: unknown };
  if (e.error instanceof SplunkError) return e.error;
  if (e.error instanceof TransportError) return fromTransport(e.error);
  if (e.status === 'abort') return new SplunkError('timeout', `${ctx.origin} did not answer in time.`);
  const status = typeof e.status === 'number' ? e.status : NaN;
  if (status === 600 || Number.isNaN(status)) {
    if (e.error instanceof Error) return networkError(e.error, ctx);
    return new SplunkError('connection-dropped', `Network error talking to ${ctx.origin}.`);
  }
  const messages = splunkMessages(e.data);
  const texts = severe(messages).map((m) => m.text);
  const detail = (texts.length ? texts : messages.map((m) => m.text)).join(' ');
  if (status === 401) {
    if (ctx.authKind === 'token') {
      return new SplunkError('token-rejected', `Splunk rejected the token (expired, revoked, or token authentication is disabled). Set a new token for ${ctx.origin}.`, { status });
    }
    return new SplunkError('auth-failed', `Splunk login failed for ${ctx.origin}: wrong user name or password.`, { status });
  }
  if (status === 400 && (ctx.phase === 'create')) {
    const text = texts[0] ?? detail ?? 'Splunk refused the search.';
    const pos = /(?:position|column|char(?:acter)?)\s+(\d+)/i.exec(text);
    return new SplunkError('spl-syntax', text || 'Splunk refused the search.', {
      status, messages: severe(messages), ...(pos ? { position: Number(pos[1]) } : {}),
    });
  }
  if (status === 404 && (ctx.phase === 'poll' || ctx.phase === 'results') && ctx.sid) {
    return new SplunkError('job-cancelled-elsewhere', `The search job ${ctx.sid} no longer exists on the server: it was cancelled or deleted elsewhere, or it expired.`, { status, sid: ctx.sid });
  }
  if (status >= 500) {
    return new SplunkError('server-error', `Splunk server error ${status}${detail ? `: ${detail}` : ''}.`, { status, messages });
  }
  if (status >= 300 && status < 400) {
    return new SplunkError('server-error', `Splunk answered with a redirect (${status}); redirects are not followed.`, { status });
  }
  return new SplunkError('server-error', `Splunk answered ${status}${detail ? `: ${detail}` : ''}.`, { status, messages });
}
