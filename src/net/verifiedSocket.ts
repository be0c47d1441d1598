/**
 * A connection to exactly one origin that this module verified itself, directly or inside a proxy's
 * CONNECT tunnel: TLS is checked per profile (system roots, a CA bundle, or a pinned SHA-256 of the
 * leaf) before the socket is handed out, so nothing is ever written to an unverified peer.
 */
import net from 'node:net';
import tls from 'node:tls';
import { abortError, onAbort } from './abort';
import { socketFailure, TransportError } from './errors';
import { handOver } from './handOver';
import { bareHost, defaultPort, type ProxyRoute } from './proxy';
import { openTunnel } from './tunnel';

export type TlsProfile =
  /** Verify against the system roots (Node's default CA store) and check the host name. */
  | { mode: 'system' }
  /** Verify against these PEM certificates instead of the system roots (optionally as well as them). */
  | { mode: 'caBundle'; caPem: string; includeSystemRoots?: boolean }
  /** Accept exactly the leaf certificate with this SHA-256 fingerprint; nothing else is checked. */
  | { mode: 'fingerprint'; sha256: string }
  /** No verification at all. The caller must show a warning. */
  | { mode: 'insecure' };

/** `AA:BB:…` upper-case form; accepts any case, with or without separators. */
export function normaliseFingerprint(value: string): string {
  const hex = value.replace(/^sha-?256[:=\s]*/i, '').replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{1,2}/g)?.join(':') ?? '';
}

/** Why `socket` must not be used for `origin`, or undefined when it passes `profile`. */
export function verifyPeer(socket: tls.TLSSocket, profile: TlsProfile, origin: string, hostname: string): TransportError | undefined {
  const presented = normaliseFingerprint(socket.getPeerCertificate().fingerprint256 ?? '');
  switch (profile.mode) {
    case 'insecure': return undefined;
    case 'fingerprint': {
      const pinned = normaliseFingerprint(profile.sha256);
      if (pinned && pinned === presented) return undefined;
      return new TransportError('tls-fingerprint-mismatch',
        `The certificate of ${origin} does not match the pinned fingerprint. Presented SHA-256: ${presented}; pinned: ${pinned || '(none)'}.`, presented);
    }
    case 'system':
    case 'caBundle': {
      if (socket.authorized) return undefined;
      const code = String(socket.authorizationError ?? 'unknown');
      const trustSource = profile.mode === 'system' ? 'the system trust store' : 'the configured CA bundle';
      if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /altname|hostname|host name/i.test(code)) {
        return new TransportError('tls-hostname', `The certificate of ${origin} is not valid for host ${hostname}. Certificate SHA-256: ${presented}.`, presented);
      }
      return new TransportError('tls-untrusted',
        `The certificate of ${origin} is not trusted by ${trustSource} (${code}). Certificate SHA-256: ${presented}. Add its CA as a CA bundle, or pin this fingerprint if you have checked it.`,
        presented);
    }
  }
}

function tcp(host: string, port: number, origin: string, signal: AbortSignal): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    const stop = onAbort(signal, () => { socket.destroy(); reject(abortError(signal, `Connecting to ${origin}`)); });
    socket.once('connect', () => { stop(); resolve(handOver(socket)); });
    socket.once('error', (e) => { stop(); reject(socketFailure(e, origin)); });
  });
}

function handshake(target: URL, profile: TlsProfile, signal: AbortSignal, tunnel: net.Socket | undefined): Promise<tls.TLSSocket> {
  const host = bareHost(target.hostname);
  const port = defaultPort(target);
  let ca: string[] | undefined;
  if (profile.mode === 'caBundle') ca = profile.includeSystemRoots ? [...tls.rootCertificates, profile.caPem] : [profile.caPem];
  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      ...(tunnel ? { socket: tunnel } : { host, port }),
      ...(net.isIP(host) ? {} : { servername: host }),
      ...(ca ? { ca } : {}),
      // Verification is decided below, before anything is written, so the presented certificate
      // can be reported; nothing is sent on a connection that fails it.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    const fail = (err: Error): void => { stop(); socket.destroy(); tunnel?.destroy(); reject(err); };
    const stop = onAbort(signal, () => fail(abortError(signal, `Connecting to ${target.origin}`)));
    socket.once('error', (e) => fail(tunnel ? new TransportError('connection-dropped', `The TLS handshake with ${target.origin} through the proxy failed (${(e as { code?: string }).code ?? e.message}).`) : socketFailure(e, target.origin)));
    socket.once('secureConnect', () => {
      const refused = verifyPeer(socket, profile, target.origin, target.hostname);
      if (refused) { fail(refused); return; }
      stop();
      resolve(handOver(socket));
    });
  });
}

/**
 * Opens a socket to `target`'s origin, through `route` when given, verified per `profile` for
 * https. `signal` covers cancel and the connect deadline.
 */
export async function openVerifiedSocket(target: URL, profile: TlsProfile, route: ProxyRoute | undefined, signal: AbortSignal): Promise<net.Socket> {
  if (signal.aborted) throw abortError(signal, `Connecting to ${target.origin}`);
  const host = bareHost(target.hostname);
  const port = defaultPort(target);
  const tunnel = route ? await openTunnel(route, host, port, signal) : undefined;
  if (target.protocol === 'http:') return tunnel ?? tcp(host, port, target.origin, signal);
  return handshake(target, profile, signal, tunnel);
}
