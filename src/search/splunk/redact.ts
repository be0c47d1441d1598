/**
 * Redaction for everything the Splunk client logs or reports. A `Redactor` is told the secrets in play
 * (the password or token of a connection, and each session key once a login returns one) and removes
 * exactly those, in the forms they travel in. It guesses at nothing: a pattern for "credential-shaped"
 * text also rewrote the extension's own words ("Splunk server error 500") and the user's query text,
 * while missing a session key echoed without a `sessionKey=` in front of it.
 */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

export const MASK = '[REDACTED]';

/** The same secret as it appears in a URL, a form body (`+` for space) or a JSON string. */
function encodedForms(secret: string): string[] {
  return [secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2), JSON.stringify(secret).slice(1, -1)];
}

export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short strings would shred ordinary text; nobody's password or session key is that short.
    if (!secret || secret.length < 4) return;
    for (const form of encodedForms(secret)) this.secrets.add(form);
  }

  apply(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is removed whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) if (out.includes(s)) out = out.split(s).join(MASK);
    return out;
  }
}

/** A logger that redacts every line before handing it on. */
export function redactingLogger(inner: Logger, redactor: Redactor = new Redactor()): Logger {
  return {
    info: (m) => inner.info(redactor.apply(m)),
    warn: (m) => inner.warn(redactor.apply(m)),
    error: (m) => inner.error(redactor.apply(m)),
    debug: (m) => inner.debug(redactor.apply(m)),
  };
}
