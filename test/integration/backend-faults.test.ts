/**
 * SplunkBackend against the server's fault switches: each failure surfaces as the right SplunkError kind
 * with a readable message, cancels leave nothing running, and no secret appears in any log line or error.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import type { RunningServer } from '../../src/server';
import type { JobStatus, ResultPage, RunComplete, RunEvent, RunOptions } from '../../src/search/backend';
import { Redactor, SplunkBackend, SplunkError, type SplunkBackendOptions, type SplunkConnection } from '../../src/search/splunk';
import { CapturingLogger, PASSWORD, TOKEN, eventually, testServer } from './helpers';

const logger = new CapturingLogger();
const errors: SplunkError[] = [];
const QUERY = 'search | table _time host EventCode Image CommandLine';

async function collect(backend: SplunkBackend, options: Partial<RunOptions> = {}, signal = new AbortController().signal, query = QUERY): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  try {
    for await (const ev of backend.run(query, { maxResults: 1_000_000, ...options }, signal)) out.push(ev);
  } catch (e) {
    if (e instanceof SplunkError) errors.push(e);
    throw e;
  }
  return out;
}

const pages = (evs: RunEvent[]) => evs.filter((e): e is ResultPage => e.kind === 'page');
const done = (evs: RunEvent[]) => evs.find((e): e is RunComplete => e.kind === 'done');
const statuses = (evs: RunEvent[]) => evs.filter((e): e is JobStatus => e.kind === 'status');

async function expectKind(p: Promise<unknown>, kind: SplunkError['kind'], messageIncludes?: string): Promise<SplunkError> {
  let caught: unknown;
  await p.catch((e: unknown) => { caught = e; });
  assert.ok(caught instanceof SplunkError, `expected a SplunkError, got ${String(caught)}`);
  assert.equal(caught.kind, kind, caught.message);
  if (messageIncludes) assert.ok(caught.message.includes(messageIncludes), caught.message);
  return caught;
}

describe('SplunkBackend against fault switches', function () {
  this.timeout(60_000);
  let server: RunningServer;

  const backend = (auth: SplunkConnection['auth'] = { kind: 'password', username: 'admin', password: PASSWORD }, options: SplunkBackendOptions = {}) =>
    new SplunkBackend({ url: server.url, auth, tls: { mode: 'fingerprint', sha256: server.fingerprint256! } }, { logger, pollIntervalMs: 10, maxPollIntervalMs: 50, pollRetryDelayMs: 10, ...options });

  before(async () => {
    server = await testServer({ events: 120_000, log: () => undefined });
  });
  after(() => server.close());
  beforeEach(() => server.faults.reset());
  afterEach(async () => {
    // every test: nothing left running on the server
    await eventually(() => server.jobs.runningSids().length === 0, 3000);
  });

  it('runs a search: statuses, then pages of ≤ pageSize rows up to maxResults (truncated)', async () => {
    const evs = await collect(backend(), { maxResults: 70_000, pageSize: 30_000 });
    const st = statuses(evs);
    assert.ok(st.length >= 1);
    assert.equal(st[st.length - 1]!.state, 'DONE');
    assert.deepEqual(pages(evs).map((p) => [p.offset, p.rows.length]), [[0, 30_000], [30_000, 30_000], [60_000, 10_000]]);
    assert.deepEqual(pages(evs)[0]!.fields, ['_time', 'host', 'EventCode', 'Image', 'CommandLine']);
    const d = done(evs)!;
    assert.equal(d.totalResults, 120_000);
    assert.equal(d.fetchedResults, 70_000);
    assert.equal(d.truncated, true);
    assert.equal(d.incomplete, false);
    assert.deepEqual(server.jobs.sids(), [], 'the finished job was removed');
  });

  it('a server that caps pages lower than asked (maxresultrows) still gets every row, in order', async () => {
    const small = await testServer({ events: 25_000, maxResultRows: 10_000 });
    try {
      const b = new SplunkBackend({ url: small.url, auth: { kind: 'token', token: TOKEN }, tls: { mode: 'fingerprint', sha256: small.fingerprint256! } }, { logger, pollIntervalMs: 10 });
      const evs = await collect(b, { maxResults: 1_000_000, pageSize: 50_000 });
      assert.deepEqual(pages(evs).map((p) => [p.offset, p.rows.length]), [[0, 10_000], [10_000, 10_000], [20_000, 5_000]]);
      assert.equal(done(evs)!.fetchedResults, 25_000);
    } finally { await small.close(); }
  });

  it('previews rows while the job runs when asked', async () => {
    server.faults.set({ slowJobMs: 1500 });
    const evs = await collect(backend(undefined, { previewWhileRunning: true }), { maxResults: 100 });
    assert.ok(pages(evs).some((p) => p.preview), 'a preview page arrived');
    assert.equal(pages(evs).filter((p) => !p.preview).reduce((n, p) => n + p.rows.length, 0), 100);
  });

  it('a slow job reports rising progress', async () => {
    server.faults.set({ slowJobMs: 1500 });
    const evs = await collect(backend(), { maxResults: 10 });
    const progress = statuses(evs).filter((s) => s.state === 'RUNNING').map((s) => s.doneProgress);
    assert.ok(progress.length >= 3, `polled ${progress.length} times`);
    assert.ok(progress[progress.length - 1]! > progress[0]!);
    assert.equal(statuses(evs).at(-1)!.doneProgress, 1);
  });

  it('wrong password → auth-failed', async () => {
    await expectKind(collect(backend({ kind: 'password', username: 'admin', password: 'not-the-password' })), 'auth-failed', 'wrong user name or password');
  });

  it('revoked token → token-rejected', async () => {
    server.addToken('short-lived-token-123');
    const b = backend({ kind: 'token', token: 'short-lived-token-123' });
    assert.ok(done(await collect(b, { maxResults: 5 })));
    server.revokeToken('short-lived-token-123');
    await expectKind(collect(b, { maxResults: 5 }), 'token-rejected', 'token');
  });

  it('expired session keys → the client logs in again and the run succeeds', async () => {
    const b = backend();
    assert.ok(done(await collect(b, { maxResults: 5 })));
    const logins = server.requests.filter((r) => r.path === '/services/auth/login').length;
    server.expireSessions();
    const evs = await collect(b, { maxResults: 5 });
    assert.equal(done(evs)!.fetchedResults, 5);
    assert.equal(server.requests.filter((r) => r.path === '/services/auth/login').length, logins + 1);
  });

  it('bad SPL → spl-syntax with Splunk\'s own text', async () => {
    const e = await expectKind(collect(backend(), {}, undefined, 'index=main | head 1'), 'spl-syntax');
    assert.equal(e.message, "Unknown search command 'index'.");
    assert.deepEqual(e.messages, [{ type: 'FATAL', text: "Unknown search command 'index'." }]);
  });

  it('a job that fails after dispatch → job-failed with the FATAL text', async () => {
    server.faults.set({ failJobs: "Error in 'search' command: simulated failure." });
    await expectKind(collect(backend()), 'job-failed', "simulated failure");
  });

  it('503 on job creation → server-error', async () => {
    server.faults.set({ httpError: { status: 503, pathIncludes: '/search/v2/jobs' } });
    await expectKind(collect(backend()), 'server-error', '503');
  });

  it('500 from the Nth request on, past the poll retries → server-error', async () => {
    const b = backend();
    await collect(b, { maxResults: 1 });
    server.faults.set({ httpError: { status: 500, nth: 2, times: 100 } }); // create, then every poll fails
    // While every request fails the job cannot be cancelled either, so it must end on its own quickly:
    // a search over all 120,000 events took over the 3 s the afterEach allows on a loaded machine.
    await expectKind(collect(b, {}, undefined, `${QUERY} | head 100`), 'server-error', '500');
    assert.ok(logger.lines.some((l) => /retry 3 of 3/.test(l)));
  });

  for (const fault of [{ status: 503 as const, times: 2 }, { times: 2 }]) {
    it(`transient ${fault.status ?? 'connection reset'} on job status polls is retried and the run succeeds`, async () => {
      server.faults.set({ slowJobMs: 300, pollErrors: fault });
      const evs = await collect(backend(), { maxResults: 50 });
      assert.equal(done(evs)!.fetchedResults, 50);
      const seen = fault.status ? String(fault.status) : 'dropped';
      assert.ok(logger.lines.some((l) => /retry 2 of 3/.test(l) && l.includes(seen)), 'both failures were retried');
    });
  }

  for (const body of ['html', 'truncated-json', 'no-rows'] as const) {
    it(`a results page that is not a results document (${body}) fails the run naming its offset, never "truncated"`, async () => {
      server.faults.set({ malformedResults: { nth: 2, body } });
      await expectKind(collect(backend(), { maxResults: 2000, pageSize: 1000 }), 'bad-response', 'page at offset 1000');
    });
  }

  it('number cells arrive as strings; object cells as JSON text with a WARN naming the first row', async () => {
    server.faults.set({ oddCells: 'numbers' });
    const numeric = pages(await collect(backend(), { maxResults: 20 }, undefined, 'search | stats count by EventCode'));
    const cells = numeric.flatMap((p) => p.rows.flat());
    assert.ok(cells.length > 0 && cells.every((c) => typeof c === 'string'), JSON.stringify(cells.slice(0, 6)));
    server.faults.set({ oddCells: 'objects' });
    const evs = await collect(backend(), { maxResults: 30, pageSize: 10 });
    const last = pages(evs)[1]!.rows[0]!.at(-1);
    assert.ok(typeof last === 'string' && last.startsWith('{"value":'), String(last));
    assert.ok(done(evs)!.messages.some((m) => m.type === 'WARN' && m.text.includes('first in row 0')), JSON.stringify(done(evs)!.messages));
  });

  it('a failing preview fetch is logged and the run still completes', async () => {
    server.faults.set({ slowJobMs: 600, httpError: { status: 500, pathIncludes: '/results_preview' } });
    const evs = await collect(backend(undefined, { previewWhileRunning: true }), { maxResults: 100 });
    assert.equal(done(evs)!.fetchedResults, 100);
    assert.ok(logger.lines.some((l) => l.startsWith('warn Preview of')), 'the preview failure was logged');
  });

  it('a server that ignores count cannot push rows past maxResults (final pages and previews)', async () => {
    server.faults.set({ ignoreCount: true, slowJobMs: 400 });
    const evs = await collect(backend(undefined, { previewWhileRunning: true, previewRows: 50 }), { maxResults: 1000, pageSize: 400 }, undefined, `${QUERY} | head 1500`);
    assert.deepEqual(pages(evs).filter((p) => !p.preview).map((p) => [p.offset, p.rows.length]), [[0, 400], [400, 400], [800, 200]]);
    assert.ok(pages(evs).filter((p) => p.preview).every((p) => p.rows.length <= 50));
    assert.equal(done(evs)!.fetchedResults, 1000);
  });

  it('a connection dropped mid-results keeps what arrived and ends incomplete with an error message', async () => {
    // the third results request (rows 100,000-119,999) breaks half-way through its body
    server.faults.set({ dropResults: { nth: 3, fraction: 0.5 } });
    const evs = await collect(backend(), { maxResults: 120_000, pageSize: 50_000 });
    assert.deepEqual(pages(evs).map((p) => [p.offset, p.rows.length]), [[0, 50_000], [50_000, 50_000]]);
    const d = done(evs)!;
    assert.equal(d.incomplete, true);
    assert.equal(d.truncated, false);
    assert.equal(d.fetchedResults, 100_000);
    assert.ok(d.messages.some((m) => m.type === 'ERROR' && /dropped/.test(m.text) && m.text.includes('100000 of 120000')), JSON.stringify(d.messages));
  });

  it('latency beyond the request deadline → timeout', async () => {
    server.faults.set({ latencyMs: 500 });
    await expectKind(collect(backend(undefined, { requestTimeoutMs: 150 })), 'timeout');
  });

  it('a paused job past the job deadline → timeout, and the job is cancelled', async () => {
    server.faults.set({ pauseJobs: true });
    await expectKind(collect(backend(undefined, { jobTimeoutMs: 300 })), 'timeout', 'did not finish');
  });

  it('aborting the signal → cancelled, and the job is cancelled on the server', async () => {
    server.faults.set({ slowJobMs: 5000 });
    const ac = new AbortController();
    const p = collect(backend(), {}, ac.signal);
    await eventually(() => server.jobs.runningSids().length === 1);
    const sid = server.jobs.runningSids()[0]!;
    ac.abort();
    await expectKind(p, 'cancelled');
    await eventually(() => server.jobs.get(sid) === undefined);
    assert.ok(server.requests.some((r) => r.method === 'POST' && r.path.endsWith(`${sid}/control`)));
  });

  it('stopping iteration early cancels the job too', async () => {
    server.faults.set({ slowJobMs: 5000 });
    for await (const ev of backend().run(QUERY, { maxResults: 10 }, new AbortController().signal)) {
      if (ev.kind === 'status') break;
    }
    await eventually(() => server.jobs.runningSids().length === 0);
  });

  it('cancel against an unresponsive server ends the run at once; the server-side cancel gives up within its budget and says so', async () => {
    server.faults.set({ slowJobMs: 10_000 });
    const ac = new AbortController();
    const p = collect(backend(undefined, { cancelBudgetMs: 300 }), {}, ac.signal);
    await eventually(() => server.jobs.runningSids().length === 1);
    const sid = server.jobs.runningSids()[0]!;
    server.faults.set({ latencyMs: 30_000 });
    const t0 = Date.now();
    ac.abort();
    await expectKind(p, 'cancelled');
    const ended = Date.now() - t0;
    assert.ok(ended < 1000, `the run took ${ended} ms to end after cancel`);
    await eventually(() => logger.lines.some((l) => l.includes(`Could not cancel job ${sid}`) && l.includes('within 300 ms')), 3000);
    server.faults.set({ latencyMs: 0 });
    await fetchWithAuth(server, `/services/search/jobs/${sid}/control`, 'action=cancel');
  });

  it('the job cancelled elsewhere while polling → job-cancelled-elsewhere', async () => {
    server.faults.set({ slowJobMs: 5000 });
    const p = collect(backend());
    await eventually(() => server.jobs.runningSids().length === 1);
    const sid = server.jobs.runningSids()[0]!;
    // cancel through the REST API, as another client would
    await fetchWithAuth(server, `/services/search/jobs/${sid}/control`, 'action=cancel');
    await expectKind(p, 'job-cancelled-elsewhere', sid);
  });

  it('a closed port → connection-refused', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => { const pt = (s.address() as net.AddressInfo).port; s.close(() => resolve(pt)); });
    });
    const b = new SplunkBackend({ url: `https://127.0.0.1:${port}`, auth: { kind: 'token', token: TOKEN }, tls: { mode: 'system' } }, { logger });
    await expectKind(collect(b), 'connection-refused', 'connection refused');
  });

  it('plain HTTP to a non-loopback host is refused before any connection', async () => {
    const b = new SplunkBackend({ url: 'http://splunk.example.test:8089', auth: { kind: 'token', token: TOKEN }, tls: { mode: 'system' } }, { logger });
    await expectKind(collect(b), 'tls-untrusted', 'plain HTTP');
  });

  it('an unresolvable host → dns', async () => {
    const b = new SplunkBackend({ url: 'https://no-such-host.invalid:8089', auth: { kind: 'token', token: TOKEN }, tls: { mode: 'system' } }, { logger });
    await expectKind(collect(b), 'dns');
  });

  it('a failed job that echoes the session key: the error and the shared redactor both scrub it', async () => {
    const shared = new Redactor();
    const b = backend(undefined, { redactor: shared });
    const before = new Set(server.issuedSessionKeys());
    await collect(b, { maxResults: 1 });
    const sessionKey = server.issuedSessionKeys().find((k) => !before.has(k));
    assert.ok(sessionKey, 'the run did not log in');
    server.faults.set({ failJobs: `Search process failed for session ${sessionKey}.` });
    const e = await expectKind(collect(b), 'job-failed', 'Search process failed for session [REDACTED].');
    assert.ok(!JSON.stringify({ message: e.message, messages: e.messages }).includes(sessionKey));
    // What the extension shows the user goes through the shared redactor, not the backend's errors alone.
    assert.equal(shared.apply(`echo ${sessionKey}`), 'echo [REDACTED]');
  });

  it('no password, token or session key appears in any log line or error', () => {
    const texts = [...logger.lines, ...errors.flatMap((e) => [e.message, e.stack ?? '', JSON.stringify(e), ...e.messages.map((m) => m.text)])];
    assert.ok(logger.lines.length > 50, `captured ${logger.lines.length} lines`);
    assert.ok(errors.length >= 10, `captured ${errors.length} errors`);
    const secrets = [PASSWORD, TOKEN, 'short-lived-token-123', ...server.issuedSessionKeys()];
    assert.ok(server.issuedSessionKeys().length >= 5);
    for (const text of texts) for (const s of secrets) assert.ok(!text.includes(s), `secret leaked in: ${text.slice(0, 200)}`);
  });

  /** An out-of-band authenticated REST call, as a second client would make. */
  async function fetchWithAuth(srv: RunningServer, path: string, body: string): Promise<void> {
    const { request } = await import('node:https');
    const call = (p: string, b: string, headers: Record<string, string>) => new Promise<string>((resolve, reject) => {
      const req = request(`${srv.url}${p}`, { method: 'POST', rejectUnauthorized: false, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } }, (res) => {
        let data = ''; res.on('data', (c) => { data += c; }); res.on('end', () => resolve(data));
      });
      req.on('error', reject); req.end(b);
    });
    const login = JSON.parse(await call('/services/auth/login?output_mode=json', `username=admin&password=${encodeURIComponent(PASSWORD)}`, {})) as { sessionKey: string };
    await call(`${path}?output_mode=json`, body, { Authorization: `Splunk ${login.sessionKey}` });
  }
});
