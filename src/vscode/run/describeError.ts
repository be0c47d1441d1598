import { knownSecrets } from '../logger';
import { COMMANDS } from '../commandIds';

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
  const err = (e ?? {}) as { name?: string; message?: string; kind?: string; column?: number; position?: number; fingerprint?: string; fingerprint256?: string; detail?: string; messages?: { type: string; text: string }[] };
  const message = knownSecrets.apply(typeof err.message === 'string' && err.message ? err.message : String(e));
  // Splunk's own FATAL/ERROR texts, when the message does not already say them.
  const splunkTexts = (err.messages ?? []).filter((m) => (m.type === 'FATAL' || m.type === 'ERROR') && !message.includes(m.text)).map((m) => m.text);
  const detailText = typeof err.detail === 'string' ? err.detail : splunkTexts.join(' ');
  const detail = detailText ? knownSecrets.apply(detailText) : undefined;
  const base: UserFacingError = { message, kind: err.kind ?? err.name ?? 'error', actions: [] };
  if (detail) base.detail = detail;
  if (typeof err.column === 'number') base.column = err.column;
  else if (typeof err.position === 'number') base.column = err.position - 1;
  const fingerprint = err.fingerprint ?? err.fingerprint256;
  if (typeof fingerprint === 'string') base.fingerprint = fingerprint;
  const withProfile = (title: string, command: string): ErrorAction => ({ title, command, ...(profileId ? { args: [profileId] } : {}) });
  switch (err.kind) {
    case 'auth-failed':
    case 'token-rejected':
      base.actions.push(withProfile('Sign In', COMMANDS.signIn));
      break;
    case 'tls-untrusted':
    case 'tls-hostname':
    case 'tls-fingerprint-mismatch':
      if (profileId && base.fingerprint) base.actions.push({ title: 'Trust This Certificate…', command: COMMANDS.pinCertificate, args: [profileId, base.fingerprint] });
      base.actions.push(withProfile('Edit Connection', COMMANDS.editConnection));
      break;
    case 'connection-refused':
    case 'dns':
    case 'timeout':
      base.actions.push(withProfile('Edit Connection', COMMANDS.editConnection), { title: 'Use Local Engine', command: COMMANDS.chooseConnection, args: ['local'] });
      break;
    case 'proxy-auth-required':
    case 'proxy-refused':
    case 'proxy-unreachable':
    case 'proxy-failed':
      base.actions.push({ title: 'Proxy Settings', command: 'workbench.action.openSettings', args: ['http.proxy'] }, withProfile('Edit Connection', COMMANDS.editConnection));
      break;
    default:
      break;
  }
  base.actions.push({ title: 'Show Log', command: COMMANDS.showLog });
  return base;
}
