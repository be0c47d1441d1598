/**
 * A CONNECT tunnel through an HTTP(S) proxy. Only `CONNECT host:port` and the proxy's own
 * Proxy-Authorization go to the proxy; everything after the 200 is the caller's, end to end (TLS to
 * the target runs inside the tunnel), so the proxy never sees a request line or a credential of ours.
 */
import net from 'node:net';
import tls from 'node:tls';
import { socketFailure, TransportError } from './errors';
import { bareHost, defaultPort, hostPort, type ProxyRoute } from './proxy';
import { abortError, onAbort } from './abort';
import { handOver } from './handOver';

const MAX_HEAD = 16 * 1024;

/** Printable, short: a proxy's status text is not ours to show verbatim. */
const tidy = (s: string): string => s.replace(/[^\x20-\x7e]/g, '').slice(0, 80);

function connectToProxy(route: ProxyRoute): net.Socket {
  const host = bareHost(route.url.hostname);
  const port = defaultPort(route.url);
  if (route.url.protocol === 'https:') {
    return tls.connect({ host, port, ...(net.isIP(host) ? {} : { servername: host }), rejectUnauthorized: route.strictSSL, ALPNProtocols: ['http/1.1'] });
  }
  return net.connect({ host, port });
}

function refusal(status: number, statusText: string, route: ProxyRoute, target: string): TransportError {
  const proxy = route.url.origin;
  if (status === 407) {
    return new TransportError('proxy-auth-required', route.authorization
      ? `The proxy ${proxy} rejected the credentials in http.proxyAuthorization (407). Check that setting, or connect directly.`
      : `The proxy ${proxy} requires authentication (407). Set http.proxyAuthorization in your user settings, or connect directly.`);
  }
  if (status === 403 || status === 405) {
    return new TransportError('proxy-refused', `The proxy ${proxy} does not allow a connection to ${target} (${status} ${tidy(statusText)}). Ask for ${target} to be allowed, add it to http.noProxy, or connect directly.`);
  }
  if (status === 502 || status === 503 || status === 504) {
    return new TransportError('proxy-failed', `The proxy ${proxy} could not reach ${target} (${status} ${tidy(statusText)}).`);
  }
  return new TransportError('proxy-failed', `The proxy ${proxy} refused the tunnel to ${target} (${status} ${tidy(statusText)}).`);
}

/** Opens `CONNECT host:port` through `route`; resolves with the raw tunnel once the proxy said 200. */
export function openTunnel(route: ProxyRoute, host: string, port: number, signal: AbortSignal): Promise<net.Socket> {
  const target = hostPort(host, port);
  const proxy = route.url.origin;
  return new Promise<net.Socket>((resolve, reject) => {
    if (signal.aborted) { reject(abortError(signal, `Connecting to ${target} through the proxy ${proxy}`)); return; }
    const socket = connectToProxy(route);
    let head = Buffer.alloc(0);
    let connected = false;
    const stopAbort = onAbort(signal, () => fail(abortError(signal, `Connecting to ${target} through the proxy ${proxy}`)));
    function fail(err: Error): void {
      stopAbort();
      socket.destroy();
      reject(err);
    }
    const ready = route.url.protocol === 'https:' ? 'secureConnect' : 'connect';
    socket.once(ready, () => {
      connected = true;
      const lines = [`CONNECT ${target} HTTP/1.1`, `Host: ${target}`];
      if (route.authorization) lines.push(`Proxy-Authorization: ${route.authorization}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    socket.on('error', (e: Error & { code?: string }) => {
      if (connected) { fail(new TransportError('proxy-failed', `The connection to the proxy ${proxy} failed while opening a tunnel to ${target} (${e.code ?? e.message}).`)); return; }
      const cause = socketFailure(e, `the proxy ${proxy}`);
      const detail = /certificate|self.signed|unable to verify/i.test(e.message) ? ' (its certificate is not trusted; see http.proxyStrictSSL)' : '';
      fail(new TransportError('proxy-unreachable', `${cause.message.replace(/\.$/, '')}${detail}. Check http.proxy, or connect directly.`));
    });
    socket.on('close', () => fail(new TransportError('proxy-failed', `The proxy ${proxy} closed the connection before opening a tunnel to ${target}.`)));
    const onData = (chunk: Buffer): void => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD) fail(new TransportError('proxy-failed', `The proxy ${proxy} sent an oversized reply to CONNECT.`));
        return;
      }
      const statusLine = head.subarray(0, head.indexOf('\r\n')).toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3}) ?(.*)$/.exec(statusLine);
      if (!m) { fail(new TransportError('proxy-failed', `The proxy ${proxy} answered CONNECT with something that is not HTTP.`)); return; }
      const status = Number(m[1]);
      if (status < 200 || status > 299) { fail(refusal(status, m[2] ?? '', route, target)); return; }
      // Bytes from "the target" before our handshake would be the proxy speaking for it.
      if (head.length > end + 4) { fail(new TransportError('proxy-failed', `The proxy ${proxy} sent data before the tunnel to ${target} was used.`)); return; }
      socket.off('data', onData);
      socket.removeAllListeners('close');
      stopAbort();
      resolve(handOver(socket));
    };
    socket.on('data', onData);
  });
}
