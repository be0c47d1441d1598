/**
 * Splunk Web's address for a connection: the profile's `webUrl`, else the management URL's host on
 * Splunk Web's default port 8000 with the same scheme (https stays https).
 */

export const SPLUNK_WEB_PORT = 8000;

export function defaultWebUrl(managementUrl: string): string {
  const u = new URL(managementUrl);
  // URL keeps an IPv6 literal's brackets in hostname.
  return `${u.protocol}//${u.hostname}:${SPLUNK_WEB_PORT}`;
}

/**
 * Checks a `webUrl` from settings: http(s), no credentials, no query. Returns it without a trailing
 * slash, or the reason it is refused.
 */
export function parseWebUrl(text: string): { ok: true; url: string } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, reason: `webUrl "${text}" is not a URL (expected https://host:8000).` };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { ok: false, reason: 'webUrl must be https:// (or http://).' };
  if (u.username || u.password) return { ok: false, reason: 'put no credentials in webUrl.' };
  if (u.search || u.hash) return { ok: false, reason: 'webUrl takes no query or fragment.' };
  return { ok: true, url: `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}` };
}

/** The job in Splunk Web's search page (which also opens its Job Inspector). */
export function jobWebUrl(webUrl: string, sid: string, app = 'search'): string {
  return `${webUrl.replace(/\/+$/, '')}/app/${encodeURIComponent(app)}/search?sid=${encodeURIComponent(sid)}`;
}
