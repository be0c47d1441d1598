/** VerifyingHttp's guarantees that the backend suites don't reach directly, and the server's CLI. */
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TransportError } from '../../src/net/errors';
import { SplunkError, VerifyingHttp } from '../../src/search/splunk';
import { sdkService, startCliServer } from './helpers';

function listen(handler: http.RequestListener): Promise<{ server: http.Server; origin: string; hits: string[] }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => { hits.push(`${req.method} ${req.url}`); handler(req, res); });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits })));
}

const message = { method: 'GET' as const, headers: { Authorization: 'Splunk secret-session-key' }, body: '' };

describe('VerifyingHttp', () => {
  it('refuses a redirect instead of following it', async () => {
    const target = await listen((_req, res) => { res.writeHead(303, { Location: 'http://127.0.0.1:1/elsewhere' }); res.end(); });
    try {
      const t = new VerifyingHttp({ origin: target.origin, tls: { mode: 'system' } });
      await assert.rejects(t.makeRequest(`${target.origin}/services/server/info`, message), (e: { status: number }) => e.status === 303);
      assert.deepEqual(target.hits, ['GET /services/server/info']);
    } finally { target.server.close(); }
  });

  it('opens no connection to any origin but the configured one', async () => {
    const other = await listen((_req, res) => res.end('{}'));
    try {
      const t = new VerifyingHttp({ origin: 'http://127.0.0.1:9', tls: { mode: 'system' } });
      await assert.rejects(t.makeRequest(`${other.origin}/services/server/info`, message), (e: { status: number; error: SplunkError }) => {
        assert.equal(e.status, 600);
        assert.ok(e.error instanceof SplunkError);
        assert.match(e.error.message, /Refusing/);
        return true;
      });
      assert.deepEqual(other.hits, []);
    } finally { other.server.close(); }
  });

  it('aborts a request in flight when its signal fires', async () => {
    const slow = await listen(() => undefined); // never answers
    try {
      const ac = new AbortController();
      const t = new VerifyingHttp({ origin: slow.origin, tls: { mode: 'system' } }).withSignal(ac.signal);
      const p = t.makeRequest(`${slow.origin}/x`, message);
      setTimeout(() => ac.abort(), 50);
      await assert.rejects(p, (e: { error: TransportError }) => e.error instanceof TransportError && e.error.kind === 'cancelled');
    } finally { slow.server.closeAllConnections(); slow.server.close(); }
  });

  it('parses JSON by Content-Type and leaves NDJSON and CSV as text', async () => {
    const srv = await listen((req, res) => {
      if (req.url!.startsWith('/ndjson')) { res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }); res.end('{"a":1}\n{"b":2}\n'); return; }
      res.writeHead(200, { 'Content-Type': 'application/json; charset=UTF-8' }); res.end('{"ok":true}');
    });
    try {
      const t = new VerifyingHttp({ origin: srv.origin, tls: { mode: 'system' } });
      assert.deepEqual((await t.makeRequest(`${srv.origin}/json`, message)).data, { ok: true });
      assert.equal((await t.makeRequest(`${srv.origin}/ndjson`, message)).data, '{"a":1}\n{"b":2}\n');
    } finally { srv.server.close(); }
  });
});

describe('server CLI', function () {
  this.timeout(60_000);
  it('starts over HTTPS, prints the URL and fingerprint but never the password, and serves the SDK', async () => {
    const password = 'cli-Secret-pw-42';
    const cli = await startCliServer(['--sample', '300', '--port', '0', '--password', password, '--version', '8.2.6']);
    try {
      const out = cli.output();
      assert.ok(cli.url.startsWith('https://'), out);
      assert.match(out, /fingerprint: ([0-9A-F]{2}:){31}[0-9A-F]{2}/);
      assert.ok(!out.includes(password));
      const svc = sdkService({ protocol: 'https', port: cli.port }, { username: 'admin', password });
      await svc.login();
      assert.equal(svc.version, '8.2.6');
      const res = await svc.oneshotSearch('search | stats count', { count: 0 }) as { rows: string[][] };
      assert.deepEqual(res.rows, [['300']]);
    } finally {
      cli.child.kill();
    }
  });
});
