/**
 * splunk-sdk's transport, replaced. The SDK's own NodeHttp never verifies certificates
 * (rejectUnauthorized:false is hard-coded); this subclass makes each request itself with Node's
 * http/tls and verifies per TLS profile before a single byte of the request (and its credentials)
 * is written. It only ever connects to the profile's origin, follows no redirects, honours an
 * AbortSignal, and reports TLS failures with the SHA-256 fingerprint of the certificate presented.
 */
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import Http = require('splunk-sdk/lib/http');
import { SplunkError } from './errors';
import { silentLogger, type Logger } from './redact';

export type TlsProfile =
  /** Verify against the system roots (Node's default CA store) and check the host name. */
  | { mode: 'system' }
  /** Verify against these PEM certificates instead of the system roots (optionally as well as them). */
  | { mode: 'caBundle'; caPem: string; includeSystemRoots?: boolean }
  /** Accept exactly the leaf certificate with this SHA-256 fingerprint; nothing else is checked. */
  | { mode: 'fingerprint'; sha256: string }
  /** No verification at all. The caller must show a warning. */
  | { mode: 'insecure' };

export interface VerifyingHttpOptions {
  /** `https://host:port` or `http://host:port`: the only place requests may go. */
  origin: string;
  tls: TlsProfile;
  /** Connection (and TLS handshake) deadline, ms. Default 15 s. */
  connectTimeoutMs?: number;
  /** Whole-request deadline, ms (headers and body). Default 120 s. */
  requestTimeoutMs?: number;
  logger?: Logger;
}

/** `AA:BB:…` upper-case form; accepts any case, with or without separators. */
export function normaliseFingerprint(value: string): string {
  const hex = value.replace(/^sha-?256[:=\s]*/i, '').replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{1,2}/g)?.join(':') ?? '';
}

interface RawResponse { status: number; headers: http.IncomingHttpHeaders; body: string }

/** The SDK-shaped rejection for failures below HTTP (status 600, as NodeHttp reports them). */
function transportFailure(error: Error): Http.SdkResponse {
  return { response: { statusCode: 600, headers: {} }, status: 600, data: {}, error };
}

/** Hands out exactly one socket: the one whose certificate we already checked. */
class VerifiedSocketAgent extends http.Agent {
  constructor(private readonly socket: net.Socket) {
    super({ keepAlive: false, maxSockets: 1 });
  }

  override createConnection(): net.Socket {
    return this.socket;
  }
}

export class VerifyingHttp extends Http {
  private readonly options: VerifyingHttpOptions;
  private readonly target: URL;
  private readonly signal: AbortSignal | undefined;
  private readonly log: Logger;

  constructor(options: VerifyingHttpOptions, signal?: AbortSignal) {
    super();
    this.options = options;
    this.target = new URL(options.origin);
    if (this.target.protocol !== 'https:' && this.target.protocol !== 'http:') throw new SplunkError('server-error', `Unsupported URL scheme ${this.target.protocol}`);
    this.signal = signal;
    this.log = options.logger ?? silentLogger;
  }

  get origin(): string { return this.target.origin; }

  /** A transport for one run: same settings and cookie store, requests tied to `signal`. */
  withSignal(signal: AbortSignal | undefined): VerifyingHttp {
    const h = new VerifyingHttp(this.options, signal);
    h._cookieStore = this._cookieStore;
    h.version = this.version;
    return h;
  }

  override makeRequest(url: string, message: Http.RequestMessage): Promise<Http.SdkResponse> {
    const started = Date.now();
    const u = new URL(url);
    const pathOnly = u.pathname;
    if (u.origin !== this.target.origin) {
      return Promise.reject(transportFailure(new SplunkError('server-error', `Refusing to send a request to ${u.origin}: the connection is configured for ${this.target.origin}.`)));
    }
    return this.send(u, message).then(
      (raw) => {
        this.log.debug(`${message.method} ${pathOnly} -> ${raw.status} (${Date.now() - started} ms, ${raw.body.length} chars)`);
        const built = this.buildResponse(raw, message);
        // Redirects are refused, not followed: a 3xx must not look like success.
        if (raw.status >= 300 && raw.status < 400) throw built;
        return built;
      },
      (err: Error) => {
        this.log.debug(`${message.method} ${pathOnly} failed after ${Date.now() - started} ms: ${err instanceof SplunkError ? err.kind : (err as { code?: string }).code ?? err.message}`);
        throw transportFailure(err);
      },
    );
  }

  /** Like the SDK's `_buildResponse`, minus its console printing of server messages. */
  private buildResponse(raw: RawResponse, message: Http.RequestMessage): Http.SdkResponse {
    const head: Http.ResponseHead = { statusCode: raw.status, headers: raw.headers as Record<string, string | string[] | undefined> };
    const contentType = String(raw.headers['content-type'] ?? '');
    const mode = message.query?.['output_mode'];
    let data: unknown = raw.body;
    if ((mode !== 'csv' && mode !== 'xml') && contentType.startsWith('application/json')) {
      if (raw.body === '') data = {};
      else { try { data = JSON.parse(raw.body); } catch { data = raw.body; } }
    }
    return { response: head, status: raw.status, data, error: null };
  }

  private connect(): Promise<net.Socket> {
    const host = this.target.hostname.replace(/^\[|\]$/g, '');
    const port = Number(this.target.port || (this.target.protocol === 'https:' ? 443 : 80));
    const profile = this.options.tls;
    return new Promise<net.Socket>((resolve, reject) => {
      let socket: net.Socket;
      const fail = (err: Error) => { cleanup(); socket.destroy(); reject(err); };
      const onAbort = () => fail(new SplunkError('cancelled', 'The request was cancelled.'));
      const timer = setTimeout(() => fail(new SplunkError('timeout', `Connecting to ${this.target.origin} timed out.`)), this.options.connectTimeoutMs ?? 15_000);
      const cleanup = () => { clearTimeout(timer); this.signal?.removeEventListener('abort', onAbort); };
      if (this.signal?.aborted) { reject(new SplunkError('cancelled', 'The request was cancelled.')); clearTimeout(timer); return; }
      this.signal?.addEventListener('abort', onAbort, { once: true });

      if (this.target.protocol === 'http:') {
        socket = net.connect({ host, port });
        socket.once('connect', () => { cleanup(); resolve(socket); });
        socket.once('error', (e) => { cleanup(); reject(e); });
        return;
      }
      let ca: string[] | undefined;
      if (profile.mode === 'caBundle') ca = profile.includeSystemRoots ? [...tls.rootCertificates, profile.caPem] : [profile.caPem];
      const tlsSocket = tls.connect({
        host, port,
        ...(net.isIP(host) ? {} : { servername: host }),
        ...(ca ? { ca } : {}),
        // Verification is decided below, before anything is written, so the presented certificate
        // can be reported; nothing is sent on a connection that fails it.
        rejectUnauthorized: false,
        ALPNProtocols: ['http/1.1'],
      });
      socket = tlsSocket;
      tlsSocket.once('error', (e) => { cleanup(); reject(e); });
      tlsSocket.once('secureConnect', () => {
        const presented = normaliseFingerprint(tlsSocket.getPeerCertificate().fingerprint256 ?? '');
        const refusal = this.verify(tlsSocket, presented);
        if (refusal) { fail(refusal); return; }
        cleanup();
        resolve(tlsSocket);
      });
    });
  }

  private verify(socket: tls.TLSSocket, presented: string): SplunkError | undefined {
    const profile = this.options.tls;
    const origin = this.target.origin;
    switch (profile.mode) {
      case 'insecure': return undefined;
      case 'fingerprint': {
        const pinned = normaliseFingerprint(profile.sha256);
        if (pinned && pinned === presented) return undefined;
        return new SplunkError('tls-fingerprint-mismatch',
          `The certificate of ${origin} does not match the pinned fingerprint. Presented SHA-256: ${presented}; pinned: ${pinned || '(none)'}.`,
          { fingerprint256: presented });
      }
      case 'system':
      case 'caBundle': {
        if (socket.authorized) return undefined;
        const code = String(socket.authorizationError ?? 'unknown');
        const trustSource = profile.mode === 'system' ? 'the system trust store' : 'the configured CA bundle';
        if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /altname|hostname|host name/i.test(code)) {
          return new SplunkError('tls-hostname',
            `The certificate of ${origin} is not valid for host ${this.target.hostname}. Certificate SHA-256: ${presented}.`,
            { fingerprint256: presented });
        }
        return new SplunkError('tls-untrusted',
          `The certificate of ${origin} is not trusted by ${trustSource} (${code}). Certificate SHA-256: ${presented}. Add its CA as a CA bundle, or pin this fingerprint if you have checked it.`,
          { fingerprint256: presented });
      }
    }
  }

  private async send(u: URL, message: Http.RequestMessage): Promise<RawResponse> {
    const socket = await this.connect();
    return new Promise<RawResponse>((resolve, reject) => {
      let settled = false;
      const finish = (err: Error | undefined, value?: RawResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.signal?.removeEventListener('abort', onAbort);
        if (err) { req.destroy(); socket.destroy(); reject(err); } else resolve(value!);
      };
      const onAbort = () => finish(new SplunkError('cancelled', 'The request was cancelled.'));
      const timer = setTimeout(() => finish(new SplunkError('timeout', `${this.target.origin} did not answer within ${Math.round((this.options.requestTimeoutMs ?? 120_000) / 1000)} s.`)),
        this.options.requestTimeoutMs ?? 120_000);
      const body = message.body ?? '';
      const req = http.request({
        method: message.method,
        path: u.pathname + u.search,
        headers: {
          ...message.headers,
          Host: u.host,
          Accept: '*/*',
          'User-Agent': 'spl-workbench (splunk-sdk-javascript/2.0.2)',
          'Content-Length': String(Buffer.byteLength(body, 'utf8')),
          Connection: 'close',
        },
        // VS Code's extension host replaces the agent of every request to apply proxy settings, and its
        // replacement ignores createConnection; a DIRECT route keeps the original agent, so the verified
        // socket travels inside an agent of our own.
        host: u.hostname,
        port: u.port,
        agent: new VerifiedSocketAgent(socket),
      });
      this.signal?.addEventListener('abort', onAbort, { once: true });
      req.on('error', (e) => finish(e.message === 'aborted' ? Object.assign(e, { code: 'ECONNRESET' }) : e));
      req.on('response', (res) => {
        res.setEncoding('utf8');
        const parts: string[] = [];
        res.on('data', (c: string) => parts.push(c));
        res.on('aborted', () => finish(Object.assign(new Error('connection dropped mid-body'), { code: 'ECONNRESET' })));
        res.on('error', (e) => finish(Object.assign(e, { code: (e as { code?: string }).code ?? 'ECONNRESET' })));
        res.on('end', () => {
          if (!res.complete) { finish(Object.assign(new Error('connection dropped mid-body'), { code: 'ECONNRESET' })); return; }
          finish(undefined, { status: res.statusCode ?? 0, headers: res.headers, body: parts.join('') });
        });
      });
      req.end(body);
    });
  }
}
