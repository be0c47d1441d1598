/** Real splunk-sdk against the emulator: logins, tokens, v1/v2 path choice, cookies, 401s. */
import assert from 'node:assert/strict';
import type { RunningServer } from '../../src/server';
import { PASSWORD, TOKEN, sdkService, seenPaths, testServer } from './helpers';

async function runSmallJob(svc: ReturnType<typeof sdkService>): Promise<string[][]> {
  const job = await svc.search('search | head 3 | table host EventCode', { exec_mode: 'blocking' });
  const [res] = await job.results({ count: 0, output_mode: 'json_rows' });
  await job.cancel();
  return res.rows as string[][];
}

describe('splunk-sdk authentication against the server', () => {
  describe('HTTPS, version 9.1.2 (v2 endpoints)', () => {
    let server: RunningServer;
    before(async () => { server = await testServer({ version: '9.1.2' }); });
    after(() => server.close());
    beforeEach(() => { server.requests.length = 0; server.faults.reset(); });

    it('password login gets a session key, a cookie, the version, then uses v2 paths throughout', async () => {
      const svc = sdkService(server, { username: 'admin', password: PASSWORD });
      assert.equal(await svc.login(), true);
      assert.equal(svc.version, '9.1.2');
      assert.ok(svc.sessionKey.length > 10);
      assert.deepEqual(Object.keys(svc.http._cookieStore), [`splunkd_${server.port}`]);
      const rows = await runSmallJob(svc);
      assert.equal(rows.length, 3);
      assert.deepEqual(seenPaths(server), [
        'POST /services/auth/login',
        'GET /services/server/info',
        'POST /services/search/v2/jobs',
        'POST /services/search/v2/jobs/<sid>/results',
        'POST /services/search/v2/jobs/<sid>/control',
      ]);
    });

    it('a wrong password is a 401 with splunkd\'s "Login failed" body', async () => {
      const svc = sdkService(server, { username: 'admin', password: 'wrong' });
      await assert.rejects(svc.login(), (e: { status: number; data: { messages: { code: string; text: string }[] } }) => {
        assert.equal(e.status, 401);
        assert.equal(e.data.messages[0]!.code, 'incorrect_username_or_password');
        assert.equal(e.data.messages[0]!.text, 'Login failed');
        return true;
      });
    });

    it('a request without credentials is a 401 "call not properly authenticated"', async () => {
      const svc = sdkService(server, {});
      await assert.rejects(svc.getInfo(), (e: { status: number; data: { messages: { text: string }[] } }) => {
        assert.equal(e.status, 401);
        assert.equal(e.data.messages[0]!.text, 'call not properly authenticated');
        return true;
      });
    });

    it('a bearer token without getInfo uses v1 paths; after getInfo, v2', async () => {
      const noInfo = sdkService(server, { sessionKey: TOKEN, authorization: 'Bearer' });
      assert.equal((await runSmallJob(noInfo)).length, 3);
      assert.ok(seenPaths(server).includes('POST /services/search/jobs'));
      assert.ok(seenPaths(server).includes('GET /services/search/jobs/<sid>/results'));
      server.requests.length = 0;
      const withInfo = sdkService(server, { sessionKey: TOKEN, authorization: 'Bearer' });
      await withInfo.getInfo();
      assert.equal((await runSmallJob(withInfo)).length, 3);
      assert.deepEqual(seenPaths(server).slice(0, 3), ['GET /services/server/info', 'POST /services/search/v2/jobs', 'POST /services/search/v2/jobs/<sid>/results']);
    });

    it('after the session key expires the SDK logs in again once and the call succeeds', async () => {
      const svc = sdkService(server, { username: 'admin', password: PASSWORD });
      await svc.login();
      const firstKey = svc.sessionKey;
      server.expireSessions();
      server.requests.length = 0;
      const res = await svc.get('search/jobs', { count: 0 });
      assert.equal(res.status, 200);
      assert.notEqual(svc.sessionKey, firstKey);
      const paths = seenPaths(server);
      assert.deepEqual(paths.filter((p) => p === 'POST /services/auth/login').length, 1);
      assert.equal(server.requests.filter((r) => r.path === '/services/search/jobs' && r.status === 401).length, 1);
    });

    it('a revoked token is a thrown 401 with no retry', async () => {
      server.addToken('temporary-token-value');
      const svc = sdkService(server, { sessionKey: 'temporary-token-value', authorization: 'Bearer' });
      await svc.getInfo();
      server.revokeToken('temporary-token-value');
      await assert.rejects(svc.get('search/jobs', {}), (e: { status: number }) => e.status === 401);
      assert.equal(server.requests.filter((r) => r.path === '/services/auth/login').length, 0);
    });

    it('serves /servicesNS/<owner>/<app> and trailing-slash variants', async () => {
      const svc = sdkService(server, { username: 'admin', password: PASSWORD, owner: 'nobody', app: 'search' });
      await svc.login();
      const job = await svc.search('search | head 1', { exec_mode: 'blocking' });
      await job.fetch();
      assert.equal(job.properties().dispatchState, 'DONE');
      assert.ok(seenPaths(server).includes('POST /servicesNS/nobody/search/search/v2/jobs'));
      const slash = await svc.get(`/services/search/v2/jobs/${job.sid}/`, {});
      const bare = await svc.get(`/services/search/v2/jobs/${job.sid}`, {});
      assert.equal((slash.data as { entry: { content: { sid: string } }[] }).entry[0]!.content.sid, job.sid);
      assert.equal((bare.data as { entry: { content: { sid: string } }[] }).entry[0]!.content.sid, job.sid);
      await job.remove();
      assert.ok(seenPaths(server).includes('DELETE /servicesNS/nobody/search/search/v2/jobs/<sid>'));
    });

    it('sends application/json; charset=UTF-8 and accepts HTTP Basic', async () => {
      const svc = sdkService(server, { sessionKey: Buffer.from(`admin:${PASSWORD}`).toString('base64'), authorization: 'Basic' });
      const res = await svc.getInfo().then(() => svc.get('server/info', {}));
      assert.equal(res.response.headers['content-type'], 'application/json; charset=UTF-8');
    });
  });

  describe('HTTP, version 8.2.6 (v1 endpoints)', () => {
    let server: RunningServer;
    before(async () => { server = await testServer({ protocol: 'http', version: '8.2.6' }); });
    after(() => server.close());

    it('password login picks v1 paths and GET for results', async () => {
      const svc = sdkService(server, { username: 'admin', password: PASSWORD });
      await svc.login();
      assert.equal(svc.version, '8.2.6');
      const rows = await runSmallJob(svc);
      assert.equal(rows.length, 3);
      assert.deepEqual(seenPaths(server).slice(2), [
        'POST /services/search/jobs',
        'GET /services/search/jobs/<sid>/results',
        'POST /services/search/jobs/<sid>/control',
      ]);
    });

    it('autologin on the first call logs in, then runs the request', async () => {
      server.requests.length = 0;
      const svc = sdkService(server, { username: 'admin', password: PASSWORD });
      const res = await svc.get('search/jobs', {});
      assert.equal(res.status, 200);
      assert.deepEqual(seenPaths(server), ['POST /services/auth/login', 'GET /services/server/info', 'GET /services/search/jobs']);
    });
  });
});
