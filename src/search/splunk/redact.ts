/**
 * Redaction for everything the Splunk client logs or reports. Secrets (passwords, tokens, session keys)
 * must never reach a log line, an error message or a stack. Patterns cover the usual carriers; a
 * `Redactor` can also be told the exact secrets in play so they are removed wherever they appear.
 */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  debug(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

const MASK = '[REDACTED]';

const PATTERNS: [RegExp, string][] = [
  // Authorization/Cookie headers, whole value to end of line or quote
  [/\b(authorization|proxy-authorization|cookie|set-cookie)(["']?\s*[:=]\s*["']?)[^"'\r\n]*/gi, `$1$2${MASK}`],
  // scheme + credential
  [/\b(Bearer|Splunk|Basic)\s+[A-Za-z0-9._~+/=-]{6,}/g, `$1 ${MASK}`],
  // key=value / "key": "value" forms
  [/\b(session_?key|password|passwd|pwd|token|access_token|auth_token|secret|api_?key)(["']?\s*[:=]\s*["']?)[^"'&\s,;}]+/gi, `$1$2${MASK}`],
  // splunkd session cookie
  [/\b(splunkd_\d+)=[^;\s"']+/g, `$1=${MASK}`],
  // JWTs anywhere
  [/\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g, MASK],
];

/** Removes credential-shaped text: Bearer/Splunk/Basic values, sessionKey=, password=, Authorization/Cookie headers, JWTs. */
export function redact(text: string): string {
  let out = text;
  for (const [re, replacement] of PATTERNS) out = out.replace(re, replacement);
  return out;
}

/** Redacts by pattern and also every known secret verbatim (and URL-encoded). */
export class Redactor {
  private readonly secrets = new Set<string>();

  add(secret: string | undefined): void {
    // Very short strings would shred ordinary text; patterns still cover them in their usual places.
    if (secret && secret.length >= 4) { this.secrets.add(secret); this.secrets.add(encodeURIComponent(secret)); }
  }

  apply(text: string): string {
    let out = text;
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join(MASK);
    return redact(out);
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
