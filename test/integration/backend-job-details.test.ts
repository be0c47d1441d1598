/**
 * The search mode and the search log through the real splunk-sdk client and the project's server:
 * `adhoc_search_level` reaches the job, a bad one is refused as splunkd's 400, and the search log of
 * a kept job comes back as text.
 */
import assert from 'node:assert/strict';
import type { RunningServer } from '../../src/server';
import type { JobStatus, RunEvent } from '../../src/search/backend';
import { SplunkBackend, type SplunkBackendOptions } from '../../src/search/splunk';
import { CapturingLogger, PASSWORD, sdkService, TOKEN, testServer } from './helpers';

describe('SplunkBackend job details: search mode and search log', function () {
  this.timeout(60_000);
  let server: RunningServer;
  const logger = new CapturingLogger();
  const backend = (options: SplunkBackendOptions = {}) =>
    new SplunkBackend({ url: server.url, auth: { kind: 'token', token: TOKEN }, tls: { mode: 'fingerprint', sha256: server.fingerprint256! } }, { logger, pollIntervalMs: 10, maxPollIntervalMs: 50, ...options });

  before(async () => {
    server = await testServer({ events: 2000, log: () => undefined });
  });
  after(() => server.close());

  async function run(b: SplunkBackend, searchMode?: 'fast' | 'smart' | 'verbose'): Promise<RunEvent[]> {
    const out: RunEvent[] = [];
    for await (const e of b.run('search EventCode=1 | head 5', { maxResults: 100, ...(searchMode ? { searchMode } : {}) }, new AbortController().signal)) out.push(e);
    return out;
  }

  it('sends the search mode with the job and reads back the search log with scan counts', async () => {
    const b = backend({ keepFinishedJobs: true });
    const events = await run(b, 'fast');
    const status = events.filter((e): e is JobStatus => e.kind === 'status').at(-1)!;
    assert.ok((status.scanCount ?? 0) >= status.eventCount && status.eventCount > 0, `scanCount ${status.scanCount} eventCount ${status.eventCount}`);
    const log = await b.searchLog(status.sid, new AbortController().signal);
    assert.match(log, /adhoc_search_level=fast/);
    assert.match(log, /state=DONE/);
    b.dispose();
  });

  it('says the job is gone when its search log is asked after it was removed', async () => {
    const b = backend();
    const events = await run(b);
    const sid = events.find((e): e is JobStatus => e.kind === 'status')!.sid;
    await assert.rejects(b.searchLog(sid, new AbortController().signal), /sid|not found|exist/i);
    b.dispose();
  });

  it('refuses a search mode splunkd does not know with a 400 that names it', async () => {
    const svc = sdkService(server, { username: 'admin', password: PASSWORD });
    await svc.login();
    await assert.rejects(svc.search('search index=main', { adhoc_search_level: 'turbo' }), (e: { status?: number; data?: unknown }) => {
      assert.equal(e.status, 400);
      assert.match(JSON.stringify(e.data), /adhoc_search_level/);
      return true;
    });
  });
});
