/**
 * A loopback emulator of splunkd's REST search API, as splunk-sdk drives it (docs/SERVER.md lists the endpoints and cites Splunk's REST API Reference),
 * running SPL with the project's engine. HTTP or HTTPS; fault switches for tests.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { AuthStore, type Principal } from './auth';
import { issueCertificate, fingerprint256, type CertificateBundle } from './certificate';
import { execute, validateSpl, SplError, type EventSource } from './engine-port';
import { FaultController, type FaultSettings } from './faults';
import { Job, JobStore, type JobMessage, type JobTiming } from './jobs';
import { searchLogText } from './search-log';
import { atomJobEntry, jobEntry } from './job-entry';
import { MAX_RESULT_ROWS, pageRequest, parseOutputMode, renderResults } from './render';
import { exportWriter } from './export-writer';
import { isStreamedMode, resultPieces } from './results-stream';
import { summaryXml, timelineXml } from './summary-xml';
import { atomEntry, atomFeed, restValue, type FeedEntry, type FeedHead } from './atom';
import { XML_DECLARATION, XML_TYPE, messagesXml, responseXml } from './xml';
import { firstCommandError, splitPipeline } from './spl-checks';

export interface ServerOptions {
  /** The events searches run over. */
  source: EventSource;
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default https. */
  protocol?: 'http' | 'https';
  /** For https; a self-signed certificate for 127.0.0.1/localhost is generated when omitted. */
  certificate?: CertificateBundle;
  /** user → password. */
  users?: Record<string, string>;
  tokens?: string[];
  /** Reported by server/info; ≥ 9.0.2 makes splunk-sdk use the v2 search endpoints. Default 9.1.2. */
  version?: string;
  serverName?: string;
  faults?: Partial<FaultSettings>;
  timing?: Partial<JobTiming>;
  /** v1 `results`/`events` before DONE: 204 (splunkd's documented behaviour) or 200 partial with preview:true. */
  resultsBeforeDone?: 'no-content' | 'preview';
  /** Rows per results request at most (limits.conf `maxresultrows`). Default 50,000. */
  maxResultRows?: number;
  /** Clock for relative time bounds (ms since epoch). */
  now?: () => number;
  /** Receives one line per request (method, path, status). Never given credentials. */
  log?: (line: string) => void;
  /** Largest request body accepted (413 beyond it, checked before authentication). Default 1 MiB. */
  maxBodyBytes?: number;
}

export interface RequestRecord { method: string; path: string; status: number }

export interface JobSnapshot { sid: string; state: string; resultCount: number; search: string }

export interface RunningServer {
  url: string;
  port: number;
  protocol: 'http' | 'https';
  /** PEM of the certificate served (https only). */
  certificatePem: string | undefined;
  /** SHA-256 fingerprint (`AA:BB:…`) of that certificate. */
  fingerprint256: string | undefined;
  faults: FaultController;
  jobs: { runningSids(): string[]; sids(): string[]; get(sid: string): JobSnapshot | undefined };
  /** Requests seen so far (method and normalised path, no query string). */
  requests: RequestRecord[];
  expireSessions(): void;
  /** Every session key issued so far (test server: for leak checks). */
  issuedSessionKeys(): string[];
  revokeToken(token: string): void;
  revokeAllTokens(): void;
  addToken(token: string): void;
  close(): Promise<void>;
}

type Params = Record<string, string | string[]>;

interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  method: string;
  /** Path after the `/services` or `/servicesNS/<owner>/<app>` prefix, without trailing slash. */
  route: string;
  owner: string;
  app: string;
  params: Params;
  /** The reply is splunkd's XML: the request named no other output_mode. */
  xml: boolean;
  principal?: Principal;
}

const JSON_TYPE = 'application/json; charset=UTF-8';

function one(params: Params, key: string): string | undefined {
  const v = params[key];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function addParams(target: Params, source: URLSearchParams): void {
  for (const [k, v] of source) {
    const prev = target[k];
    if (prev === undefined) target[k] = v;
    else target[k] = Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
}

/** Default request-body limit: far above any real search, far below what would hurt to buffer per connection. */
export const MAX_BODY_BYTES = 1024 * 1024;

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    // Refuse on the announced length before reading a byte, and count as it arrives for chunked bodies.
    const announced = Number(req.headers['content-length'] ?? 0);
    if (announced > limit) { reject(new BodyTooLarge()); return; }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) { chunks.length = 0; req.pause(); reject(new BodyTooLarge()); return; }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
    // A client that goes away mid-body emits 'aborted' (and, on some Node versions, no 'error').
    req.on('aborted', () => reject(Object.assign(new Error('request aborted'), { code: 'ECONNRESET' })));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function messagesBody(type: JobMessage['type'], text: string, code?: string): string {
  return JSON.stringify({ messages: [{ type, ...(code ? { code } : {}), text }] });
}

/**
 * splunkd answers XML unless `output_mode` asks for something else; the JS SDK always asks for JSON, Splunk's
 * Python SDK only when its caller does.
 */
function wantsXml(outputMode: string | undefined): boolean {
  return outputMode === undefined || outputMode === '' || outputMode === 'xml' || outputMode === 'atom';
}

function messagesReply(xml: boolean, type: JobMessage['type'], text: string, code?: string): { body: string; contentType: string } {
  return xml
    ? { body: messagesXml([{ type, text, ...(code ? { code } : {}) }]), contentType: XML_TYPE }
    : { body: messagesBody(type, text, code), contentType: JSON_TYPE };
}

/** The `oddCells` fault: a json_rows body with cells typed as Splunk never types them. */
function withOddCells(body: string, kind: 'numbers' | 'objects'): string {
  const doc = JSON.parse(body) as { rows?: unknown[][] };
  doc.rows = (doc.rows ?? []).map((row) => row.map((cell, i) => {
    if (kind === 'numbers') return typeof cell === 'string' && cell.trim() !== '' && Number.isFinite(Number(cell)) ? Number(cell) : cell;
    return i === row.length - 1 ? { value: cell } : cell;
  }));
  return JSON.stringify(doc);
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const protocol = options.protocol ?? 'https';
  const host = options.host ?? '127.0.0.1';
  const version = options.version ?? '9.1.2';
  const build = 'c64b1f2a5b5e';
  const serverName = options.serverName ?? 'spl-workbench-emulator';
  const timing: JobTiming = { queuedMs: 0, parsingMs: 0, ...options.timing };
  const auth = new AuthStore({ users: options.users ?? {}, tokens: options.tokens ?? [] });
  const faults = new FaultController(options.faults);
  const jobs = new JobStore();
  const requests: RequestRecord[] = [];
  const now = options.now ?? Date.now;
  const maxRows = options.maxResultRows ?? MAX_RESULT_ROWS;
  const log = options.log ?? (() => undefined);
  let port = 0;

  const certificate = protocol === 'https' ? (options.certificate ?? issueCertificate(['127.0.0.1', 'localhost'])) : undefined;

  function origin(): string { return `${protocol}://${host.includes(':') ? `[${host}]` : host}:${port}`; }

  function send(ctx: Ctx, status: number, body: string | Buffer, contentType = JSON_TYPE, extraHeaders: Record<string, string | string[]> = {}): void {
    if (ctx.res.headersSent || ctx.res.destroyed) return;
    ctx.res.writeHead(status, {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(body),
      Server: 'Splunkd',
      'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0',
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'SAMEORIGIN',
      ...extraHeaders,
    });
    ctx.res.end(body);
  }

  /**
   * A document made of pieces: one piece goes out with its Content-Length as `send` does; more are written
   * chunked as they are made, waiting for the socket to drain, and abandoned if the client goes away.
   */
  async function sendPieces(ctx: Ctx, pieces: Iterator<Buffer>, contentType: string): Promise<void> {
    const first = pieces.next();
    const second = first.done ? first : pieces.next();
    if (second.done) { send(ctx, 200, first.done ? '' : first.value, contentType); return; }
    if (ctx.res.headersSent || ctx.res.destroyed) return;
    ctx.res.writeHead(200, { 'Content-Type': contentType, Server: 'Splunkd', 'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0', 'X-Content-Type-Options': 'nosniff', 'X-Frame-Options': 'SAMEORIGIN' });
    const write = async (text: Buffer): Promise<boolean> => {
      if (ctx.res.destroyed) return false;
      // Wait for whichever comes first, and drop the other listener (one pair per piece would pile up).
      if (!ctx.res.write(text)) {
        await new Promise<void>((r) => {
          const done = () => { ctx.res.off('drain', done); ctx.res.off('close', done); r(); };
          ctx.res.once('drain', done);
          ctx.res.once('close', done);
        });
      }
      return !ctx.res.destroyed;
    };
    if (!(await write(first.value)) || !(await write(second.value))) return;
    for (let next = pieces.next(); !next.done; next = pieces.next()) if (!(await write(next.value))) return;
    ctx.res.end();
  }

  function sendMessage(ctx: Ctx, status: number, type: JobMessage['type'], text: string, code?: string): void {
    const reply = messagesReply(ctx.xml, type, text, code);
    send(ctx, status, reply.body, reply.contentType);
  }

  /** One reply in the form the request asked for; only that form is built. */
  function sendAs(ctx: Ctx, status: number, json: () => string, xml: () => string, extraHeaders: Record<string, string> = {}): void {
    if (ctx.xml) send(ctx, status, xml(), XML_TYPE, extraHeaders);
    else send(ctx, status, json(), JSON_TYPE, extraHeaders);
  }

  const unknownSid = (ctx: Ctx) => sendMessage(ctx, 404, 'FATAL', 'Unknown sid.');

  function feed(entries: object[], jobsPath: string, paging = { total: entries.length, perPage: 0, offset: 0 }): string {
    return JSON.stringify({
      links: {}, origin: `${origin()}/services/${jobsPath}`, updated: new Date().toISOString(),
      generator: { build, version }, entry: entries, paging, messages: [],
    });
  }

  function feedHead(title: string, path: string, paging: FeedHead['paging']): FeedHead {
    return { title, id: `${origin()}/services/${path}`, updated: new Date().toISOString(), generator: { build, version }, paging };
  }

  function serverInfo(ctx: Ctx): void {
    const entry: FeedEntry = { name: 'server-info', id: `${origin()}/services/server/info/server-info`, updated: new Date().toISOString(), links: {},
      author: 'system', content: { version, build, serverName, product_type: 'enterprise', instance_type: 'download', os_name: 'Linux', cpu_arch: 'x86_64' },
      acl: { owner: 'nobody', app: '', sharing: 'system', perms: { read: ['*'], write: [] } } };
    const paging = { total: 1, perPage: 30, offset: 0 };
    sendAs(ctx, 200, () => JSON.stringify({
      links: {}, origin: `${origin()}/services/server/info`, updated: new Date().toISOString(),
      generator: { build, version }, entry: [entry], paging, messages: [],
    }), () => atomFeed(feedHead('server-info', 'server/info', paging), [entry]));
  }

  function login(ctx: Ctx): void {
    const key = auth.login(one(ctx.params, 'username') ?? '', one(ctx.params, 'password') ?? '');
    if (!key) {
      sendMessage(ctx, 401, 'WARN', 'Login failed', 'incorrect_username_or_password');
      return;
    }
    const cookie: Record<string, string> = one(ctx.params, 'cookie') === '1'
      ? { 'Set-Cookie': `splunkd_${port}=${key}; Path=/;${protocol === 'https' ? ' Secure;' : ''} HttpOnly; Max-Age=3600; SameSite=Lax` }
      : {};
    sendAs(ctx, 200, () => JSON.stringify({ sessionKey: key, message: '', code: '' }), () => responseXml({ sessionKey: key }), cookie);
  }

  /** Splunk's parse check: 400 FATAL with the engine's (Splunk-worded) text. */
  function splErrorText(search: string): string | undefined {
    const first = firstCommandError(search);
    if (first !== undefined) return first;
    try {
      validateSpl(search);
      return undefined;
    } catch (err) {
      if (err instanceof SplError) return err.message;
      throw err;
    }
  }

  function createJob(ctx: Ctx): Promise<void> | void {
    const search = one(ctx.params, 'search') ?? '';
    if (!search.trim()) { sendMessage(ctx, 400, 'FATAL', 'Empty search.'); return; }
    const syntax = splErrorText(search);
    if (syntax !== undefined) { sendMessage(ctx, 400, 'FATAL', syntax); return; }
    const execMode = one(ctx.params, 'exec_mode') ?? 'normal';
    if (!['normal', 'blocking', 'oneshot'].includes(execMode)) {
      sendMessage(ctx, 400, 'ERROR', `Argument "exec_mode" has an invalid value "${execMode}".`); return;
    }
    const level = one(ctx.params, 'adhoc_search_level');
    if (level !== undefined && !['fast', 'smart', 'verbose'].includes(level)) {
      sendMessage(ctx, 400, 'ERROR', `Argument "adhoc_search_level" has an invalid value "${level}": use fast, smart or verbose.`); return;
    }
    const earliest = one(ctx.params, 'earliest_time');
    const latest = one(ctx.params, 'latest_time');
    const requestedId = one(ctx.params, 'id');
    const sid = requestedId && execMode !== 'oneshot' ? requestedId : jobs.nextSid();
    if (jobs.has(sid)) { sendMessage(ctx, 400, 'FATAL', `Search job with id '${sid}' already exists.`); return; }
    const job = new Job({
      sid, search, owner: ctx.principal?.user ?? 'admin', app: ctx.app === '-' ? 'search' : ctx.app,
      ...(earliest ? { earliestTime: earliest } : {}), ...(latest ? { latestTime: latest } : {}), params: ctx.params,
    }, options.source, timing, faults.current, now);
    const sendSid = () => sendAs(ctx, 201, () => JSON.stringify({ sid }), () => responseXml({ sid }));
    if (execMode === 'normal') {
      jobs.add(job);
      sendSid();
      return;
    }
    if (execMode === 'blocking') {
      jobs.add(job);
      return job.finished.then(sendSid);
    }
    // oneshot: the results document itself; the job is never listed
    const mode = parseOutputMode(one(ctx.params, 'output_mode'));
    if (!mode) { sendMessage(ctx, 400, 'ERROR', 'Invalid output_mode.'); return; }
    return job.finished.then(async () => {
      const page = pageRequest(ctx.params, 100, maxRows);
      if (isStreamedMode(mode)) { await sendPieces(ctx, resultPieces(job.fields, job.rows, page, mode, false, job.messages), mode === 'xml' ? XML_TYPE : JSON_TYPE); return; }
      const doc = renderResults(job.fields, job.rows, page, mode, false, job.messages);
      send(ctx, 200, doc.body, doc.contentType);
    });
  }

  function listJobs(ctx: Ctx, jobsPath: string): void {
    const all = jobs.all();
    const count = Number(one(ctx.params, 'count') ?? 30);
    const offset = Number(one(ctx.params, 'offset') ?? 0) || 0;
    const page = count > 0 ? all.slice(offset, offset + count) : all.slice(offset);
    const paging = { total: all.length, perPage: count > 0 ? count : 0, offset };
    sendAs(ctx, 200, () => feed(page.map((j) => jobEntry(j, jobsPath, origin())), jobsPath, paging),
      () => atomFeed(feedHead('jobs', jobsPath, paging), page.map((j) => atomJobEntry(j, jobsPath, origin()))));
  }

  async function sendResults(ctx: Ctx, job: Job, kind: 'results' | 'results_preview' | 'events'): Promise<void> {
    const mode = parseOutputMode(one(ctx.params, 'output_mode'));
    if (!mode) { sendMessage(ctx, 400, 'ERROR', 'Invalid output_mode.'); return; }
    const preview = !job.isDone;
    if (preview && kind !== 'results_preview' && (options.resultsBeforeDone ?? 'no-content') === 'no-content') {
      ctx.res.writeHead(204, { Server: 'Splunkd' });
      ctx.res.end();
      return;
    }
    const f = faults.current;
    const page = pageRequest(ctx.params, 100, maxRows);
    if (f.ignoreCount) page.count = Math.max(0, job.rows.length - page.offset);
    const messages = job.isFailed ? job.messages : [];
    const bodyFault = (f.oddCells && mode === 'json_rows') || (kind === 'results' && faults.hasResultsBodyFault());
    if (!bodyFault && isStreamedMode(mode)) {
      await sendPieces(ctx, resultPieces(job.fields, job.rows, page, mode, preview, messages), mode === 'xml' ? XML_TYPE : JSON_TYPE);
      return;
    }
    let doc = renderResults(job.fields, job.rows, page, mode, preview, job.isFailed ? job.messages : []);
    if (f.oddCells && mode === 'json_rows') doc = { ...doc, body: withOddCells(doc.body, f.oddCells) };
    const malformed = kind === 'results' ? faults.malformedBodyForResults() : undefined;
    if (malformed) { sendMalformed(ctx, malformed, doc.body); return; }
    const dropAt = kind === 'results' ? faults.dropFractionForResults() : undefined;
    if (dropAt === undefined) { send(ctx, 200, doc.body, doc.contentType); return; }
    // The fault: announce the whole body, send part of it, then cut the connection.
    const bytes = Buffer.from(doc.body);
    ctx.res.writeHead(200, { 'Content-Type': doc.contentType, 'Content-Length': bytes.length, Server: 'Splunkd' });
    ctx.res.write(bytes.subarray(0, Math.floor(bytes.length * dropAt)));
    await sleep(20);
    ctx.res.socket?.destroy();
  }

  function sendMalformed(ctx: Ctx, body: 'html' | 'truncated-json' | 'no-rows', real: string): void {
    if (body === 'html') send(ctx, 200, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'text/html; charset=UTF-8');
    else if (body === 'truncated-json') send(ctx, 200, real.slice(0, Math.floor(real.length / 2)));
    else send(ctx, 200, JSON.stringify({ preview: false, init_offset: 0, messages: [], fields: ['_raw'] }));
  }

  function control(ctx: Ctx, job: Job): void {
    const action = (one(ctx.params, 'action') ?? '').toLowerCase();
    const ok = (text: string) => sendMessage(ctx, 200, 'INFO', text);
    switch (action) {
      case 'cancel': jobs.remove(job.sid); return ok('Search job cancelled.');
      case 'finalize': job.finalize(); return ok('Search job finalized.');
      case 'pause': job.pause(); return ok('Search job paused.');
      case 'unpause': job.unpause(); return ok('Search job unpaused.');
      case 'touch': return ok('Search job touched.');
      case 'enablepreview': job.previewEnabled = true; return ok('Search job preview enabled.');
      case 'disablepreview': job.previewEnabled = false; return ok('Search job preview disabled.');
      case 'setttl': {
        const ttl = Number(one(ctx.params, 'ttl'));
        if (!Number.isFinite(ttl)) return sendMessage(ctx, 400, 'ERROR', 'Argument "ttl" is not a number.');
        job.ttl = ttl; return ok('Search job ttl set.');
      }
      case 'setpriority': {
        const p = Number(one(ctx.params, 'priority'));
        if (!Number.isInteger(p) || p < 0 || p > 10) return sendMessage(ctx, 400, 'ERROR', 'Argument "priority" must be 0-10.');
        job.priority = p; return ok('Search job priority set.');
      }
      default: return sendMessage(ctx, 400, 'ERROR', `Unknown action '${action}'.`);
    }
  }

  async function exportSearch(ctx: Ctx): Promise<void> {
    const search = one(ctx.params, 'search') ?? '';
    const syntax = search.trim() ? splErrorText(search) : 'Empty search.';
    if (syntax !== undefined) { sendMessage(ctx, 400, 'FATAL', syntax); return; }
    const earliest = one(ctx.params, 'earliest_time');
    const latest = one(ctx.params, 'latest_time');
    const abort = new AbortController();
    ctx.res.on('close', () => abort.abort());
    const writer = exportWriter(ctx.xml ? 'xml' : one(ctx.params, 'output_mode') === 'csv' ? 'csv' : 'json');
    ctx.res.writeHead(200, { 'Content-Type': writer.contentType, Server: 'Splunkd' });
    const write = async (text: string) => {
      if (text && !ctx.res.write(text)) await new Promise((r) => ctx.res.once('drain', r));
    };
    await write(writer.open());
    let error: string | undefined;
    try {
      for await (const batch of execute(search, options.source, {
        signal: abort.signal, now: now(),
        ...(earliest ? { earliestTime: earliest } : {}), ...(latest ? { latestTime: latest } : {}),
      })) {
        if (batch.rows.length > 0) await write(writer.rows(batch.fields, batch.rows));
      }
    } catch (err) {
      if (abort.signal.aborted) { ctx.res.end(); return; }
      error = err instanceof Error ? err.message : String(err);
    }
    const tail = writer.close(error);
    if (tail === undefined) { ctx.res.destroy(); return; }
    await write(tail);
    ctx.res.end();
  }

  function parser(ctx: Ctx): void {
    const q = one(ctx.params, 'q') ?? '';
    const syntax = q.trim() ? splErrorText(q) : 'Empty search.';
    if (syntax !== undefined) { sendMessage(ctx, 400, 'FATAL', syntax); return; }
    const commands = splitPipeline(q).map((part) => {
      const m = /^\s*(\S+)\s*([\s\S]*)$/.exec(part);
      return { command: m?.[1] ?? '', rawargs: (m?.[2] ?? '').trim(), args: {} };
    });
    const parsed = { remoteSearch: q, remoteTimeOrdered: true, eventsSearch: q, eventsTimeOrdered: true, eventsStreaming: true, reportsSearch: '', canSummarize: false, commands };
    // The parser is one of the few endpoints whose XML is plain <dict>/<key>, without the s: namespace.
    sendAs(ctx, 200, () => JSON.stringify({ ...parsed, messages: [] }), () => `${XML_DECLARATION}<response>${restValue(parsed, '', '')}</response>\n`);
  }

  async function handleJobs(ctx: Ctx, jobsPath: string, rest: string): Promise<void> {
    if (rest === '') {
      if (ctx.method === 'POST') return createJob(ctx) ?? undefined;
      if (ctx.method === 'GET') return listJobs(ctx, jobsPath);
      return sendMessage(ctx, 405, 'ERROR', 'Method not allowed.');
    }
    if (rest === '/export') return exportSearch(ctx);
    const m = /^\/([^/]+)(?:\/(results|results_preview|events|control|search\.log|summary|timeline))?$/.exec(rest);
    if (!m) return sendMessage(ctx, 404, 'ERROR', 'Not Found');
    const job = jobs.get(m[1]!);
    if (!job) return unknownSid(ctx);
    job.lastAccess = Date.now();
    const sub = m[2];
    if (!sub) {
      const pollFailure = ctx.method === 'DELETE' ? undefined : faults.pollFailure();
      // resetAndDestroy needs a bare TCP handle; over TLS a plain destroy is the nearest thing.
      if (pollFailure === 'reset') { if (protocol === 'http') ctx.req.socket.resetAndDestroy(); else ctx.req.socket.destroy(); return; }
      if (pollFailure) return sendMessage(ctx, pollFailure, 'ERROR', pollFailure === 503 ? 'Service Unavailable' : 'Internal Server Error');
      if (ctx.method === 'DELETE') { jobs.remove(job.sid); return sendMessage(ctx, 200, 'INFO', 'Search job cancelled.'); }
      if (ctx.method === 'GET' || ctx.method === 'POST') {
        // splunkd's XML puts a job's entry at the document root, not in a feed.
        return sendAs(ctx, 200, () => feed([jobEntry(job, jobsPath, origin())], jobsPath), () => atomEntry(atomJobEntry(job, jobsPath, origin())));
      }
      return sendMessage(ctx, 405, 'ERROR', 'Method not allowed.');
    }
    if (sub === 'control') {
      if (ctx.method !== 'POST') return sendMessage(ctx, 405, 'ERROR', 'Method not allowed.');
      return control(ctx, job);
    }
    if (sub === 'search.log') {
      return send(ctx, 200, searchLogText(job), 'text/plain; charset=UTF-8');
    }
    if (sub === 'summary' || sub === 'timeline') {
      // JSON stays as it was; XML (splunkd's default) is computed from the rows.
      if (!ctx.xml) return send(ctx, 200, JSON.stringify({ fields: {}, buckets: [], messages: [] }));
      return send(ctx, 200, sub === 'summary' ? summaryXml(job.fields, job.rows) : timelineXml(job.rows), XML_TYPE);
    }
    return sendResults(ctx, job, sub as 'results' | 'results_preview' | 'events');
  }

  async function route(ctx: Ctx): Promise<void> {
    const r = ctx.route;
    if (r === '/auth/login') {
      if (ctx.method !== 'POST') return sendMessage(ctx, 405, 'ERROR', 'Method not allowed.');
      return login(ctx);
    }
    const principal = auth.authenticate(ctx.req.headers.authorization, ctx.req.headers.cookie);
    if (!principal) return sendMessage(ctx, 401, 'WARN', 'call not properly authenticated');
    ctx.principal = principal;
    if (r === '/server/info') return serverInfo(ctx);
    if (r === '/search/parser' || r === '/search/v2/parser') return parser(ctx);
    const jm = /^\/search\/(?:v[12]\/)?jobs(\/.*)?$/.exec(r);
    if (jm) {
      const jobsPath = r.includes('/v2/') ? 'search/v2/jobs' : 'search/jobs';
      return handleJobs(ctx, jobsPath, jm[1] ?? '');
    }
    return sendMessage(ctx, 404, 'ERROR', `Not Found`);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://emulator');
    let path: string;
    try { path = decodeURIComponent(url.pathname); } catch { path = url.pathname; }
    if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
    const params: Params = {};
    addParams(params, url.searchParams);
    let body: string;
    try {
      body = await readBody(req, options.maxBodyBytes ?? MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLarge && !res.headersSent && !res.destroyed) {
        // Close rather than drain: the rest of an oversized body is not worth reading (so only the query string says the form).
        const reply = messagesReply(wantsXml(one(params, 'output_mode')), 'ERROR', 'Request body too large.');
        res.writeHead(413, { 'Content-Type': reply.contentType, 'Content-Length': Buffer.byteLength(reply.body), Connection: 'close', Server: 'Splunkd' });
        res.end(reply.body, () => req.socket.destroy());
      } else {
        req.socket.destroy();
      }
      return;
    }
    if (body) addParams(params, new URLSearchParams(body));
    const record: RequestRecord = { method, path, status: 0 };
    requests.push(record);
    res.on('finish', () => { record.status = res.statusCode; log(`${method} ${path} ${res.statusCode}`); });
    res.on('close', () => { if (!record.status) { record.status = res.writableFinished ? res.statusCode : -1; log(`${method} ${path} dropped`); } });

    const f = faults.current;
    if (f.latencyMs) await sleep(f.latencyMs);

    let owner = '-'; let app = '-'; let routePath: string | undefined;
    let m = /^\/services(\/.*)?$/.exec(path);
    if (m) routePath = m[1] ?? '';
    else if ((m = /^\/servicesNS\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path))) { owner = m[1]!; app = m[2]!; routePath = m[3] ?? ''; }
    const ctx: Ctx = { req, res, method, route: routePath ?? path, owner, app, params, xml: wantsXml(one(params, 'output_mode')) };
    const injected = faults.httpErrorFor(path);
    if (injected) {
      return sendMessage(ctx, injected, 'ERROR', injected === 503 ? 'Service Unavailable' : 'Internal Server Error');
    }
    if (routePath === undefined) return sendMessage(ctx, 404, 'ERROR', 'Not Found');
    try {
      await route(ctx);
    } catch (err) {
      sendMessage(ctx, 500, 'ERROR', err instanceof Error ? err.message : 'Internal Server Error');
    }
  }

  // One bad request must never take the server down: whatever escapes a handler ends that request only.
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => {
    handle(req, res).catch((err: unknown) => {
      log(`${req.method ?? '?'} request failed: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent && !res.destroyed) {
        let xml = true;
        try { xml = wantsXml(new URL(req.url ?? '/', 'http://emulator').searchParams.get('output_mode') ?? undefined); } catch { /* keep splunkd's default */ }
        const reply = messagesReply(xml, 'ERROR', 'Internal Server Error');
        try { res.writeHead(500, { 'Content-Type': reply.contentType, Connection: 'close' }).end(reply.body); } catch { res.destroy(); }
      } else res.destroy();
    });
  };
  const server: http.Server = protocol === 'https'
    ? https.createServer({ cert: certificate!.certPem, key: certificate!.keyPem }, listener)
    : http.createServer(listener);
  const sockets = new Set<Socket>();
  const reaper = setInterval(() => jobs.reap(), 10_000);
  reaper.unref();
  server.on('connection', (s: Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => { server.off('error', reject); resolve(); });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: origin(),
    port,
    protocol,
    certificatePem: certificate?.certPem,
    fingerprint256: certificate ? fingerprint256(certificate.certPem) : undefined,
    faults,
    jobs: {
      runningSids: () => jobs.runningSids(),
      sids: () => jobs.all().map((j) => j.sid),
      get: (sid) => {
        const j = jobs.get(sid);
        return j && { sid: j.sid, state: j.state, resultCount: j.rows.length, search: j.request.search };
      },
    },
    requests,
    expireSessions: () => auth.expireSessions(),
    issuedSessionKeys: () => [...auth.issued],
    revokeToken: (t) => auth.revokeToken(t),
    revokeAllTokens: () => auth.revokeAllTokens(),
    addToken: (t) => auth.addToken(t),
    close: async () => {
      clearInterval(reaper);
      jobs.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

export { MAX_RESULT_ROWS, firstCommandError, splitPipeline };
