/** Real splunk-sdk against the emulator: the job lifecycle, paging, output modes, oneshot, export, errors. */
import assert from 'node:assert/strict';
import net from 'node:net';
import type { RunningServer } from '../../src/server';
import { PASSWORD, eventually, sdkService, seenPaths, sleep, testServer } from './helpers';

type Svc = ReturnType<typeof sdkService>;
type Messages = { messages: { type: string; text: string }[] };

describe('splunk-sdk job lifecycle against the server', function () {
  this.timeout(120_000);
  let server: RunningServer;
  let svc: Svc;
  before(async () => {
    // Long enough that the first getJob sees QUEUED/PARSING on a machine busy with other work (30 ms
    // each was missed under load: the job was RUNNING by the time the request was served).
    server = await testServer({ events: 120_000, timing: { queuedMs: 1500, parsingMs: 300 } });
    svc = sdkService(server, { username: 'admin', password: PASSWORD });
    await svc.login();
  });
  after(() => server.close());
  beforeEach(() => server.faults.reset());

  it('create → track (QUEUED/PARSING → RUNNING → DONE) → page 120,000 results → cancel → remove', async () => {
    const job = await svc.search('search | table _time host EventCode Image', { exec_mode: 'normal', earliest_time: '0' });
    const first = await svc.getJob(job.sid);
    assert.ok(['QUEUED', 'PARSING'].includes(first.properties().dispatchState), first.properties().dispatchState);
    assert.equal(first.properties().isDone, false);
    const states: string[] = [];
    const outcome = await job.track({ period: 20 }, {
      progress: (j) => { states.push(j.properties().dispatchState); },
      done: (j) => { states.push(j.properties().dispatchState); return 'done'; },
      failed: () => 'failed',
      error: () => 'error',
    });
    assert.equal(outcome, 'done');
    assert.equal(states[states.length - 1], 'DONE');
    const props = job.properties();
    assert.equal(props.isDone, true);
    assert.equal(props.doneProgress, 1);
    assert.equal(props.resultCount, 120_000);
    assert.equal(typeof props.isFailed, 'boolean');

    const seen: string[] = [];
    for (let offset = 0; offset < 120_000; offset += 50_000) {
      const [page] = await job.results({ count: 50_000, offset, output_mode: 'json_rows' });
      assert.equal(page.init_offset, offset);
      assert.deepEqual(page.fields, ['_time', 'host', 'EventCode', 'Image']);
      assert.equal(page.rows.length, Math.min(50_000, 120_000 - offset));
      seen.push(String(page.rows[0]![0]));
    }
    assert.equal(new Set(seen).size, 3, 'each page starts at a different row');
    const [capped] = await job.results({ count: 0, output_mode: 'json_rows' });
    assert.equal(capped.rows.length, 50_000, 'count=0 is capped at 50,000');
    const [dflt] = await job.results({ output_mode: 'json_rows' });
    assert.equal(dflt.rows.length, 100, 'default count is 100');

    await job.cancel();
    await assert.rejects(job.fetch(), (e: { status: number; data: Messages }) => e.status === 404 && e.data.messages[0]!.text === 'Unknown sid.');
    const again = await svc.search('search | head 5', { exec_mode: 'blocking' });
    await again.remove();
    await assert.rejects(svc.getJob(again.sid), (e: { status: number }) => e.status === 404);
    assert.deepEqual(server.jobs.runningSids(), []);
  });

  it('streams a 50,000-row page in pieces (chunked) without piling up listeners on the response', async () => {
    const warnings: Error[] = [];
    const onWarning = (w: Error) => { if (w.name === 'MaxListenersExceededWarning') warnings.push(w); };
    process.on('warning', onWarning);
    try {
      const job = await svc.search('search | head 50000 | table _time host Image CommandLine Hashes', { exec_mode: 'blocking', earliest_time: '0' });
      const res = await svc.get(`search/jobs/${job.sid}/results`, { count: 50_000, output_mode: 'json_rows' });
      assert.equal(res.response.headers['transfer-encoding'], 'chunked', 'the page is written as it is serialised');
      assert.equal((res.data as { rows: unknown[] }).rows.length, 50_000);
      await job.cancel();
      // Warnings are emitted on the next tick.
      await sleep(10);
      assert.deepEqual(warnings.map((w) => w.message), []);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('serves json, json_cols and csv output modes, and field_list', async () => {
    const job = await svc.search('search | head 2 | table host EventCode', { exec_mode: 'blocking' });
    const asJson = (await svc.get(`search/v2/jobs/${job.sid}/results`, { output_mode: 'json', count: 0 })).data as { fields: { name: string }[]; results: Record<string, string>[]; highlighted: object };
    assert.deepEqual(asJson.fields, [{ name: 'host' }, { name: 'EventCode' }]);
    assert.equal(asJson.results.length, 2);
    assert.deepEqual(asJson.highlighted, {});
    const cols = (await svc.get(`search/v2/jobs/${job.sid}/results`, { output_mode: 'json_cols', count: 0 })).data as { columns: string[][] };
    assert.equal(cols.columns.length, 2);
    assert.equal(cols.columns[0]!.length, 2);
    const csv = (await svc.get(`search/v2/jobs/${job.sid}/results`, { output_mode: 'csv', count: 0 })).data as string;
    assert.equal(csv.split('\n')[0], 'host,EventCode');
    const only = (await svc.get(`search/v2/jobs/${job.sid}/results`, { output_mode: 'json_rows', field_list: 'EventCode' })).data as { fields: string[] };
    assert.deepEqual(only.fields, ['EventCode']);
    const [preview] = await job.preview({ count: 1, output_mode: 'json_rows' });
    assert.equal(preview.preview, false);
    const [events] = await job.events({ count: 1, output_mode: 'json_rows' });
    assert.equal(events.rows.length, 1);
    await job.remove();
  });

  it('results before DONE answer 204; results_preview answers 200 with preview:true', async () => {
    server.faults.set({ slowJobMs: 800 });
    const job = await svc.search('search | head 10', { exec_mode: 'normal' });
    await eventually(() => server.jobs.get(job.sid)?.state === 'RUNNING');
    await sleep(100);
    const early = await svc.get(`search/v2/jobs/${job.sid}/results`, { output_mode: 'json_rows' });
    assert.equal(early.status, 204);
    const preview = (await svc.get(`search/v2/jobs/${job.sid}/results_preview`, { output_mode: 'json_rows', count: 0 })).data as { preview: boolean; rows: unknown[] };
    assert.equal(preview.preview, true);
    await job.fetch();
    const p1 = Number(job.properties().doneProgress);
    assert.ok(p1 > 0 && p1 < 1, `progress ${p1}`);
    await sleep(300);
    await job.fetch();
    assert.ok(Number(job.properties().doneProgress) > p1, 'progress rises over time');
    await job.cancel();
  });

  it('control: pause → PAUSED, unpause, finalize → DONE with isFinalized, setttl and touch', async () => {
    server.faults.set({ slowJobMs: 5000 });
    const job = await svc.search('search | head 10', { exec_mode: 'normal' });
    await eventually(() => server.jobs.get(job.sid)?.state === 'RUNNING');
    await job.pause();
    await eventually(() => server.jobs.get(job.sid)?.state === 'PAUSED');
    await job.fetch();
    assert.equal(job.properties().dispatchState, 'PAUSED');
    assert.equal(job.properties().isPaused, true);
    await job.unpause();
    await job.fetch();
    assert.equal(job.properties().dispatchState, 'RUNNING');
    await job.setTTL(1234);
    await job.touch();
    await job.finalize();
    await eventually(() => server.jobs.get(job.sid)?.state === 'DONE');
    await job.fetch();
    assert.equal(job.properties().isFinalized, true);
    assert.equal(job.properties().ttl, 1234);
    await job.remove();
  });

  it('oneshot returns the results document (count:0, no response_timeout)', async () => {
    const res = await svc.oneshotSearch('search | head 7 | table host Image', { count: 0 }) as { fields: string[]; rows: string[][]; preview: boolean };
    assert.deepEqual(res.fields, ['host', 'Image']);
    assert.equal(res.rows.length, 7);
    assert.equal(res.preview, false);
  });

  it('export streams NDJSON, last row marked lastrow, empty search one terminal line', async () => {
    const res = await svc.get('search/jobs/export', { search: 'search | head 3 | table host', output_mode: 'json' });
    assert.equal(res.response.headers['content-type'], 'application/json; charset=UTF-8');
    const lines = (res.data as string).trim().split('\n').map((l) => JSON.parse(l) as { preview: boolean; offset: number; lastrow?: boolean; result: object });
    assert.equal(lines.length, 3);
    assert.deepEqual(lines.map((l) => l.offset), [0, 1, 2]);
    assert.equal(lines[2]!.lastrow, true);
    assert.ok(lines.every((l) => l.preview === false && 'host' in l.result));
    const empty = await svc.get('search/v2/jobs/export', { search: 'search | head 0', output_mode: 'json' });
    assert.deepEqual(empty.data, { preview: false, lastrow: true });
  });

  it('lists jobs with paging', async () => {
    const a = await svc.search('search | head 1', { exec_mode: 'blocking' });
    const b = await svc.search('search | head 1', { exec_mode: 'blocking' });
    const list = (await svc.get('search/jobs', { count: 0 })).data as { entry: { content: { sid: string } }[]; paging: { total: number } };
    const sids = list.entry.map((e) => e.content.sid);
    assert.ok(sids.includes(a.sid) && sids.includes(b.sid));
    assert.equal(list.paging.total, sids.length);
    const one = (await svc.get('search/jobs', { count: 1 })).data as { entry: unknown[] };
    assert.equal(one.entry.length, 1);
    await a.remove(); await b.remove();
  });

  it('parser: 200 with commands for good SPL, 400 FATAL for bad (v1 GET and v2 POST)', async () => {
    const v2 = await svc.parse('search EventCode=1 | head 5');
    assert.deepEqual((v2 as { commands: { command: string }[] }).commands.map((c) => c.command), ['search', 'head']);
    assert.ok(seenPaths(server).includes('POST /services/search/v2/parser'));
    await assert.rejects(svc.get('search/parser', { q: 'index=main' }), (e: { status: number; data: Messages }) =>
      e.status === 400 && e.data.messages[0]!.type === 'FATAL');
  });

  describe('errors in splunkd\'s shapes', () => {
    it('bad SPL: 400 FATAL "Unknown search command \'index\'."', async () => {
      await assert.rejects(svc.search('index=main | head 1'), (e: { status: number; data: Messages }) => {
        assert.equal(e.status, 400);
        assert.deepEqual(e.data.messages[0], { type: 'FATAL', text: "Unknown search command 'index'." });
        return true;
      });
    });

    it('unknown sid: 404 "Unknown sid."', async () => {
      await assert.rejects(svc.getJob('1234.999'), (e: { status: number; data: Messages }) => {
        assert.equal(e.status, 404);
        assert.deepEqual(e.data.messages, [{ type: 'FATAL', text: 'Unknown sid.' }]);
        return true;
      });
    });

    it('a job that fails after dispatch reaches FAILED and track calls failed()', async () => {
      server.faults.set({ failJobs: "Error in 'search' command: simulated failure." });
      const job = await svc.search('search | head 1');
      const outcome = await job.track({ period: 20 }, { done: () => 'done', failed: () => 'failed', error: () => 'error' });
      assert.equal(outcome, 'failed');
      assert.equal(job.properties().isFailed, true);
      assert.equal(job.properties().isDone, true);
      assert.deepEqual(job.properties().messages, [{ type: 'FATAL', text: "Error in 'search' command: simulated failure." }]);
    });

    it('a stalled reply past response_timeout is an "abort"', async () => {
      server.faults.set({ latencyMs: 400 });
      await assert.rejects(svc.get('search/jobs', {}, 100), (e: { status: unknown }) => e.status === 'abort');
    });

    it('a closed port is status 600 with ECONNREFUSED', async () => {
      const port = await new Promise<number>((resolve) => {
        const s = net.createServer().listen(0, '127.0.0.1', () => { const p = (s.address() as net.AddressInfo).port; s.close(() => resolve(p)); });
      });
      const closed = sdkService({ ...server, port }, { username: 'admin', password: PASSWORD });
      await assert.rejects(closed.login(), (e: { status: number; error: { code: string } }) => e.status === 600 && e.error.code === 'ECONNREFUSED');
    });

    it('injected 500/503 answer with messages', async () => {
      server.faults.set({ httpError: { status: 503, pathIncludes: '/search/jobs' } });
      await assert.rejects(svc.get('search/jobs', {}), (e: { status: number; data: Messages }) => e.status === 503 && e.data.messages[0]!.type === 'ERROR');
      server.faults.set({ httpError: { status: 500, nth: 2 } });
      assert.equal((await svc.get('search/jobs', {})).status, 200);
      await assert.rejects(svc.get('search/jobs', {}), (e: { status: number }) => e.status === 500);
      assert.equal((await svc.get('search/jobs', {})).status, 200);
    });
  });
});
