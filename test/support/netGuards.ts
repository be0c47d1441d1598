/**
 * Loopback stand-ins for the network between the extension and a Splunk server, for tests:
 * - a guard in front of a TLS port that lets through only connections that start with a TLS
 *   handshake, and records every other one (a plain request line there means credentials in clear);
 * - a CONNECT-only proxy that tunnels to loopback hosts and records anything that is not CONNECT
 *   (a proxy must never see a request line of ours).
 */
import net from 'node:net';
import { hostPort } from '../../src/net/proxy';

export interface Recorder {
  /** `host:port` of the listener (IPv6 in brackets). */
  address: string;
  port: number;
  /** Connections (or their first bytes) that broke the rule, as printable text. */
  violations: string[];
  /** Connections that followed it. */
  accepted: number;
  close(): Promise<void>;
}

export interface ConnectProxy extends Recorder {
  /** `host:port` targets tunnelled, in order. */
  tunnels: string[];
  /** Proxy-Authorization values received. */
  authorizations: string[];
  /** Switches: require this Proxy-Authorization (407 otherwise); refuse every tunnel with 403. */
  set(options: { requireAuthorization?: string | undefined; refuse?: boolean }): void;
}

const printable = (b: Buffer): string => b.subarray(0, 80).toString('latin1').replace(/[^\x20-\x7e]/g, '.');

function listen(server: net.Server, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve((server.address() as net.AddressInfo).port));
  });
}

function closer(server: net.Server, sockets: Set<net.Socket>): () => Promise<void> {
  return () => new Promise((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
}

function track(sockets: Set<net.Socket>, s: net.Socket): void {
  sockets.add(s);
  s.on('close', () => sockets.delete(s));
  s.on('error', () => s.destroy());
}

/** Splices two sockets together after `first` was already read from `client`. */
function splice(client: net.Socket, upstream: net.Socket, sockets: Set<net.Socket>, first?: Buffer): void {
  track(sockets, upstream);
  if (first?.length) upstream.write(first);
  client.pipe(upstream);
  upstream.pipe(client);
  upstream.on('close', () => client.destroy());
  client.on('close', () => upstream.destroy());
}

/** Listens on `host` and forwards TLS connections to `upstream`; anything else is recorded and cut. */
export async function startTlsGuard(host: string, upstream: { host: string; port: number }): Promise<Recorder> {
  const sockets = new Set<net.Socket>();
  const violations: string[] = [];
  const rec = { violations, accepted: 0 };
  const server = net.createServer((client) => {
    track(sockets, client);
    client.once('data', (first: Buffer) => {
      // 0x16 is a TLS handshake record; a ClientHello is the only acceptable start.
      if (first[0] !== 0x16) {
        violations.push(printable(first));
        client.destroy();
        return;
      }
      rec.accepted++;
      client.pause();
      splice(client, net.connect(upstream.port, upstream.host), sockets, first);
      client.resume();
    });
  });
  const port = await listen(server, host);
  return Object.assign(rec, { address: hostPort(host, port), port, close: closer(server, sockets) });
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost)$/;

/** An HTTP proxy that answers only CONNECT, and only to loopback hosts. */
export async function startConnectProxy(host = '127.0.0.1'): Promise<ConnectProxy> {
  const sockets = new Set<net.Socket>();
  const violations: string[] = [];
  const tunnels: string[] = [];
  const authorizations: string[] = [];
  let options: { requireAuthorization?: string | undefined; refuse?: boolean } = {};
  const rec = { violations, tunnels, authorizations, accepted: 0 };
  const server = net.createServer((client) => {
    track(sockets, client);
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      if (!'CONNECT '.startsWith(head.subarray(0, 8).toString('latin1'))) {
        violations.push(printable(head));
        client.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\n\r\n');
        return;
      }
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const lines = head.subarray(0, end).toString('latin1').split('\r\n');
      const target = lines[0]!.split(' ')[1] ?? '';
      const auth = lines.find((l) => /^proxy-authorization:/i.test(l))?.replace(/^[^:]+:\s*/, '');
      if (auth) authorizations.push(auth);
      const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
      if (options.requireAuthorization && auth !== options.requireAuthorization) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nConnection: close\r\n\r\n');
        return;
      }
      if (options.refuse || !m || !LOOPBACK.test(m[1]!)) {
        client.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
        return;
      }
      rec.accepted++;
      const upstream = net.connect(Number(m[2]), m[1]!);
      upstream.once('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n'));
      upstream.once('connect', () => {
        tunnels.push(target);
        upstream.removeAllListeners('error');
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        splice(client, upstream, sockets, head.subarray(end + 4));
      });
    };
    client.on('data', onData);
  });
  const port = await listen(server, host);
  return Object.assign(rec, {
    address: hostPort(host, port), port, close: closer(server, sockets),
    set(o: typeof options) { options = { ...o }; },
  });
}
