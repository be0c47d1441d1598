/**
 * Which proxy, if any, a request to a target goes through: VS Code's `http.proxy`, `http.noProxy`,
 * `http.proxyAuthorization`, `http.proxyStrictSSL` and `http.proxySupport`, then the HTTPS_PROXY /
 * HTTP_PROXY / NO_PROXY environment, as VS Code itself reads them. The caller passes the values in;
 * nothing here reads settings or the environment on its own.
 */
import net from 'node:net';
import { TransportError } from './errors';

export interface ProxySettings {
  /** `http.proxySupport`: 'off' means extensions connect directly. */
  support: 'override' | 'fallback' | 'on' | 'off';
  /** `http.proxy`; empty for none. */
  proxy: string;
  /** `http.noProxy` entries. */
  noProxy: readonly string[];
  /** `http.proxyAuthorization`: the whole Proxy-Authorization header value. */
  proxyAuthorization?: string | undefined;
  /** `http.proxyStrictSSL`: verify an https:// proxy's own certificate. Never affects the target's. */
  strictSSL: boolean;
  /** The environment to read HTTPS_PROXY, HTTP_PROXY and NO_PROXY from. */
  env: Readonly<Record<string, string | undefined>>;
}

export interface ProxyRoute {
  /** `http://host:port` or `https://host:port`, without credentials. */
  url: URL;
  /** Proxy-Authorization header value, when there is one. */
  authorization: string | undefined;
  strictSSL: boolean;
}

const envOf = (env: ProxySettings['env'], name: string): string | undefined =>
  (env[name.toLowerCase()] ?? env[name.toUpperCase()] ?? '').trim() || undefined;

/** Host without IPv6 brackets, lower case. */
export const bareHost = (hostname: string): string => hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** `host:port` as a CONNECT target or Host header wants it (IPv6 literals in brackets). */
export function hostPort(host: string, port: number): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

export const defaultPort = (u: URL): number => Number(u.port || (u.protocol === 'https:' ? 443 : 80));

/** One NO_PROXY / http.noProxy entry: `*`, `host`, `.domain`, `*.domain`, any of them with `:port`. */
function matchesNoProxy(entry: string, host: string, port: number): boolean {
  let e = entry.trim().toLowerCase();
  if (!e) return false;
  if (e === '*') return true;
  let entryPort: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(e);
  if (bracketed) {
    e = bracketed[1]!;
    entryPort = bracketed[2] ? Number(bracketed[2]) : undefined;
  } else if (!net.isIPv6(e)) {
    const m = /^(.*):(\d+)$/.exec(e);
    if (m) { e = m[1]!; entryPort = Number(m[2]); }
  }
  if (entryPort !== undefined && entryPort !== port) return false;
  if (e.startsWith('*.')) e = e.slice(1);
  if (e.startsWith('.')) return host === e.slice(1) || host.endsWith(e);
  return host === e || host.endsWith(`.${e}`);
}

/** The proxy for `target`, or undefined for a direct connection. */
export function proxyFor(target: URL, settings: ProxySettings | undefined): ProxyRoute | undefined {
  if (!settings || settings.support === 'off') return undefined;
  const https = target.protocol === 'https:';
  const configured = settings.proxy.trim()
    || (https ? envOf(settings.env, 'https_proxy') : undefined)
    || envOf(settings.env, 'http_proxy');
  if (!configured) return undefined;
  const host = bareHost(target.hostname);
  const port = defaultPort(target);
  const exempt = [...settings.noProxy, ...(envOf(settings.env, 'no_proxy') ?? '').split(',')];
  if (exempt.some((e) => matchesNoProxy(e, host, port))) return undefined;
  return parseProxyUrl(configured, settings);
}

function parseProxyUrl(text: string, settings: ProxySettings): ProxyRoute {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new TransportError('proxy-failed', `The proxy setting "${text.slice(0, 200)}" is not a URL (expected http://host:port).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TransportError('proxy-failed', `Proxies of type ${url.protocol.replace(/:$/, '')} are not supported; use an http:// or https:// proxy, or connect directly.`);
  }
  let authorization = settings.proxyAuthorization?.trim() || undefined;
  if (!authorization && (url.username || url.password)) {
    authorization = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  }
  const clean = new URL(`${url.protocol}//${url.host}`);
  return { url: clean, authorization, strictSSL: settings.strictSSL };
}
