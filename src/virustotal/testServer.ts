/**
 * A loopback server shaped like VirusTotal API v3's `GET /api/v3/files/{id}`, over HTTPS with a
 * generated certificate: for integration, extension-host and UI tests, and for demos without a key.
 * Switches (set at start or at runtime on `switches`) give 401/403, 429 with a per-minute and daily
 * quota, 5xx, slow replies and malformed bodies. It records when each request came and whether it
 * carried the right key, never the key sent.
 */
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { fingerprint256, issueCertificate, type CertificateBundle } from '../server/certificate';

export interface TestFile {
  sha256: string;
  sha1?: string;
  md5?: string;
  stats: Partial<Record<'malicious' | 'suspicious' | 'undetected' | 'harmless' | 'type-unsupported' | 'timeout' | 'confirmed-timeout' | 'failure', number>>;
  label?: string;
  meaningfulName?: string;
  lastAnalysisDate?: number;
}

export interface Switches {
  /** Answer every request 401 (as for a revoked key), or 403. */
  rejectKey: 401 | 403 | null;
  /** Requests allowed per rolling `windowMs` before 429 QuotaExceededError. */
  perMinute: number | null;
  /** The window `perMinute` counts over: 60 s, shorter for real-time tests. */
  windowMs: number;
  /** Requests allowed in total before every further one gets 429. */
  perDay: number | null;
  /** Retry-After seconds sent with a 429, or none. */
  retryAfterSeconds: number | null;
  /** Answer the next N requests with this 5xx. */
  serverError: { status: 500 | 503; times: number } | null;
  /** Delay before every reply, ms. */
  latencyMs: number;
  /** Reply 200 with a body that is not the documented shape: 'json' (not JSON), 'shape' (no stats). */
  malformed: 'json' | 'shape' | null;
}

export const DEFAULT_SWITCHES: Readonly<Switches> = Object.freeze({
  rejectKey: null, perMinute: null, windowMs: 60_000, perDay: null, retryAfterSeconds: null, serverError: null, latencyMs: 0, malformed: null,
});

export interface SeenRequest {
  at: number;
  method: string;
  path: string;
  /** The request carried `x-apikey` equal to the server's key. */
  keyMatched: boolean;
  status: number;
}

export interface VirusTotalTestServer {
  /** The API base, e.g. `https://127.0.0.1:54321/api/v3`. */
  url: string;
  port: number;
  fingerprint256: string;
  certificate: CertificateBundle;
  switches: Switches;
  requests: SeenRequest[];
  addFile(file: TestFile): void;
  /** Forgets the requests counted against `perMinute` and `perDay`. */
  resetQuota(): void;
  close(): Promise<void>;
}

export interface TestServerOptions {
  apiKey: string;
  files?: TestFile[];
  certificate?: CertificateBundle;
  host?: string;
  port?: number;
  switches?: Partial<Switches>;
}

function fileObject(f: TestFile): unknown {
  return {
    data: {
      id: f.sha256, type: 'file', links: { self: `/api/v3/files/${f.sha256}` },
      attributes: {
        sha256: f.sha256, ...(f.sha1 ? { sha1: f.sha1 } : {}), ...(f.md5 ? { md5: f.md5 } : {}),
        last_analysis_stats: {
          harmless: 0, 'type-unsupported': 0, suspicious: 0, 'confirmed-timeout': 0, timeout: 0, failure: 0, malicious: 0, undetected: 0,
          ...f.stats,
        },
        ...(f.lastAnalysisDate !== undefined ? { last_analysis_date: f.lastAnalysisDate } : {}),
        ...(f.meaningfulName !== undefined ? { meaningful_name: f.meaningfulName } : {}),
        ...(f.label !== undefined ? { popular_threat_classification: { suggested_threat_label: f.label, popular_threat_category: [], popular_threat_name: [] } } : {}),
      },
    },
  };
}

const error = (code: string, message: string) => JSON.stringify({ error: { code, message } });

export async function startVirusTotalTestServer(options: TestServerOptions): Promise<VirusTotalTestServer> {
  const host = options.host ?? '127.0.0.1';
  const certificate = options.certificate ?? issueCertificate([host, 'localhost']);
  const files = new Map<string, TestFile>();
  const addFile = (f: TestFile): void => {
    for (const h of [f.sha256, f.sha1, f.md5]) if (h) files.set(h.toLowerCase(), f);
  };
  for (const f of options.files ?? []) addFile(f);
  const switches: Switches = { ...DEFAULT_SWITCHES, ...options.switches };
  const requests: SeenRequest[] = [];
  const accepted: number[] = [];

  const answer = (req: { method: string; path: string; keyMatched: boolean }): { status: number; body: string; headers?: Record<string, string> } => {
    const m = /^\/api\/v3\/files\/([^/?#]+)$/.exec(req.path);
    if (req.method !== 'GET' || !m) return { status: 404, body: error('NotFoundError', `Resource not found: ${req.path.slice(0, 100)}`) };
    if (switches.rejectKey) return { status: switches.rejectKey, body: error(switches.rejectKey === 401 ? 'WrongCredentialsError' : 'ForbiddenError', 'Wrong API key') };
    if (!req.keyMatched) return { status: 401, body: error('WrongCredentialsError', 'Wrong API key') };
    const now = Date.now();
    const inMinute = accepted.filter((t) => t > now - switches.windowMs).length;
    if ((switches.perMinute !== null && inMinute >= switches.perMinute) || (switches.perDay !== null && accepted.length >= switches.perDay)) {
      return { status: 429, body: error('QuotaExceededError', 'Quota exceeded'), ...(switches.retryAfterSeconds !== null ? { headers: { 'Retry-After': String(switches.retryAfterSeconds) } } : {}) };
    }
    accepted.push(now);
    if (switches.serverError && switches.serverError.times > 0) {
      switches.serverError = switches.serverError.times > 1 ? { ...switches.serverError, times: switches.serverError.times - 1 } : null;
      return { status: 503, body: 'Service unavailable' };
    }
    if (switches.malformed === 'json') return { status: 200, body: '{"data": {"attributes": ' };
    if (switches.malformed === 'shape') return { status: 200, body: JSON.stringify({ data: { attributes: { last_analysis_stats: 'lots' } } }) };
    const f = files.get(decodeURIComponent(m[1]!).toLowerCase());
    if (!f) return { status: 404, body: error('NotFoundError', `File "${m[1]!.slice(0, 64)}" not found`) };
    return { status: 200, body: JSON.stringify(fileObject(f)) };
  };

  const server = https.createServer({ cert: certificate.certPem, key: certificate.keyPem }, (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const keyMatched = req.headers['x-apikey'] === options.apiKey;
    const reply = answer({ method: req.method ?? 'GET', path, keyMatched });
    const seen: SeenRequest = { at: Date.now(), method: req.method ?? 'GET', path, keyMatched, status: reply.status };
    requests.push(seen);
    const send = (): void => {
      res.writeHead(reply.status, { 'Content-Type': 'application/json', ...reply.headers });
      res.end(reply.body);
    };
    if (switches.latencyMs > 0) setTimeout(send, switches.latencyMs); else send();
  });
  const sockets = new Set<Socket>();
  server.on('secureConnection', (s: Socket) => { sockets.add(s); s.once('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `https://${shownHost}:${port}/api/v3`,
    port,
    fingerprint256: fingerprint256(certificate.certPem),
    certificate,
    switches,
    requests,
    addFile,
    resetQuota: () => { accepted.length = 0; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
