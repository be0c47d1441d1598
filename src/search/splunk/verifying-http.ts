/**
 * splunk-sdk's transport, replaced. The SDK's own NodeHttp never verifies certificates
 * (rejectUnauthorized:false is hard-coded); this subclass sends each request through `src/net`, which
 * verifies per TLS profile (directly or inside a proxy's CONNECT tunnel) before a single byte of the
 * request (and its credentials) is written, and refuses to write on any socket it did not verify.
 * It only ever connects to the profile's origin, follows no redirects and honours an AbortSignal.
 */
import Http = require('splunk-sdk/lib/http');
import { TransportError } from '../../net/errors';
import type { ProxySettings } from '../../net/proxy';
import { verifiedRequest, type RawResponse } from '../../net/request';
import type { TlsProfile } from '../../net/verifiedSocket';
import { SplunkError } from './errors';
import { JsonRowsDecoder, parseJsonBody } from './jsonRowsDecoder';
import { silentLogger, type Logger } from './redact';

export { normaliseFingerprint, type TlsProfile } from '../../net/verifiedSocket';

export interface VerifyingHttpOptions {
  /** `https://host:port` or `http://host:port`: the only place requests may go. */
  origin: string;
  tls: TlsProfile;
  /** VS Code's proxy settings; undefined connects directly. */
  proxy?: ProxySettings | undefined;
  /** Connection (proxy tunnel and TLS handshake included) deadline, ms. Default 15 s. */
  connectTimeoutMs?: number;
  /** Whole-request deadline, ms (headers and body). Default 120 s. */
  requestTimeoutMs?: number;
  /** Largest response body accepted, bytes. */
  maxBodyBytes?: number;
  logger?: Logger;
}

/** The SDK-shaped rejection for failures below HTTP (status 600, as NodeHttp reports them). */
function transportFailure(error: Error): Http.SdkResponse {
  return { response: { statusCode: 600, headers: {} }, status: 600, data: {}, error };
}

function jsonRowsBody(status: number, headers: Record<string, string | string[] | undefined>): JsonRowsDecoder | undefined {
  const type = headers['content-type'];
  return status === 200 && typeof type === 'string' && type.startsWith('application/json') ? new JsonRowsDecoder() : undefined;
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
    if (this.target.protocol !== 'https:' && this.target.protocol !== 'http:') throw new TransportError('connection-refused', `Unsupported URL scheme ${this.target.protocol}`);
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
        this.log.debug(`${message.method} ${pathOnly} -> ${raw.status} (${Date.now() - started} ms, ${raw.decoded ? 'parsed as it arrived' : `${raw.body.length} chars`})`);
        const built = this.buildResponse(raw, message);
        // Redirects are refused, not followed: a 3xx must not look like success.
        if (raw.status >= 300 && raw.status < 400) throw built;
        return built;
      },
      (err: Error) => {
        this.log.debug(`${message.method} ${pathOnly} failed after ${Date.now() - started} ms: ${err instanceof TransportError ? err.kind : (err as { code?: string }).code ?? err.message}`);
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
    if (raw.decoded) data = raw.decoded.value;
    else if ((mode !== 'csv' && mode !== 'xml') && contentType.startsWith('application/json')) data = parseJsonBody(raw.body);
    return { response: head, status: raw.status, data, error: null };
  }

  private send(u: URL, message: Http.RequestMessage): Promise<RawResponse> {
    return verifiedRequest(this.target, {
      method: message.method,
      path: u.pathname + u.search,
      headers: {
        ...message.headers,
        Host: u.host,
        Accept: '*/*',
        'User-Agent': 'spl-workbench (splunk-sdk-javascript/2.0.2)',
      },
      body: message.body ?? '',
      // Result pages (json_rows, 200, JSON) are parsed while they arrive; every other reply as before.
      // (the SDK puts output_mode in the URL for a POST too).
      ...(u.searchParams.get('output_mode') === 'json_rows' ? { bodyDecoder: jsonRowsBody } : {}),
    }, this.options, this.signal);
  }
}
