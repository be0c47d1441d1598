/**
 * One `GET {apiUrl}/files/{id}` with the `x-apikey` header, through the project's verified transport
 * (src/net): TLS is checked before a byte is written and the request goes on that socket only, so
 * the key can reach nothing but the configured origin. Proxies are VS Code's, as for Splunk.
 */
import { TransportError } from '../net/errors';
import type { ProxySettings } from '../net/proxy';
import { verifiedRequest, type HttpExchange, type RawResponse, type TransportOptions } from '../net/request';
import type { TlsProfile } from '../net/verifiedSocket';
import { VirusTotalError } from './errors';
import type { FileId } from './fileId';
import { errorCode, parseFileReply, type Verdict } from './verdict';

export const DEFAULT_API_URL = 'https://www.virustotal.com/api/v3';

export type FileAnswer =
  | { kind: 'found'; verdict: Verdict }
  | { kind: 'not-found' }
  /** 429 (VirusTotal's QuotaExceededError, per minute or per day alike); `retryAfterMs` from Retry-After when sent. */
  | { kind: 'rate-limited'; retryAfterMs: number | undefined }
  /** 5xx or a network failure worth retrying. */
  | { kind: 'retry'; reason: string };

export type Send = (target: URL, exchange: HttpExchange, options: TransportOptions, signal?: AbortSignal) => Promise<RawResponse>;

export interface ClientOptions {
  apiUrl: string;
  apiKey: string;
  /** Production passes `{ mode: 'system' }`; tests pin their loopback server's certificate. */
  tls: TlsProfile;
  proxy?: ProxySettings | undefined;
  requestTimeoutMs?: number;
  /** The transport; tests may wrap it to count or delay requests. */
  send?: Send;
}

/** A VirusTotal reply is a few kB; anything near this is not one. */
const MAX_REPLY_BYTES = 4 * 1024 * 1024;
const RETRYABLE: ReadonlySet<string> = new Set(['connection-refused', 'dns', 'timeout', 'connection-dropped']);

/** The API base as a URL we will send a key to: https, no credentials, no query or fragment. */
export function parseApiUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new VirusTotalError('http', `splWorkbench.virusTotal.apiUrl is not a URL: ${JSON.stringify(raw.slice(0, 200))}.`);
  }
  if (url.protocol !== 'https:') throw new VirusTotalError('http', 'splWorkbench.virusTotal.apiUrl must be an https:// URL: the API key is never sent in the clear.');
  if (url.username || url.password || url.search || url.hash) throw new VirusTotalError('http', 'splWorkbench.virusTotal.apiUrl must not carry credentials, a query or a fragment.');
  return url;
}

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v || !/^\d{1,6}$/.test(v.trim())) return undefined;
  return Number(v.trim()) * 1000;
}

export class VirusTotalClient {
  private readonly base: URL;
  private readonly send: Send;

  constructor(private readonly options: ClientOptions) {
    this.base = parseApiUrl(options.apiUrl);
    this.send = options.send ?? verifiedRequest;
  }

  get origin(): string {
    return this.base.origin;
  }

  async getFile(id: FileId, signal?: AbortSignal): Promise<FileAnswer> {
    // The id is validated hex (fileIdFor / bestFileId), so it cannot change the path's meaning.
    if (!/^[0-9a-f]{32,64}$/.test(id.value)) throw new VirusTotalError('http', `Not a file id: ${id.algorithm}.`);
    const path = `${this.base.pathname.replace(/\/+$/, '')}/files/${id.value}`;
    let res: RawResponse;
    try {
      res = await this.send(this.base, {
        method: 'GET', path,
        headers: { 'x-apikey': this.options.apiKey, Accept: 'application/json', 'User-Agent': 'spl-workbench' },
      }, { tls: this.options.tls, proxy: this.options.proxy, requestTimeoutMs: this.options.requestTimeoutMs ?? 30_000, maxBodyBytes: MAX_REPLY_BYTES }, signal);
    } catch (e) {
      if (e instanceof TransportError) {
        if (e.kind === 'cancelled') throw new VirusTotalError('cancelled', 'The VirusTotal lookup was cancelled.');
        if (RETRYABLE.has(e.kind)) return { kind: 'retry', reason: e.message };
        throw new VirusTotalError('transport', e.message);
      }
      throw e;
    }
    switch (res.status) {
      case 200: return { kind: 'found', verdict: parseFileReply(res.body) };
      case 404: return { kind: 'not-found' };
      case 401: case 403:
        throw new VirusTotalError('key-rejected', `VirusTotal rejected the API key (HTTP ${res.status}${codeSuffix(res.body)}).`, res.status);
      case 429: return { kind: 'rate-limited', retryAfterMs: retryAfterMs(res.headers['retry-after']) };
      default:
        if (res.status >= 500) return { kind: 'retry', reason: `VirusTotal answered HTTP ${res.status}.` };
        throw new VirusTotalError('http', `VirusTotal answered HTTP ${res.status}${codeSuffix(res.body)}.`, res.status);
    }
  }
}

function codeSuffix(body: string): string {
  const code = errorCode(body);
  return code ? `, ${code}` : '';
}
