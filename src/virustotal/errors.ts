/**
 * Why a VirusTotal lookup stopped or a hash got no answer. Messages are built here from the status and
 * our own words only: never from request headers (the key is one) or a raw transport error object.
 */
export type VirusTotalErrorKind =
  /** 401/403: the key is wrong, revoked, or not allowed this endpoint; the caller asks for it again. */
  | 'key-rejected'
  /** Our own daily counter reached the configured quota; nothing is sent until 00:00 UTC. */
  | 'daily-quota'
  /** The reply was not the JSON shape VirusTotal documents. */
  | 'malformed'
  /** 5xx or a network failure, still failing after the retries. */
  | 'unavailable'
  /** A transport failure that retrying cannot fix (TLS, proxy, the verified connection replaced). */
  | 'transport'
  /** Any other HTTP status. */
  | 'http'
  | 'cancelled';

export class VirusTotalError extends Error {
  override readonly name = 'VirusTotalError';
  constructor(readonly kind: VirusTotalErrorKind, message: string, readonly status?: number) {
    super(message);
  }
}

export const isVirusTotalError = (e: unknown): e is VirusTotalError => e instanceof VirusTotalError;
