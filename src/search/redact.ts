/**
 * Removes credentials from any text before it is logged, shown, or sent to a webview.
 * Patterns cover what splunkd and splunk-sdk put in requests, errors and URLs.
 */
const PATTERNS: [RegExp, string][] = [
  [/\b(Authorization\s*[:=]\s*)(Bearer|Splunk|Basic)\s+[^\s,;"']+/gi, '$1$2 [redacted]'],
  [/\b(Bearer|Splunk|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/g, '$1 [redacted]'],
  [/\b(sessionKey|session_key|password|passwd|token|access_token|secret)(["']?\s*[:=]\s*["']?)[^\s&,;"'}]+/gi, '$1$2[redacted]'],
  [/\b(splunkd_\d+\s*=\s*)[^\s;,"']+/gi, '$1[redacted]'],
  [/\b(Cookie\s*[:=]\s*)[^\r\n]+/gi, '$1[redacted]'],
  // JWTs wherever they appear.
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[redacted-jwt]'],
  // user:password@ in URLs.
  [/(\/\/)[^/@\s:]+:[^/@\s]+@/g, '$1[redacted]@'],
];

const known = new Set<string>();

/** Registers a secret value so it is scrubbed wherever it appears, whatever its shape. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) known.add(value);
}

export function forgetSecret(value: string | undefined): void {
  if (value) known.delete(value);
}

export function redact(text: string): string {
  let out = text;
  for (const secret of known) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
