import { redact } from '../../search/redact';

export interface ErrorAction {
  title: string;
  command: string;
  args?: unknown[];
}

export interface UserFacingError {
  /** What went wrong, in one sentence a user can act on. Never contains a secret. */
  message: string;
  /** Splunk's own text, the position, the certificate fingerprint… */
  detail?: string;
  kind: string;
  /** For TLS errors: the SHA-256 fingerprint the server presented. */
  fingerprint?: string;
  /** 0-based column in the query when the error points at one. */
  column?: number;
  actions: ErrorAction[];
}

/** Turns whatever a backend threw into a message for people; unknown shapes keep only their text. */
export function describeError(e: unknown, profileId?: string): UserFacingError {
  const err = (e ?? {}) as { name?: string; message?: string; kind?: string; column?: number; fingerprint?: string; detail?: string };
  const message = redact(typeof err.message === 'string' && err.message ? err.message : String(e));
  const detail = typeof err.detail === 'string' ? redact(err.detail) : undefined;
  const base: UserFacingError = { message, kind: err.kind ?? err.name ?? 'error', actions: [] };
  if (detail) base.detail = detail;
  if (typeof err.column === 'number') base.column = err.column;
  if (typeof err.fingerprint === 'string') base.fingerprint = err.fingerprint;
  const withProfile = (title: string, command: string): ErrorAction => ({ title, command, ...(profileId ? { args: [profileId] } : {}) });
  switch (err.kind) {
    case 'auth-failed':
    case 'token-rejected':
      base.actions.push(withProfile('Sign In', 'splWorkbench.signIn'));
      break;
    case 'tls-untrusted':
    case 'tls-hostname':
    case 'tls-fingerprint-mismatch':
      base.actions.push(withProfile('Edit Connection', 'splWorkbench.editConnection'));
      break;
    case 'connection-refused':
    case 'dns':
    case 'timeout':
      base.actions.push(withProfile('Edit Connection', 'splWorkbench.editConnection'), { title: 'Use Local Engine', command: 'splWorkbench.chooseConnection', args: ['local'] });
      break;
    default:
      break;
  }
  base.actions.push({ title: 'Show Log', command: 'splWorkbench.showLog' });
  return base;
}
