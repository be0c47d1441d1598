/** SplunkBackend's TLS profiles against the server with a certificate made here (a test CA and leaves). */
import assert from 'node:assert/strict';
import type { RunningServer } from '../../src/server';
import { createCertificateAuthority, fingerprint256, issueCertificate, type CertificateBundle } from '../../src/server';
import type { RunEvent } from '../../src/search/backend';
import { SplunkBackend, SplunkError, type TlsProfile } from '../../src/search/splunk';
import { CapturingLogger, PASSWORD, TOKEN, testServer } from './helpers';

async function runAll(backend: SplunkBackend, query = 'search | head 5 | table host EventCode'): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  for await (const ev of backend.run(query, { maxResults: 1000 }, new AbortController().signal)) out.push(ev);
  return out;
}

function rowsOf(events: RunEvent[]): number {
  return events.reduce((n, e) => n + (e.kind === 'page' && !e.preview ? e.rows.length : 0), 0);
}

describe('SplunkBackend TLS verification', function () {
  this.timeout(60_000);
  let ca: CertificateBundle;
  let otherCa: CertificateBundle;
  let server: RunningServer;
  let wrongHostServer: RunningServer;
  const logger = new CapturingLogger();

  before(async () => {
    ca = createCertificateAuthority('SPL Workbench Test CA');
    otherCa = createCertificateAuthority('Some Other CA');
    server = await testServer({ certificate: issueCertificate(['127.0.0.1', 'localhost'], ca) });
    wrongHostServer = await testServer({ certificate: issueCertificate(['splunk.example.test'], ca) });
  });
  after(async () => { await server.close(); await wrongHostServer.close(); });

  const backend = (tls: TlsProfile, target = server, auth: 'password' | 'token' = 'password') => new SplunkBackend({
    url: target.url,
    auth: auth === 'password' ? { kind: 'password', username: 'admin', password: PASSWORD } : { kind: 'token', token: TOKEN },
    tls,
  }, { logger, pollIntervalMs: 10 });

  it('caBundle with the test CA accepts (and runs a search)', async () => {
    const events = await runAll(backend({ mode: 'caBundle', caPem: ca.certPem }));
    assert.equal(rowsOf(events), 5);
    assert.equal(events[events.length - 1]!.kind, 'done');
  });

  it('caBundle plus the system roots accepts as well', async () => {
    assert.equal(rowsOf(await runAll(backend({ mode: 'caBundle', caPem: ca.certPem, includeSystemRoots: true }, server, 'token'))), 5);
  });

  it('a pinned leaf fingerprint accepts, whatever its case or separators', async () => {
    const fp = server.fingerprint256!.replace(/:/g, '').toLowerCase();
    assert.equal(rowsOf(await runAll(backend({ mode: 'fingerprint', sha256: fp }))), 5);
  });

  it('system mode refuses a certificate from a private CA, naming its fingerprint; no request reaches the server', async () => {
    const before = server.requests.length;
    await assert.rejects(runAll(backend({ mode: 'system' })), (e: SplunkError) => {
      assert.ok(e instanceof SplunkError);
      assert.equal(e.kind, 'tls-untrusted');
      assert.equal(e.fingerprint256, server.fingerprint256);
      assert.ok(e.message.includes(server.fingerprint256!), e.message);
      return true;
    });
    assert.equal(server.requests.length, before, 'no HTTP request was sent over the unverified connection');
  });

  it('a CA bundle with a different CA refuses (tls-untrusted)', async () => {
    await assert.rejects(runAll(backend({ mode: 'caBundle', caPem: otherCa.certPem })), (e: SplunkError) => e.kind === 'tls-untrusted');
  });

  it('a wrong pinned fingerprint refuses and shows the presented one', async () => {
    const wrong = fingerprint256(otherCa.certPem);
    await assert.rejects(runAll(backend({ mode: 'fingerprint', sha256: wrong })), (e: SplunkError) => {
      assert.equal(e.kind, 'tls-fingerprint-mismatch');
      assert.ok(e.message.includes(server.fingerprint256!), e.message);
      assert.ok(e.message.includes(wrong), e.message);
      return true;
    });
  });

  it('a trusted certificate for another host name refuses (tls-hostname)', async () => {
    await assert.rejects(runAll(backend({ mode: 'caBundle', caPem: ca.certPem }, wrongHostServer)), (e: SplunkError) => {
      assert.equal(e.kind, 'tls-hostname');
      assert.ok(e.message.includes(wrongHostServer.fingerprint256!));
      return true;
    });
  });

  it('insecure accepts anything, and the backend logs a warning', async () => {
    const lines = logger.lines.length;
    assert.equal(rowsOf(await runAll(backend({ mode: 'insecure' }, wrongHostServer))), 5);
    assert.ok(logger.lines.slice(lines).some((l) => l.startsWith('warn') && l.includes('TLS verification is OFF')));
  });

  it('the self-signed certificate the server generates is accepted by fingerprint and refused by system', async () => {
    const selfSigned = await testServer({});
    try {
      assert.equal(rowsOf(await runAll(backend({ mode: 'fingerprint', sha256: selfSigned.fingerprint256! }, selfSigned))), 5);
      await assert.rejects(runAll(backend({ mode: 'system' }, selfSigned)), (e: SplunkError) => e.kind === 'tls-untrusted' && e.fingerprint256 === selfSigned.fingerprint256);
    } finally { await selfSigned.close(); }
  });

  it('plain HTTP works for a local test server', async () => {
    const plain = await testServer({ protocol: 'http' });
    try {
      assert.equal(rowsOf(await runAll(backend({ mode: 'system' }, plain))), 5);
    } finally { await plain.close(); }
  });

  it('no log line contains the password, token or a session key', () => {
    const all = logger.lines.join('\n');
    assert.ok(logger.lines.length > 10);
    const keys = [...server.issuedSessionKeys(), ...wrongHostServer.issuedSessionKeys()];
    assert.ok(keys.length >= 3);
    for (const secret of [PASSWORD, TOKEN, ...keys]) assert.ok(!all.includes(secret));
  });
});
