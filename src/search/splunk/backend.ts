/**
 * SearchBackend over a Splunk server through splunk-sdk (imported by submodule, never its index.js),
 * with our verifying transport. One run: authenticate (once per backend), create a normal job, poll
 * it with a deadline and the caller's signal, then page the results with json_rows.
 */
import { randomBytes } from 'node:crypto';
import Service = require('splunk-sdk/lib/service');
import type { DispatchState, JobStatus, RunEvent, RunOptions, SearchBackend, SearchMessage } from '../backend';
import { SplunkError, splunkMessages, toSplunkError, type Phase } from './errors';
import { Redactor, redactingLogger, silentLogger, type Logger } from './redact';
import type { ProxySettings } from '../../net/proxy';
import { parseResultsPage, type ResultsPage } from './resultsPage';
import { VerifyingHttp, type TlsProfile } from './verifying-http';

export type SplunkAuth =
  | { kind: 'token'; token: string }
  | { kind: 'password'; username: string; password: string };

export interface SplunkConnection {
  /** `https://host:8089` (http only for an explicit local test server). */
  url: string;
  auth: SplunkAuth;
  tls: TlsProfile;
  app?: string;
  owner?: string;
}

export interface SplunkBackendOptions {
  logger?: Logger;
  label?: string;
  /** First poll delay (default 100 ms); grows ×1.5 per poll up to `maxPollIntervalMs` (default 500 ms). */
  pollIntervalMs?: number;
  maxPollIntervalMs?: number;
  /** Give up (and cancel the job) if it is not done by then. Default 30 min. */
  jobTimeoutMs?: number;
  /** Per-request deadline. Default 120 s. */
  requestTimeoutMs?: number;
  connectTimeoutMs?: number;
  /** VS Code's proxy settings (src/net/proxy.ts); undefined connects directly. */
  proxy?: ProxySettings | undefined;
  /** Yield preview pages (from results_preview) while the job runs. */
  previewWhileRunning?: boolean;
  /**
   * Rows per preview (the first ones). Default 1,000: enough to read while the job runs, and the whole
   * preview is fetched again each time it grows, so it stays small.
   */
  previewRows?: number;
  /** Result pages requested ahead while the current one is consumed. Default 3. */
  parallelPages?: number;
  /** Leave finished jobs on the server (for inspection in Splunk Web) instead of removing them. */
  keepFinishedJobs?: boolean;
  /** Retries of a job status request after a transient failure (5xx, dropped connection). Default 3. */
  pollRetries?: number;
  /** First retry delay, doubled per retry. Default 500 ms. */
  pollRetryDelayMs?: number;
  /**
   * Time the server-side cancel of an abandoned job may take, in the background. Default 5 s: the
   * run has already ended, and an unresponsive server must not keep a request open for minutes.
   */
  cancelBudgetMs?: number;
  /**
   * Where the secrets of this connection are registered (the credential, and each session key once a
   * login returns one). Pass the redactor that also scrubs what the user is shown, so that an error
   * echoing a session key is caught there too; default: one of the backend's own.
   */
  redactor?: Redactor;
}

export const MAX_PAGE_SIZE = 50_000;
const SEARCH_LOG_LIMIT = 2_000_000;

const STATES = new Set<DispatchState>(['QUEUED', 'PARSING', 'RUNNING', 'PAUSED', 'FINALIZING', 'FAILED', 'DONE']);

function isLoopback(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function num(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isFinite(n) ? n : 0;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) { resolve(); return; }
    const t = setTimeout(done, ms);
    function done() { clearTimeout(t); signal.removeEventListener('abort', done); resolve(); }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The status splunk-sdk's job properties describe, in the backend contract's shape. */
export function jobStatusFrom(sid: string, p: Service.JobProperties): JobStatus {
  const state = String(p.dispatchState ?? 'QUEUED').toUpperCase() as DispatchState;
  return {
    kind: 'status',
    sid,
    state: STATES.has(state) ? state : 'RUNNING',
    doneProgress: Math.max(0, Math.min(1, num(p.doneProgress))),
    scanCount: num(p['scanCount']),
    eventCount: num(p.eventCount),
    resultCount: num(p.resultCount),
    runDuration: num(p.runDuration),
    messages: splunkMessages({ messages: p.messages }),
  };
}

export class SplunkBackend implements SearchBackend {
  readonly label: string;
  private readonly connection: SplunkConnection;
  private readonly options: SplunkBackendOptions;
  private readonly redactor: Redactor;
  private readonly log: Logger;
  private readonly http: VerifyingHttp;
  /** Same connection, short deadlines: for cancelling abandoned jobs. */
  private readonly cancelHttp: VerifyingHttp;
  private readonly target: URL;
  /** Session state shared across runs: the key from login (or the token) and the server version. */
  private sessionKey: string | undefined;
  private version: string | undefined;
  private authenticating: Promise<void> | undefined;
  private disposed = false;
  private readonly active = new Set<AbortController>();

  constructor(connection: SplunkConnection, options: SplunkBackendOptions = {}) {
    this.connection = connection;
    this.options = options;
    this.target = new URL(connection.url);
    this.redactor = options.redactor ?? new Redactor();
    if (connection.auth.kind === 'token') this.redactor.add(connection.auth.token);
    else this.redactor.add(connection.auth.password);
    this.log = redactingLogger(options.logger ?? silentLogger, this.redactor);
    this.http = new VerifyingHttp({
      origin: this.target.origin,
      tls: connection.tls,
      logger: this.log,
      proxy: options.proxy,
      ...(options.requestTimeoutMs !== undefined ? { requestTimeoutMs: options.requestTimeoutMs } : {}),
      ...(options.connectTimeoutMs !== undefined ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    });
    const budget = this.cancelBudgetMs;
    this.cancelHttp = new VerifyingHttp({ origin: this.target.origin, tls: connection.tls, proxy: options.proxy, logger: this.log, requestTimeoutMs: budget, connectTimeoutMs: budget });
    this.label = options.label ?? `Splunk ${this.target.host}`;
    if (connection.tls.mode === 'insecure') this.log.warn(`TLS verification is OFF for ${this.target.origin}.`);
  }

  private get origin(): string { return this.target.origin; }

  private get cancelBudgetMs(): number { return this.options.cancelBudgetMs ?? 5000; }

  /** A Service for one run, sharing the session (key, cookies, version) and bound to `signal`. */
  private service(signal: AbortSignal | undefined, transport: VerifyingHttp = this.http): Service {
    const auth = this.connection.auth;
    const params: Service.Params = {
      scheme: this.target.protocol === 'http:' ? 'http' : 'https',
      // The SDK builds its URLs as scheme://host:port, so an IPv6 literal keeps its brackets.
      host: this.target.hostname,
      port: Number(this.target.port || (this.target.protocol === 'http:' ? 80 : 443)),
      ...(this.version ? { version: this.version } : {}),
      ...(this.connection.app ? { app: this.connection.app } : {}),
      ...(this.connection.owner ? { owner: this.connection.owner } : {}),
    };
    if (auth.kind === 'token') {
      Object.assign(params, { sessionKey: auth.token, authorization: 'Bearer', autologin: false });
    } else {
      // autologin lets the SDK re-login once when a session key has expired
      Object.assign(params, { username: auth.username, password: auth.password, autologin: true, ...(this.sessionKey ? { sessionKey: this.sessionKey } : {}) });
    }
    return new Service(transport.withSignal(signal), params);
  }

  private keepSession(svc: Service): void {
    if (this.connection.auth.kind === 'password' && svc.sessionKey && svc.sessionKey !== this.sessionKey) {
      this.sessionKey = svc.sessionKey;
      this.redactor.add(svc.sessionKey);
    }
    if (svc.version && svc.version !== 'default') this.version = svc.version;
  }

  private fail(err: unknown, phase: Phase, sid?: string): SplunkError {
    const e = toSplunkError(err, { phase, authKind: this.connection.auth.kind, origin: this.origin, ...(sid ? { sid } : {}) });
    return e;
  }

  /** Log in (password) or check the token with server/info, so the version (v1/v2 paths) is known. */
  private async authenticate(signal: AbortSignal): Promise<void> {
    if (this.version && (this.connection.auth.kind === 'token' || this.sessionKey)) return;
    this.authenticating ??= (async () => {
      const svc = this.service(signal);
      try {
        if (this.connection.auth.kind === 'password') await svc.login();
        else await svc.getInfo();
        this.keepSession(svc);
        this.log.info(`Signed in to ${this.origin} (Splunk ${this.version ?? 'unknown version'}).`);
      } catch (err) {
        throw this.fail(err, 'login');
      }
    })().finally(() => { this.authenticating = undefined; });
    await this.authenticating;
  }

  /**
   * One GET of a REST endpoint (`/services/data/indexes`, ...) as JSON, every entry (count=0), on
   * this connection's session. The body is the server's: whoever reads it validates it.
   */
  async getJson(path: string, signal: AbortSignal): Promise<unknown> {
    if (this.disposed) throw new SplunkError('cancelled', 'The Splunk connection was closed.');
    if (this.target.protocol === 'http:' && !isLoopback(this.target.hostname)) {
      throw new SplunkError('tls-untrusted', `Refusing plain HTTP to ${this.origin}: use https (plain HTTP is allowed only for localhost).`);
    }
    await this.authenticate(signal);
    const svc = this.service(signal);
    try {
      const res = await svc.get(path, { output_mode: 'json', count: 0 });
      this.keepSession(svc);
      return res.data;
    } catch (err) {
      throw this.fail(err, 'create');
    }
  }

  async *run(query: string, options: RunOptions, signal: AbortSignal): AsyncIterable<RunEvent> {
    if (this.disposed) throw new SplunkError('cancelled', 'The Splunk connection was closed.');
    if (this.target.protocol === 'http:' && !isLoopback(this.target.hostname)) {
      // Credentials in clear text over a network: only a local test server may use plain HTTP.
      throw new SplunkError('tls-untrusted', `Refusing plain HTTP to ${this.origin}: use https (plain HTTP is allowed only for localhost).`);
    }
    const controller = new AbortController();
    const relay = () => controller.abort();
    signal.addEventListener('abort', relay, { once: true });
    if (signal.aborted) controller.abort();
    this.active.add(controller);
    const runSignal = controller.signal;
    let job: Service.Job | undefined;
    let createdSid: string | undefined;
    let svc: Service | undefined;
    const cancelled = () => new SplunkError('cancelled', 'The search was cancelled.', job ? { sid: job.sid } : {});
    try {
      await this.authenticate(runSignal);
      if (runSignal.aborted) throw cancelled();
      svc = this.service(runSignal);
      // Our own sid: if the run is cancelled while the create request is in flight, the job can
      // still be found and cancelled on the server.
      createdSid = `splwb_${Date.now()}_${randomBytes(6).toString('hex')}`;
      const params: Record<string, string> = { exec_mode: 'normal', id: createdSid };
      // The SDK sends undefined values as the text "undefined": only set what is given.
      if (options.earliestTime !== undefined) params['earliest_time'] = options.earliestTime;
      if (options.latestTime !== undefined) params['latest_time'] = options.latestTime;
      if (options.searchMode !== undefined) params['adhoc_search_level'] = options.searchMode;
      try {
        job = await svc.search(query, params);
      } catch (err) {
        throw runSignal.aborted ? cancelled() : this.fail(err, 'create');
      }
      this.keepSession(svc);
      const sid = job.sid;
      this.log.info(`Job ${sid} created.`);

      // Poll (not track(): it has no deadline and loops forever on PAUSED).
      const deadline = Date.now() + (this.options.jobTimeoutMs ?? 30 * 60_000);
      let interval = this.options.pollIntervalMs ?? 100;
      let status: JobStatus;
      let previewCount = -1;
      for (;;) {
        if (runSignal.aborted) throw cancelled();
        await this.pollWithRetry(job, runSignal, cancelled);
        status = jobStatusFrom(sid, job.properties());
        yield status;
        if (status.state === 'FAILED' || job.properties().isFailed === true) {
          const severe = status.messages.filter((m) => m.type === 'FATAL' || m.type === 'ERROR');
          throw new SplunkError('job-failed', `The search failed on the server: ${(severe.length ? severe : status.messages).map((m) => m.text).join(' ') || 'no reason given'}`,
            { sid, messages: severe });
        }
        if (status.state === 'DONE' && job.properties().isDone === true) break;
        if (this.options.previewWhileRunning) {
          const available = num(job.properties().resultPreviewCount);
          if (available > 0 && available !== previewCount) {
            previewCount = available;
            const rows = Math.min(this.options.previewRows ?? 1000, options.pageSize ?? MAX_PAGE_SIZE, options.maxResults, MAX_PAGE_SIZE);
            // A preview is a courtesy while the job runs: its failure is logged, and the run goes on.
            const page = await this.fetchPage(job, 'preview', 0, rows).catch((err: unknown) => {
              if (!runSignal.aborted) this.log.warn(`Preview of ${sid} failed; the final results will still be fetched: ${this.fail(err, 'results', sid).message}`);
              return undefined;
            });
            if (runSignal.aborted) throw cancelled();
            if (page) yield { kind: 'page', fields: page.fields, rows: page.rows, offset: 0, preview: true };
          }
        }
        if (Date.now() > deadline) {
          throw new SplunkError('timeout', `The search did not finish within ${Math.round((this.options.jobTimeoutMs ?? 1_800_000) / 1000)} s and was cancelled.`, { sid });
        }
        await sleep(interval, runSignal);
        interval = Math.min(Math.round(interval * 1.5), this.options.maxPollIntervalMs ?? 500);
      }

      // Page through the final results.
      const total = status.resultCount;
      const wanted = Math.min(total, Math.max(0, options.maxResults));
      let pageSize = Math.max(1, Math.min(options.pageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE));
      let offset = 0;
      const messages: SearchMessage[] = [...status.messages];
      let incomplete = false;
      // Keep the next page(s) in flight while one is parsed and consumed: the server renders page
      // k+1 while we handle page k.
      type Fetched = { ok: true; page: ResultsPage } | { ok: false; err: unknown };
      const inflight: { offset: number; count: number; result: Promise<Fetched> }[] = [];
      const parallel = Math.max(1, this.options.parallelPages ?? 3);
      let launchOffset = 0;
      const fill = () => {
        while (inflight.length < parallel && launchOffset < wanted) {
          const count = Math.min(pageSize, wanted - launchOffset);
          const result = this.fetchPage(job!, 'results', launchOffset, count)
            .then((page): Fetched => ({ ok: true, page }), (err: unknown): Fetched => ({ ok: false, err }));
          inflight.push({ offset: launchOffset, count, result });
          launchOffset += count;
        }
      };
      fill();
      while (inflight.length > 0) {
        if (runSignal.aborted) throw cancelled();
        const slot = inflight.shift()!;
        const fetched = await slot.result;
        if (!fetched.ok) {
          if (runSignal.aborted) throw cancelled();
          const e = this.fail(fetched.err, 'results', sid);
          if (e.kind === 'connection-dropped' || e.kind === 'timeout' || e.kind === 'server-error') {
            // Keep what arrived; say the set is incomplete.
            this.log.warn(`Results transfer for ${sid} broke at row ${offset}: ${e.message}`);
            messages.push({ type: 'ERROR', text: `${e.message} Only ${offset} of ${wanted} rows arrived.` });
            incomplete = true;
            break;
          }
          throw e;
        }
        const page = fetched.page;
        if (page.rows.length === 0) break;
        offset = slot.offset + page.rows.length;
        if (page.rows.length < slot.count) {
          // The server caps pages lower than asked (limits.conf maxresultrows): re-plan from here.
          inflight.length = 0;
          pageSize = page.rows.length;
          launchOffset = offset;
        }
        fill();
        for (const m of page.messages) if (!messages.some((x) => x.text === m.text)) messages.push(m);
        yield { kind: 'page', fields: page.fields, rows: page.rows, offset: slot.offset, preview: false };
      }
      // Final pages replace preview rows from their offset on; with no final rows at all, say so with
      // an empty page, or the last preview would pass for the result.
      if (previewCount > 0 && offset === 0) yield { kind: 'page', fields: [], rows: [], offset: 0, preview: false };
      this.log.info(`Job ${sid}: ${offset} of ${total} rows fetched${incomplete ? ' (incomplete)' : ''}.`);
      yield { kind: 'done', sid, totalResults: total, fetchedResults: offset, truncated: !incomplete && total > offset, incomplete, messages };
      if (!this.options.keepFinishedJobs) await this.removeQuietly(job);
      job = undefined;
      createdSid = undefined;
    } catch (err) {
      // The SDK may have logged in again during the run: know that session key before scrubbing.
      if (svc) this.keepSession(svc);
      const e = (err instanceof SplunkError ? err : this.fail(err, 'poll', job?.sid)).redacted(this.redactor);
      if (e.kind === 'cancelled') this.log.info(e.message);
      else this.log.error(`Search failed (${e.kind}): ${e.message}`);
      throw e;
    } finally {
      // Still set when the run did not finish normally (error, cancel, or the consumer stopped early):
      // never leave a job running on the server. Not awaited: the run is over for the user now, and
      // an unresponsive server must not hold it open.
      if (createdSid) this.cancelInBackground(createdSid);
      if (svc) this.keepSession(svc);
      signal.removeEventListener('abort', relay);
      // Stops page requests still in flight when the consumer stopped early.
      controller.abort();
      this.active.delete(controller);
    }
  }

  /**
   * The job's search.log as text (Splunk Web's job inspector links the same file). The job must still
   * be on the server: finished jobs are removed unless `keepFinishedJobs` is set. Capped at 2 MB, since
   * the log of a long search can be far larger than anyone reads in an editor.
   */
  async searchLog(sid: string, signal: AbortSignal): Promise<string> {
    if (this.disposed) throw new SplunkError('cancelled', 'The Splunk connection was closed.');
    await this.authenticate(signal);
    const svc = this.service(signal);
    try {
      const res = await svc.get(`search/jobs/${encodeURIComponent(sid)}/search.log`, {});
      const text = typeof res.data === 'string' ? res.data : JSON.stringify(res.data ?? '');
      return text.length > SEARCH_LOG_LIMIT ? `${text.slice(0, SEARCH_LOG_LIMIT)}\n… (cut at ${SEARCH_LOG_LIMIT.toLocaleString('en-US')} characters)` : text;
    } catch (err) {
      throw this.fail(err, 'results', sid).redacted(this.redactor);
    } finally {
      this.keepSession(svc);
    }
  }

  /** One job status request, retried with backoff while the failure looks transient. */
  private async pollWithRetry(job: Service.Job, signal: AbortSignal, cancelled: () => SplunkError): Promise<void> {
    const retries = Math.max(0, this.options.pollRetries ?? 3);
    let delay = this.options.pollRetryDelayMs ?? 500;
    for (let attempt = 0; ; attempt++) {
      try {
        await job.fetch();
        return;
      } catch (err) {
        if (signal.aborted) throw cancelled();
        const e = this.fail(err, 'poll', job.sid);
        const transient = e.kind === 'connection-dropped' || (e.kind === 'server-error' && (e.status ?? 0) >= 500);
        if (!transient || attempt >= retries) throw e;
        this.log.warn(`Status of job ${job.sid} failed (${e.message}); retry ${attempt + 1} of ${retries} in ${delay} ms.`);
        await sleep(delay, signal);
        if (signal.aborted) throw cancelled();
        delay *= 2;
      }
    }
  }

  private async fetchPage(job: Service.Job, which: 'results' | 'preview', offset: number, count: number): Promise<ResultsPage> {
    const [doc] = await job[which]({ count, offset, output_mode: 'json_rows' });
    return parseResultsPage(doc, offset, count, which);
  }

  /**
   * Cancel on the server, within the cancel budget, with a transport not tied to the (aborted) run
   * signal. One request (no fetch of the job first), and its failure only logged: the run has
   * already ended for the user.
   */
  private cancelInBackground(sid: string): void {
    const budget = this.cancelBudgetMs;
    const svc = this.service(AbortSignal.timeout(budget), this.cancelHttp);
    const job = new Service.Job(svc, sid);
    void job.cancel().then(
      () => this.log.info(`Job ${sid} cancelled on the server.`),
      (err: unknown) => {
        const e = this.fail(err, 'cancel', sid);
        // 404: never created, already gone, or cancelled elsewhere; nothing left to do.
        if (e.status === 404) return;
        const why = e.kind === 'cancelled' || e.kind === 'timeout' ? `no answer within ${budget} ms` : e.message;
        this.log.warn(`Could not cancel job ${sid} on the server (${why}); it may run until the server expires it.`);
      },
    );
  }

  private async removeQuietly(job: Service.Job): Promise<void> {
    try { await job.remove(); } catch (err) { this.log.debug(`Could not remove job ${job.sid}: ${this.fail(err, 'cancel', job.sid).message}`); }
  }

  dispose(): void {
    this.disposed = true;
    for (const c of this.active) c.abort();
    this.sessionKey = undefined;
  }
}
