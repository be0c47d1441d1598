import assert from 'node:assert/strict';
import { AuthStore } from '../../../src/server/auth';
import { FaultController } from '../../../src/server/faults';
import { firstCommandError, splitPipeline } from '../../../src/server/server';
import { Job, JobStore } from '../../../src/server/jobs';
import { NO_FAULTS } from '../../../src/server/faults';
import { arraySource } from '../../../src/engine';

describe('server parts', () => {
  describe('first-command rule', () => {
    it('refuses a leading non-command like splunkd\'s REST API does', () => {
      assert.equal(firstCommandError('index=main | head 1'), "Unknown search command 'index'.");
      assert.equal(firstCommandError('EventCode>3'), "Unknown search command 'EventCode'.");
      assert.equal(firstCommandError('foo bar'), "Unknown search command 'foo'.");
    });
    it('accepts search, a leading pipe, and known commands', () => {
      for (const q of ['search index=main', 'SEARCH x', '| makeresults count=3', 'stats count', '| head 5']) assert.equal(firstCommandError(q), undefined, q);
    });
  });

  it('splitPipeline splits on top-level pipes only', () => {
    assert.deepEqual(splitPipeline('search a="x|y" | eval b=if(c=="|",1,0) | head 5'), ['search a="x|y"', 'eval b=if(c=="|",1,0)', 'head 5']);
  });

  describe('AuthStore', () => {
    const auth = new AuthStore({ users: { admin: 'pw-123456' }, tokens: ['tok-abcdef'] });
    it('logs in, authenticates by Splunk/Bearer header, cookie and Basic; expires and revokes', () => {
      assert.equal(auth.login('admin', 'wrong'), undefined);
      const key = auth.login('admin', 'pw-123456')!;
      assert.equal(auth.authenticate(`Splunk ${key}`, undefined)?.via, 'session');
      assert.equal(auth.authenticate(undefined, `theme=x; splunkd_8089=${key}`)?.via, 'session');
      assert.equal(auth.authenticate('Bearer tok-abcdef', undefined)?.via, 'token');
      assert.equal(auth.authenticate(`Basic ${Buffer.from('admin:pw-123456').toString('base64')}`, undefined)?.via, 'basic');
      assert.equal(auth.authenticate('Splunk nope', undefined), undefined);
      auth.expireSessions();
      assert.equal(auth.authenticate(`Splunk ${key}`, undefined), undefined);
      auth.revokeToken('tok-abcdef');
      assert.equal(auth.authenticate('Bearer tok-abcdef', undefined), undefined);
    });
  });

  describe('FaultController', () => {
    it('fails only the Nth request once, counted from when the fault was set', () => {
      const f = new FaultController();
      f.set({ httpError: { status: 500, nth: 3 } });
      assert.deepEqual([1, 2, 3, 4].map(() => f.httpErrorFor('/x')), [undefined, undefined, 500, undefined]);
    });
    it('a path filter fails every matching request until `times` runs out', () => {
      const f = new FaultController({ httpError: { status: 503, pathIncludes: '/results', times: 2 } });
      assert.deepEqual(['/a', '/results', '/results', '/results'].map((p) => f.httpErrorFor(p)), [undefined, 503, 503, undefined]);
    });
    it('drops the Nth results body', () => {
      const f = new FaultController({ dropResults: { nth: 2, fraction: 0.3 } });
      assert.deepEqual([f.dropFractionForResults(), f.dropFractionForResults(), f.dropFractionForResults()], [undefined, 0.3, undefined]);
    });
    it('reports a results-body fault only while one is armed (pages are streamed otherwise)', () => {
      const f = new FaultController();
      assert.equal(f.hasResultsBodyFault(), false);
      f.set({ dropResults: { nth: 1 } });
      assert.equal(f.hasResultsBodyFault(), true);
      f.reset();
      assert.equal(f.hasResultsBodyFault(), false);
      f.set({ malformedResults: { body: 'html' } });
      assert.equal(f.hasResultsBodyFault(), true);
    });
  });

  describe('Job state machine', () => {
    const events = Array.from({ length: 2500 }, (_, i) => ({ _time: String(1700000000 + i), n: String(i), host: `h${i % 3}` }));
    const make = (search: string, faults = {}, sid = 'j1') => new Job({ sid, search, owner: 'admin', app: 'search', params: {} },
      arraySource(events), { queuedMs: 5, parsingMs: 5 }, { ...NO_FAULTS, ...faults }, () => Date.now());

    it('moves QUEUED → PARSING → RUNNING → DONE with the engine\'s rows and fields', async () => {
      const job = make('search | stats count by host');
      assert.equal(job.state, 'QUEUED');
      await job.finished;
      assert.equal(job.state, 'DONE');
      assert.equal(job.isDone, true);
      assert.equal(job.doneProgress, 1);
      assert.deepEqual(job.fields, ['host', 'count']);
      assert.deepEqual(job.rows.map((r) => r['count']), ['834', '833', '833']);
      assert.equal(job.scanCount, 2500);
    });

    it('fails with a FATAL message when the fault is set', async () => {
      const job = make('search | head 1', { failJobs: 'boom' });
      await job.finished;
      assert.equal(job.state, 'FAILED');
      assert.equal(job.isDone, true);
      assert.deepEqual(job.messages, [{ type: 'FATAL', text: 'boom' }]);
    });

    it('the reaper removes finished jobs untouched for their ttl, and only those', async () => {
      const store = new JobStore();
      const doneJob = make('search | head 1', {}, 'r1');
      const running = make('search | head 1', { slowJobMs: 5000 }, 'r2');
      store.add(doneJob); store.add(running);
      await doneJob.finished;
      doneJob.ttl = 60;
      assert.deepEqual(store.reap(doneJob.lastAccess + 59_000), []);
      assert.deepEqual(store.reap(doneJob.lastAccess + 61_000), ['r1']);
      assert.deepEqual(store.all().map((j) => j.sid), ['r2']);
      store.clear();
    });

    it('pauses, unpauses, and finalizes early', async () => {
      const job = make('search | head 10', { pauseJobs: true });
      await new Promise((r) => setTimeout(r, 40));
      assert.equal(job.state, 'PAUSED');
      job.unpause();
      await job.finished;
      assert.equal(job.state, 'DONE');
      const slow = make('search | head 10', { slowJobMs: 5000 }, 'j2');
      await new Promise((r) => setTimeout(r, 40));
      slow.finalize();
      await slow.finished;
      assert.equal(slow.isFinalized, true);
      assert.equal(slow.state, 'DONE');
    });
  });
});
