/**
 * Connection profiles as the user writes them in settings, checked before anything is sent anywhere.
 * Secrets are never part of a profile: they live in SecretStorage under `secretKey(profile)`.
 */

import { normaliseFingerprint as formatFingerprint } from '../splunk/verifying-http';
import { parseWebUrl } from './webUrl';

export type TlsMode = 'system' | 'caBundle' | 'fingerprint' | 'insecure';
export type AuthKind = 'token' | 'password';

export interface ConnectionProfile {
  id: string;
  label: string;
  /** Management URL, e.g. https://splunk.example.com:8089 */
  url: string;
  auth: AuthKind;
  username?: string;
  tls: TlsMode;
  caBundlePath?: string;
  /** SHA-256 of the server's leaf certificate, upper-case hex with colons. */
  fingerprint?: string;
  app?: string;
  owner?: string;
  /** 'direct' ignores VS Code's proxy settings for this server; absent means use them. */
  proxy?: 'direct';
  /** Splunk Web, for "Open in Splunk Web"; absent: the management host on port 8000. */
  webUrl?: string;
}

export class ProfileError extends Error {}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** True for a URL hostname that names this machine. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname.toLowerCase());
}

/** `https://Host:8089/path` -> `https://host:8089`; the key secrets are stored under. */
export function originOf(url: string): string {
  const u = new URL(url);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
}

/** `AA:BB:…` form of a SHA-256 fingerprint; throws a user-facing error for anything that is not one. */
export function normaliseFingerprint(text: string): string {
  const fp = formatFingerprint(text);
  if (!/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/.test(fp) || !/^(sha-?256[:=\s]*)?[0-9a-f:\s]+$/i.test(text.trim())) {
    throw new ProfileError('A certificate fingerprint is 64 hexadecimal digits (SHA-256), with or without colons.');
  }
  return fp;
}

/** Checks one raw settings entry; throws ProfileError with a message a user can act on. */
export function parseProfile(raw: unknown): ConnectionProfile {
  if (typeof raw !== 'object' || raw === null) throw new ProfileError('A connection profile must be an object.');
  const r = raw as Record<string, unknown>;
  const str = (k: string): string | undefined => (typeof r[k] === 'string' && (r[k] as string).trim() !== '' ? (r[k] as string).trim() : undefined);
  const id = str('id');
  const label = str('label') ?? id;
  const url = str('url');
  if (!id || !label) throw new ProfileError('A connection profile needs an "id" and a "label".');
  if (!url) throw new ProfileError(`Connection "${label}" has no URL.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ProfileError(`Connection "${label}": "${url}" is not a URL (expected https://host:8089).`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ProfileError(`Connection "${label}": only https:// (or http:// to this machine) is supported.`);
  }
  // A token sent over plain HTTP can be read by anyone on the path; allow it only to this machine.
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname)) {
    throw new ProfileError(`Connection "${label}": plain http:// is only allowed to localhost. Use https://.`);
  }
  if (parsed.username || parsed.password) {
    throw new ProfileError(`Connection "${label}": put no credentials in the URL; SPL Workbench asks for them and keeps them in SecretStorage.`);
  }
  const auth = r.auth === 'password' ? 'password' : r.auth === 'token' ? 'token' : undefined;
  if (!auth) throw new ProfileError(`Connection "${label}": "auth" must be "token" or "password".`);
  const username = str('username');
  if (auth === 'password' && !username) throw new ProfileError(`Connection "${label}": password sign-in needs a "username".`);
  const tls = (['system', 'caBundle', 'fingerprint', 'insecure'] as const).find((m) => m === r.tls) ?? 'system';
  const profile: ConnectionProfile = { id, label, url: `${parsed.protocol}//${parsed.host}`, auth, tls };
  if (username) profile.username = username;
  if (tls === 'caBundle') {
    const caBundlePath = str('caBundlePath');
    if (!caBundlePath) throw new ProfileError(`Connection "${label}": TLS mode "caBundle" needs "caBundlePath".`);
    profile.caBundlePath = caBundlePath;
  }
  if (tls === 'fingerprint') {
    const fp = str('fingerprint');
    if (!fp) throw new ProfileError(`Connection "${label}": TLS mode "fingerprint" needs "fingerprint".`);
    profile.fingerprint = normaliseFingerprint(fp);
  }
  if (r.proxy === 'direct') profile.proxy = 'direct';
  const app = str('app');
  const owner = str('owner');
  if (app) profile.app = app;
  if (owner) profile.owner = owner;
  const webUrl = str('webUrl');
  if (webUrl) {
    const web = parseWebUrl(webUrl);
    if (!web.ok) throw new ProfileError(`Connection "${label}": ${web.reason}`);
    profile.webUrl = web.url;
  }
  return profile;
}

/** The SecretStorage key: bound to the origin so a secret can only ever go back to the host it was entered for. */
export function secretKey(profile: Pick<ConnectionProfile, 'url' | 'auth' | 'username'>): string {
  const who = profile.auth === 'password' ? `password:${profile.username ?? ''}` : 'token';
  return `splWorkbench:${originOf(profile.url)}:${who}`;
}
