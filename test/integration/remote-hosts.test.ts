/**
 * SplunkBackend against servers that are not on 127.0.0.1, as real users have them: 127.0.0.2 and
 * [::1] with certificates for those names, directly and through a loopback CONNECT proxy. A guard in
 * front of the TLS port and the proxy itself record anything sent in the clear.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { internals } from '../../src/net/request';
import type { ProxySettings } from '../../src/net/proxy';
import { issueCertificate, type RunningServer } from '../../src/server';
import type { RunEvent } from '../../src/search/backend';
import { SplunkBackend, SplunkError } from '../../src/search/splunk';
import { startConnectProxy, startTlsGuard, type ConnectProxy, type Recorder } from '../support/netGuards';
import { eventually, PASSWORD, testServer } from './helpers';

async function rows(backend: SplunkBackend, query = '| makeresults count=3 | eval n=1'): Promise<number> {
  let n = 0;
  for await (const ev of backend.run(query, { maxResults: 100 }, new AbortController().signal) as AsyncIterable<RunEvent>) {
    if (ev.kind === 'page' && !ev.preview) n += ev.rows.length;
  }
  return n;
}

const noProxy: ProxySettings = { support: 'override', proxy: '', noProxy: [], strictSSL: true, env: {} };

describe('Remote hosts: 127.0.0.2, [::1], and a CONNECT proxy', function () {
  this.timeout(60_000);
  let server: RunningServer;
  let guard4: Recorder;
  let guard6: Recorder;
  let proxy: ConnectProxy;

  before(async () => {
    server = await testServer({ certificate: issueCertificate(['127.0.0.2', '::1']) });
    guard4 = await startTlsGuard('127.0.0.2', { host: '127.0.0.1', port: server.port });
    guard6 = await startTlsGuard('::1', { host: '127.0.0.1', port: server.port });
    proxy = await startConnectProxy();
  });
  after(async () => {
    await Promise.all([guard4.close(), guard6.close(), proxy.close()]);
    await server.close();
  });
  afterEach(() => {
    assert.deepEqual(guard4.violations, [], 'something reached the TLS port in the clear (127.0.0.2)');
    assert.deepEqual(guard6.violations, [], 'something reached the TLS port in the clear ([::1])');
    assert.deepEqual(proxy.violations, [], 'the proxy saw something other than CONNECT');
    proxy.set({});
  });

  const backend = (host: string, proxySettings: ProxySettings = noProxy, pin = server.fingerprint256!) => new SplunkBackend(
    { url: `https://${host}`, auth: { kind: 'password', username: 'admin', password: PASSWORD }, tls: { mode: 'fingerprint', sha256: pin } },
    { pollIntervalMs: 10, proxy: proxySettings, connectTimeoutMs: 5000 },
  );
  const viaProxy = (extra: Partial<ProxySettings> = {}): ProxySettings => ({ ...noProxy, proxy: `http://${proxy.address}`, ...extra });

  it('runs a search on 127.0.0.2 with the pinned certificate, over TLS only', async () => {
    const before = guard4.accepted;
    assert.equal(await rows(backend(guard4.address)), 3);
    assert.ok(guard4.accepted > before, 'the guard saw no connection: the test did not go where it says');
  });

  it('runs a search on an IPv6 literal host, https://[::1]:port', async () => {
    const before = guard6.accepted;
    assert.equal(await rows(backend(guard6.address)), 3);
    assert.ok(guard6.accepted > before);
  });

  it('tunnels through the proxy with CONNECT and runs TLS inside it', async () => {
    const before = proxy.tunnels.length;
    assert.equal(await rows(backend(guard4.address, viaProxy())), 3);
    assert.ok(proxy.tunnels.slice(before).every((t) => t === guard4.address) && proxy.tunnels.length > before, `tunnels: ${proxy.tunnels.join(', ')}`);
  });

  it('tunnels to an IPv6 target through the proxy', async () => {
    const before = proxy.tunnels.length;
    assert.equal(await rows(backend(guard6.address, viaProxy())), 3);
    assert.equal(proxy.tunnels[before], guard6.address);
  });

  it('takes the proxy from HTTPS_PROXY when http.proxy is empty, and NO_PROXY exempts a host', async () => {
    let before = proxy.tunnels.length;
    assert.equal(await rows(backend(guard4.address, { ...noProxy, env: { HTTPS_PROXY: `http://${proxy.address}` } })), 3);
    assert.ok(proxy.tunnels.length > before, 'HTTPS_PROXY was not used');
    before = proxy.tunnels.length;
    assert.equal(await rows(backend(guard4.address, { ...noProxy, env: { HTTPS_PROXY: `http://${proxy.address}`, NO_PROXY: 'example.com,127.0.0.2' } })), 3);
    assert.equal(proxy.tunnels.length, before, 'NO_PROXY did not exempt 127.0.0.2');
    assert.equal(await rows(backend(guard4.address, viaProxy({ noProxy: ['127.0.0.2'] }))), 3);
    assert.equal(await rows(backend(guard4.address, viaProxy({ support: 'off' }))), 3);
    assert.equal(proxy.tunnels.length, before, 'http.noProxy or http.proxySupport off did not connect directly');
  });

  it('sends http.proxyAuthorization to the proxy only, and says when the proxy wants credentials', async () => {
    proxy.set({ requireAuthorization: 'Basic dGVzdDpwcm94eQ==' });
    await assert.rejects(rows(backend(guard4.address, viaProxy())), (e: SplunkError) => {
      assert.equal(e.kind, 'proxy-auth-required');
      assert.match(e.message, /requires authentication \(407\).*http\.proxyAuthorization/);
      return true;
    });
    await assert.rejects(rows(backend(guard4.address, viaProxy({ proxyAuthorization: 'Basic d3Jvbmc6d3Jvbmc=' }))), (e: SplunkError) => {
      assert.equal(e.kind, 'proxy-auth-required');
      assert.match(e.message, /rejected the credentials/);
      return true;
    });
    assert.equal(await rows(backend(guard4.address, viaProxy({ proxyAuthorization: 'Basic dGVzdDpwcm94eQ==' }))), 3);
  });

  it('names the proxy\'s refusal (403), a target it cannot reach (502) and a proxy that is down', async () => {
    proxy.set({ refuse: true });
    await assert.rejects(rows(backend(guard4.address, viaProxy())), (e: SplunkError) => e.kind === 'proxy-refused' && /does not allow a connection to 127\.0\.0\.2/.test(e.message));
    proxy.set({});
    await assert.rejects(rows(backend('127.0.0.2:1', viaProxy())), (e: SplunkError) => e.kind === 'proxy-failed' && /could not reach 127\.0\.0\.2:1 \(502/.test(e.message));
    await assert.rejects(rows(backend(guard4.address, viaProxy({ proxy: 'http://127.0.0.1:1' }))), (e: SplunkError) => e.kind === 'proxy-unreachable' && /proxy http:\/\/127\.0\.0\.1:1.*refused/.test(e.message));
  });

  it('a wrong pin through the proxy is refused before anything is written in the tunnel', async () => {
    const before = server.requests.length;
    await assert.rejects(rows(backend(guard4.address, viaProxy(), 'AA'.repeat(32))), (e: SplunkError) => e.kind === 'tls-fingerprint-mismatch');
    assert.equal(server.requests.length, before);
  });

  it('cancels the job on the server through the proxy too', async () => {
    server.faults.set({ slowJobMs: 20_000 });
    try {
      const ac = new AbortController();
      const b = backend(guard4.address, viaProxy());
      const run = (async () => { for await (const _ of b.run('search | stats count', { maxResults: 10 }, ac.signal)) { /* drain */ } })();
      await eventually(() => server.jobs.runningSids().length > 0, 15_000);
      const tunnels = proxy.tunnels.length;
      ac.abort();
      await assert.rejects(run, (e: SplunkError) => e.kind === 'cancelled');
      await eventually(() => server.jobs.runningSids().length === 0, 10_000);
      assert.ok(proxy.tunnels.length > tunnels, 'the cancel did not go through the proxy');
    } finally {
      server.faults.set({ slowJobMs: 0 });
    }
  });

  describe('fail closed', () => {
    const original = internals.ClientRequest;
    afterEach(() => { internals.ClientRequest = original; });

    it('a request that gets any socket but the verified one is destroyed unsent (transport-bypassed)', async () => {
      // What VS Code's http patch does under http.proxySupport "override": a new agent, a fresh plain
      // socket to the same host and port, the verified one ignored.
      internals.ClientRequest = class extends http.ClientRequest {
        constructor(options: http.ClientRequestArgs) {
          const { createConnection: _ignored, ...rest } = options;
          super({ ...rest, host: '127.0.0.2', agent: new http.Agent() });
        }
      } as typeof http.ClientRequest;
      const before = server.requests.length;
      await assert.rejects(rows(backend(guard4.address)), (e: SplunkError) => {
        assert.equal(e.kind, 'transport-bypassed');
        assert.match(e.message, /was not sent/);
        return true;
      });
      // The guard (checked after each test) saw no plain request line; the server no request.
      assert.equal(server.requests.length, before);
    });
  });
});
