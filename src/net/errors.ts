/**
 * Failures below HTTP: connecting, proxies, TLS verification. Each has a `kind` the UI can act on
 * and a message that names the cause; backends turn them into their own error type unchanged.
 */
export type TransportErrorKind =
  | 'tls-untrusted' | 'tls-hostname' | 'tls-fingerprint-mismatch'
  | 'transport-bypassed'
  | 'proxy-auth-required' | 'proxy-refused' | 'proxy-unreachable' | 'proxy-failed'
  | 'connection-refused' | 'dns' | 'timeout' | 'connection-dropped'
  | 'response-too-large' | 'cancelled';

export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    /** SHA-256 (`AA:BB:…`) of the certificate presented, for TLS failures. */
    readonly fingerprint256?: string,
  ) {
    super(message);
  }
}

export const isTransportError = (e: unknown): e is TransportError => e instanceof TransportError;

/** A socket-level failure (`code` from Node) in words, naming where it happened. */
export function socketFailure(err: Error & { code?: string }, where: string): TransportError {
  switch (err.code) {
    case 'ECONNREFUSED': return new TransportError('connection-refused', `Could not connect to ${where}: connection refused.`);
    case 'ENOTFOUND': case 'EAI_AGAIN': return new TransportError('dns', `Could not resolve the host of ${where}.`);
    case 'ETIMEDOUT': case 'ESOCKETTIMEDOUT': return new TransportError('timeout', `Connecting to ${where} timed out.`);
    case 'ECONNRESET': case 'EPIPE': case 'ERR_STREAM_PREMATURE_CLOSE':
      return new TransportError('connection-dropped', `The connection to ${where} was dropped.`);
    default: return new TransportError('connection-dropped', `Network error talking to ${where}${err.code ? ` (${err.code})` : ''}.`);
  }
}
