/**
 * Connections to servers VS Code treats as remote, inside the real extension host with its proxy
 * patch in place: https://127.0.0.2 and https://[::1], under every http.proxySupport mode, directly
 * and through a loopback CONNECT proxy in http.proxy. A guard in front of the TLS port and the proxy
 * record anything that is not a TLS handshake or a CONNECT; any such record fails the suite.
 */
import * as assert from 'node:assert/strict';
import http from 'node:http';
import * as vscode from 'vscode';
import { issueCertificate, startServer, type RunningServer } from '../../src/server';
import { sampleSource } from '../../src/server/engine-port';
import { startConnectProxy, startTlsGuard, type ConnectProxy, type Recorder } from '../support/netGuards';
import { runAtLine, setting } from './support';

const PASSWORD = 'remote-hosts-password';
const QUERY = '| makeresults count=4\n| eval n=1';
const MODES = ['override', 'fallback', 'on', 'off'] as const;

describe('Remote Splunk servers under VS Code\'s proxy support', function () {
  this.timeout(90_000);
  let server: RunningServer;
  let guard4: Recorder;
  let guard6: Recorder;
  let proxy: ConnectProxy;

  before(async () => {
    server = await startServer({ source: await sampleSource(200, 3), users: { admin: PASSWORD }, protocol: 'https', certificate: issueCertificate(['127.0.0.2', '::1']) });
    guard4 = await startTlsGuard('127.0.0.2', { host: '127.0.0.1', port: server.port });
    guard6 = await startTlsGuard('::1', { host: '127.0.0.1', port: server.port });
    proxy = await startConnectProxy();
  });
  afterEach(() => {
    assert.deepEqual(guard4.violations, [], 'something reached the TLS port at 127.0.0.2 in the clear');
    assert.deepEqual(guard6.violations, [], 'something reached the TLS port at [::1] in the clear');
    assert.deepEqual(proxy.violations, [], 'the proxy saw a request line instead of CONNECT');
  });
  after(async () => {
    await setting('proxySupport', undefined, 'http');
    await setting('proxy', undefined, 'http');
    await setting('activeConnection', undefined);
    for (const id of ['rh-v4', 'rh-v6']) await vscode.commands.executeCommand('splWorkbench.removeConnection', id);
    await Promise.all([guard4.close(), guard6.close(), proxy.close()]);
    await server.close();
  });

  async function connect(id: string, guard: Recorder): Promise<void> {
    await vscode.commands.executeCommand('splWorkbench.addConnection', {
      profile: { id, label: id, url: `https://${guard.address}`, auth: 'password', username: 'admin', tls: 'fingerprint', fingerprint: server.fingerprint256 },
      secret: PASSWORD,
    });
  }

  it('control: VS Code really replaces the agent of an http.request to 127.0.0.2 (the hazard the transport must survive)', async () => {
    await setting('proxySupport', 'override', 'http');
    const ours = new http.Agent();
    const req = http.request({ host: '127.0.0.2', port: 9, agent: ours });
    req.on('error', () => undefined);
    const replaced = (req as unknown as { agent?: unknown }).agent !== ours;
    req.destroy();
    assert.ok(replaced, 'the extension host did not patch http.request; this suite would prove nothing');
  });

  for (const mode of MODES) {
    describe(`http.proxySupport: ${mode}`, () => {
      before(async () => {
        await setting('proxySupport', mode, 'http');
        await setting('proxy', undefined, 'http');
      });

      for (const [id, which] of [['rh-v4', '127.0.0.2'], ['rh-v6', '[::1]']] as const) {
        it(`runs a query on https://${which} with the pinned certificate`, async () => {
          const guard = which === '127.0.0.2' ? guard4 : guard6;
          await connect(id, guard);
          const before = guard.accepted;
          const run = await runAtLine(0, QUERY);
          assert.equal(run.state, 'done', run.error?.message);
          assert.equal(run.rowCount, 4);
          assert.ok(run.rows(0, 4).every((r) => r[run.fields.indexOf('n')] === '1'));
          assert.ok(guard.accepted > before, 'no TLS connection reached the guard');
        });

        it(`runs it on https://${which} through the CONNECT proxy in http.proxy${mode === 'off' ? ' (off: directly, the proxy unused)' : ''}`, async () => {
          const guard = which === '127.0.0.2' ? guard4 : guard6;
          await connect(id, guard);
          await setting('proxy', `http://${proxy.address}`, 'http');
          try {
            const tunnels = proxy.tunnels.length;
            const run = await runAtLine(0, QUERY);
            assert.equal(run.state, 'done', run.error?.message);
            assert.equal(run.rowCount, 4);
            if (mode === 'off') assert.equal(proxy.tunnels.length, tunnels, 'http.proxySupport off still used the proxy');
            else assert.ok(proxy.tunnels.slice(tunnels).length > 0 && proxy.tunnels.slice(tunnels).every((t) => t === guard.address), `tunnels: ${proxy.tunnels.slice(tunnels).join(', ')}`);
          } finally {
            await setting('proxy', undefined, 'http');
          }
        });
      }
    });
  }

  it('a proxy that wants credentials is a proxy error that says which setting to fix', async () => {
    await setting('proxySupport', 'override', 'http');
    await connect('rh-v4', guard4);
    await setting('proxy', `http://${proxy.address}`, 'http');
    proxy.set({ requireAuthorization: 'Basic cHJveHk6dXNlcg==' });
    try {
      const run = await runAtLine(0, QUERY);
      assert.equal(run.state, 'failed');
      assert.equal(run.error!.kind, 'proxy-auth-required');
      assert.match(run.error!.message, /http\.proxyAuthorization/);
      assert.ok(!proxy.authorizations.length, 'an authorization was sent though none is configured');
    } finally {
      proxy.set({});
      await setting('proxy', undefined, 'http');
    }
  });
});
