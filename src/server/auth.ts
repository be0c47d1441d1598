/**
 * Credentials the emulator accepts: users (password login → session keys, also HTTP Basic), and
 * bearer tokens. Keys and tokens are compared, never logged.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface AuthOptions {
  users: Record<string, string>;
  tokens: string[];
}

export type Principal = { user: string; via: 'session' | 'token' | 'basic' };

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a); const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class AuthStore {
  private readonly users: Map<string, string>;
  private readonly tokens: Set<string>;
  private readonly sessions = new Map<string, string>();
  /** Every key ever issued, so tests can check none of them leaks into client logs. */
  readonly issued: string[] = [];

  constructor(options: AuthOptions) {
    this.users = new Map(Object.entries(options.users));
    this.tokens = new Set(options.tokens);
  }

  /** Returns a new session key, or undefined for wrong credentials. */
  login(username: string, password: string): string | undefined {
    const expected = this.users.get(username);
    if (expected === undefined || !safeEqual(expected, password)) return undefined;
    const key = randomBytes(24).toString('base64url');
    this.sessions.set(key, username);
    this.issued.push(key);
    return key;
  }

  /** Authenticates from `Authorization` (Splunk/Bearer/Basic) or a `splunkd_*` cookie. */
  authenticate(authorization: string | undefined, cookie: string | undefined): Principal | undefined {
    if (authorization) {
      const m = /^(\w+)\s+(.+)$/.exec(authorization.trim());
      if (m) {
        const scheme = m[1]!.toLowerCase(); const value = m[2]!.trim();
        if (scheme === 'splunk' || scheme === 'bearer') {
          const user = this.sessions.get(value);
          if (user !== undefined) return { user, via: 'session' };
          if (this.tokens.has(value)) return { user: 'token-user', via: 'token' };
        } else if (scheme === 'basic') {
          const decoded = Buffer.from(value, 'base64').toString('utf8');
          const colon = decoded.indexOf(':');
          if (colon > 0) {
            const user = decoded.slice(0, colon);
            const expected = this.users.get(user);
            if (expected !== undefined && safeEqual(expected, decoded.slice(colon + 1))) return { user, via: 'basic' };
          }
        }
      }
    }
    if (cookie) {
      for (const part of cookie.split(';')) {
        const eq = part.indexOf('=');
        if (eq < 0) continue;
        const name = part.slice(0, eq).trim(); const value = part.slice(eq + 1).trim();
        if (!name.startsWith('splunkd_')) continue;
        const user = this.sessions.get(value);
        if (user !== undefined) return { user, via: 'session' };
      }
    }
    return undefined;
  }

  expireSessions(): void { this.sessions.clear(); }
  revokeToken(token: string): void { this.tokens.delete(token); }
  revokeAllTokens(): void { this.tokens.clear(); }
  addToken(token: string): void { this.tokens.add(token); }
  get sessionCount(): number { return this.sessions.size; }
}
