/**
 * Whether to honour the connection `npm run demo` hands to the VS Code it starts. The environment alone is
 * not enough: it outlives the launch (window reloads, terminals, a `code` started from one), so the demo
 * also writes a one-time ticket file holding a random nonce, and the extension consumes it on first use.
 * What is honoured lives only in memory: no saved profile, no stored secret, no setting is written.
 */
import { timingSafeEqual } from 'node:crypto';
import { type ConnectionProfile, isLoopbackHost, parseProfile } from './profile';

export const DEMO_CONNECTION_ENV = 'SPL_WORKBENCH_DEMO_CONNECTION';

/** What the demo puts in `SPL_WORKBENCH_DEMO_CONNECTION`, as JSON. */
export interface DemoConnectionSpec {
  url: string;
  username?: string;
  password?: string;
  token?: string;
  fingerprint?: string;
  /** Absolute path of the ticket file; it holds `nonce` and is deleted once read. */
  ticket: string;
  nonce: string;
}

export type DemoDecision =
  | { kind: 'none' }
  | { kind: 'refused'; reason: string }
  | { kind: 'accepted'; profile: ConnectionProfile; secret: string };

const NONCE = /^[0-9a-f]{32,}$/;

function sameNonce(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The spec's ticket path, when there is one to consume; undefined for anything that is not a demo launch. */
export function demoTicketPath(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const ticket = (JSON.parse(raw) as { ticket?: unknown }).ticket;
    return typeof ticket === 'string' && ticket ? ticket : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `raw` is the environment value, `ticket` the ticket file's content (undefined when there was no file,
 * because it was consumed already or never written). No environment value is no demo at all.
 */
export function decideDemoConnection(raw: string | undefined, ticket: string | undefined): DemoDecision {
  if (!raw) return { kind: 'none' };
  let spec: Partial<DemoConnectionSpec>;
  try {
    spec = JSON.parse(raw) as Partial<DemoConnectionSpec>;
  } catch {
    return { kind: 'refused', reason: 'it is not JSON' };
  }
  if (typeof spec.nonce !== 'string' || !NONCE.test(spec.nonce)) return { kind: 'refused', reason: 'it carries no launch nonce' };
  if (ticket === undefined) return { kind: 'refused', reason: 'its one-time ticket is gone (already used, or this VS Code was not started by the demo)' };
  if (!sameNonce(ticket.trim(), spec.nonce)) return { kind: 'refused', reason: 'its ticket does not match' };
  let host: string;
  try {
    host = new URL(String(spec.url)).hostname;
  } catch {
    return { kind: 'refused', reason: 'its URL is not a URL' };
  }
  if (!isLoopbackHost(host)) return { kind: 'refused', reason: 'the demo connection must point at this machine' };
  const secret = spec.token ?? spec.password;
  if (typeof secret !== 'string' || !secret) return { kind: 'refused', reason: 'no credential given' };
  try {
    const profile = parseProfile({
      id: 'demo',
      label: 'Demo server (local)',
      url: spec.url,
      auth: spec.token ? 'token' : 'password',
      username: spec.username,
      tls: spec.fingerprint ? 'fingerprint' : 'system',
      fingerprint: spec.fingerprint,
    });
    return { kind: 'accepted', profile, secret };
  } catch (e) {
    return { kind: 'refused', reason: (e as Error).message };
  }
}
