/**
 * One HTTP/1.1 exchange on a socket from `openVerifiedSocket`, and only on it. The request is built
 * with Node's ClientRequest and a `createConnection` that returns our socket; the request's bytes are
 * written only after the socket Node hands to the request is checked to be that very socket. If
 * anything in the process substitutes another (VS Code's extension host patches `http.request` and
 * replaces agents to apply its proxy settings), the request is destroyed unsent and fails with
 * `transport-bypassed`.
 */
import http from 'node:http';
import type net from 'node:net';
import { abortError, onAbort, withDeadline } from './abort';
import { TransportError } from './errors';
import { proxyFor, type ProxySettings } from './proxy';
import { openVerifiedSocket, type TlsProfile } from './verifiedSocket';

export interface HttpExchange {
  method: string;
  /** Path and query, e.g. `/services/auth/login?output_mode=json`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /**
   * Takes the reply's body as it arrives, for a reply it wants (chosen by status and headers); the
   * reply then carries `decoded`, what `finish` returned, and an empty `body`.
   */
  bodyDecoder?: (status: number, headers: http.IncomingHttpHeaders) => BodyDecoder | undefined;
}

export interface BodyDecoder { push(chunk: Buffer): void; finish(): unknown }

export interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string; decoded?: { value: unknown } }

export interface TransportOptions {
  tls: TlsProfile;
  /** VS Code's proxy settings, or undefined to connect directly. */
  proxy?: ProxySettings | undefined;
  /** Connect, tunnel and TLS handshake, ms. Default 15 s. */
  connectTimeoutMs?: number;
  /** The whole exchange, ms. Default 120 s. */
  requestTimeoutMs?: number;
  /** Largest body accepted, bytes. Default 256 MiB (V8 cannot hold much more as one string). */
  maxBodyBytes?: number;
}

export const DEFAULT_MAX_BODY_BYTES = 256 * 1024 * 1024;

/** For tests: the ClientRequest constructor to use (the fail-closed rule is tested by swapping it). */
export const internals = { ClientRequest: http.ClientRequest };

function dropped(origin: string, why: string): TransportError {
  return new TransportError('connection-dropped', `The connection to ${origin} was dropped (${why}).`);
}

/** Writes `exchange` on `socket` (ours, verified) and reads the whole reply. */
export function exchangeOnSocket(socket: net.Socket, target: URL, exchange: HttpExchange, signal: AbortSignal, maxBodyBytes: number): Promise<RawResponse> {
  const origin = target.origin;
  return new Promise<RawResponse>((resolve, reject) => {
    let settled = false;
    const body = exchange.body ?? '';
    const finish = (err: Error | undefined, value?: RawResponse): void => {
      if (settled) return;
      settled = true;
      stop();
      if (err) { req.destroy(); socket.destroy(); reject(err); } else resolve(value!);
    };
    const stop = onAbort(signal, () => finish(abortError(signal, `${exchange.method} ${target.origin}`)));
    const req = new internals.ClientRequest({
      method: exchange.method,
      path: exchange.path,
      host: target.hostname,
      port: target.port,
      headers: { ...exchange.headers, 'Content-Length': String(Buffer.byteLength(body, 'utf8')), Connection: 'close' },
      createConnection: () => socket,
    });
    req.once('socket', (s: net.Socket) => {
      if (s !== socket) {
        s.destroy();
        finish(new TransportError('transport-bypassed',
          `The request to ${origin} was not sent: something in this process (such as VS Code's proxy support) replaced SPL Workbench's verified connection with another one.`));
        return;
      }
      req.end(body);
    });
    req.on('error', (e: Error & { code?: string }) => finish(dropped(origin, e.code ?? e.message)));
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      let bytes = 0;
      const decoder = exchange.bodyDecoder?.(res.statusCode ?? 0, res.headers);
      res.on('data', (c: Buffer) => {
        if (settled) return;
        bytes += c.length;
        if (bytes > maxBodyBytes) {
          finish(new TransportError('response-too-large', `The reply from ${origin} is larger than ${Math.round(maxBodyBytes / 1048576)} MiB; ask for fewer results per page.`));
          return;
        }
        if (decoder) decoder.push(c);
        else parts.push(c);
      });
      res.on('aborted', () => finish(dropped(origin, 'mid-body')));
      res.on('error', (e: Error & { code?: string }) => finish(dropped(origin, e.code ?? e.message)));
      res.on('end', () => {
        if (!res.complete) { finish(dropped(origin, 'mid-body')); return; }
        const head = { status: res.statusCode ?? 0, headers: res.headers };
        finish(undefined, decoder ? { ...head, body: '', decoded: { value: decoder.finish() } } : { ...head, body: Buffer.concat(parts).toString('utf8') });
      });
    });
  });
}

/** Sends one request to `target`'s origin over a connection verified per `options`. */
export async function verifiedRequest(target: URL, exchange: HttpExchange, options: TransportOptions, signal?: AbortSignal): Promise<RawResponse> {
  const route = proxyFor(target, options.proxy);
  const socket = await openVerifiedSocket(target, options.tls, route, withDeadline(signal, options.connectTimeoutMs ?? 15_000));
  const requestTimeout = options.requestTimeoutMs ?? 120_000;
  const deadline = withDeadline(signal, requestTimeout);
  try {
    return await exchangeOnSocket(socket, target, exchange, deadline, options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
  } catch (e) {
    if (e instanceof TransportError && e.kind === 'timeout') {
      throw new TransportError('timeout', `${target.origin} did not answer within ${Math.round(requestTimeout / 1000)} s.`);
    }
    throw e;
  }
}
