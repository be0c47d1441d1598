/** The VirusTotal client against the v3-shaped test server over real HTTPS, through the verified transport. */
import assert from 'node:assert/strict';
import type { TlsProfile } from '../../src/net/verifiedSocket';
import {
  RateLimiter, VerdictCache, VirusTotalClient, VirusTotalLookup, systemClock, type CacheStore, type CachedAnswer, type FileId, type QuotaState, type Tuning,
} from '../../src/virustotal';
import { startVirusTotalTestServer, type TestFile, type VirusTotalTestServer } from '../../src/virustotal/testServer';

const KEY = 'vt-test-key-0123456789abcdef0123456789abcdef0123456789abcdef012345';
const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
const EVIL: TestFile = {
  sha256: hex(0xe1, 64), sha1: hex(0xe1, 40), md5: hex(0xe1, 32),
  stats: { malicious: 61, suspicious: 1, undetected: 8, harmless: 0, 'type-unsupported': 5, timeout: 2, failure: 1 },
  label: 'trojan.emotet/generic', meaningfulName: 'invoice.exe', lastAnalysisDate: 1717243200,
};
const CLEAN: TestFile = { sha256: hex(0xc1, 64), stats: { malicious: 0, undetected: 60, harmless: 12 }, meaningfulName: 'notepad.exe', lastAnalysisDate: 1717000000 };
const UNKNOWN: FileId = { algorithm: 'SHA256', value: hex(0xdead, 64) };
const id = (f: TestFile): FileId => ({ algorithm: 'SHA256', value: f.sha256 });

class Memory implements CacheStore {
  data: Record<string, CachedAnswer> | undefined;
  load() { return Promise.resolve(this.data); }
  save(e: Record<string, CachedAnswer>) { this.data = e; return Promise.resolve(); }
}

function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0; i < times.length; i++) best = Math.max(best, times.filter((t) => t >= times[i]! && t < times[i]! + windowMs).length);
  return best;
}

describe('VirusTotal client over HTTPS against the test server', function () {
  this.timeout(60_000);
  let server: VirusTotalTestServer;
  let pinned: TlsProfile;

  before(async () => {
    server = await startVirusTotalTestServer({ apiKey: KEY, files: [EVIL, CLEAN] });
    pinned = { mode: 'fingerprint', sha256: server.fingerprint256 };
  });
  after(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
    server.resetQuota();
    Object.assign(server.switches, { rejectKey: null, perMinute: null, windowMs: 60_000, perDay: null, retryAfterSeconds: null, serverError: null, latencyMs: 0, malformed: null });
  });

  const client = (options: Partial<{ apiKey: string; tls: TlsProfile; requestTimeoutMs: number }> = {}) =>
    new VirusTotalClient({ apiUrl: server.url, apiKey: options.apiKey ?? KEY, tls: options.tls ?? pinned, ...(options.requestTimeoutMs ? { requestTimeoutMs: options.requestTimeoutMs } : {}) });

  function lookup(c: VirusTotalClient, limits: { perMinute: number; perDay?: number; windowMs?: number }, tuning: Partial<Tuning> = {}) {
    let state: QuotaState | undefined;
    const limiter = new RateLimiter({ read: () => state, write: (s) => { state = s; } }, systemClock, { perDay: 500, ...limits });
    const cache = new VerdictCache(new Memory(), { foundMs: 86_400_000, notFoundMs: 3_600_000 });
    return { limiter, cache, lookup: new VirusTotalLookup({ source: c, limiter, cache, clock: systemClock, tuning: { backoffMs: 20, ...tuning } }) };
  }

  it('gets malicious/total exactly as the server reports it, with label, name and date; 404 is not found', async () => {
    const c = client();
    const evil = await c.getFile(id(EVIL));
    assert.equal(evil.kind, 'found');
    assert.deepEqual(evil.kind === 'found' && evil.verdict, {
      malicious: 61, suspicious: 1, total: 70, label: 'trojan.emotet/generic', meaningfulName: 'invoice.exe', lastAnalysisDate: 1717243200,
      sha256: EVIL.sha256, sha1: EVIL.sha1, md5: EVIL.md5,
    });
    assert.deepEqual(await c.getFile(UNKNOWN), { kind: 'not-found' });
    const bySha1 = await c.getFile({ algorithm: 'SHA1', value: EVIL.sha1! });
    assert.equal(bySha1.kind, 'found');
    assert.deepEqual(server.requests.map((r) => [r.path, r.keyMatched]), [
      [`/api/v3/files/${EVIL.sha256}`, true], [`/api/v3/files/${UNKNOWN.value}`, true], [`/api/v3/files/${EVIL.sha1}`, true],
    ]);
  });

  it('system trust refuses the test server\'s self-signed certificate before the key is sent', async () => {
    await assert.rejects(client({ tls: { mode: 'system' } }).getFile(id(EVIL)), (e: Error & { kind?: string }) => {
      assert.equal(e.kind, 'transport');
      assert.match(e.message, /not trusted/);
      assert.ok(!e.message.includes(KEY));
      return true;
    });
    assert.equal(server.requests.length, 0, 'no request reached the server');
  });

  it('refuses an http:// API URL, so the key never travels in the clear', () => {
    assert.throws(() => new VirusTotalClient({ apiUrl: server.url.replace('https:', 'http:'), apiKey: KEY, tls: pinned }), /https/);
  });

  for (const status of [401, 403] as const) {
    it(`${status} stops the run as "key rejected", and no message carries the key`, async () => {
      server.switches.rejectKey = status;
      const { lookup: l } = lookup(client(), { perMinute: 100 });
      const out = await l.run([id(EVIL), id(CLEAN)]);
      assert.equal(out.stopped?.kind, 'key-rejected');
      assert.match(out.stopped!.message, new RegExp(`HTTP ${status}`));
      assert.equal(server.requests.length, 1);
      assert.ok(!JSON.stringify({ m: out.stopped!.message, r: [...out.results] }).includes(KEY));
    });
  }

  it('a wrong key is rejected by the server', async () => {
    const { lookup: l } = lookup(client({ apiKey: 'wrong' }), { perMinute: 100 });
    assert.equal((await l.run([id(EVIL)])).stopped?.kind, 'key-rejected');
    assert.deepEqual(server.requests.map((r) => r.keyMatched), [false]);
  });

  it('a real run never sends more than the configured requests in any window (5 per 1-s window, 16 lookups)', async () => {
    const { lookup: l } = lookup(client(), { perMinute: 5, windowMs: 1000 });
    const ids = Array.from({ length: 16 }, (_, i) => ({ algorithm: 'SHA256' as const, value: hex(0x1000 + i, 64) }));
    const t0 = Date.now();
    const out = await l.run(ids);
    assert.equal(out.stopped, undefined);
    assert.equal(out.results.size, 16);
    const times = server.requests.map((r) => r.at);
    assert.equal(times.length, 16);
    assert.ok(maxInWindow(times, 1000) <= 5, `max ${maxInWindow(times, 1000)} in a 1-s window`);
    assert.ok(Date.now() - t0 >= 3000, 'paced, not a burst');
  });

  it('429 from the server\'s quota pauses for Retry-After and resumes until every hash is answered', async () => {
    Object.assign(server.switches, { perMinute: 2, windowMs: 1000, retryAfterSeconds: 1 });
    const { lookup: l } = lookup(client(), { perMinute: 100 });
    const paused: number[] = [];
    const out = await l.run([id(EVIL), id(CLEAN), UNKNOWN, { algorithm: 'MD5', value: EVIL.md5! }], { onProgress: (p) => { if (p.pausedMs) paused.push(p.pausedMs); } });
    assert.equal(out.stopped, undefined);
    assert.deepEqual([...out.results.values()].map((r) => r.kind), ['found', 'found', 'not-found', 'found']);
    assert.ok(server.requests.some((r) => r.status === 429));
    assert.ok(paused.length > 0 && paused.every((p) => p === 1000));
  });

  it('429 that does not clear (daily quota spent) stops the run, keeping the answers had', async () => {
    Object.assign(server.switches, { perDay: 1, retryAfterSeconds: 0 });
    const { lookup: l, limiter } = lookup(client(), { perMinute: 100 });
    const out = await l.run([id(EVIL), id(CLEAN)]);
    assert.equal(out.stopped?.kind, 'daily-quota');
    assert.equal(out.results.get(EVIL.sha256)?.kind, 'found');
    assert.equal(limiter.remainingToday(), 0);
  });

  it('5xx is retried with backoff and then answered', async () => {
    server.switches.serverError = { status: 503, times: 2 };
    const { lookup: l } = lookup(client(), { perMinute: 100 });
    const out = await l.run([id(EVIL)]);
    assert.equal(out.results.get(EVIL.sha256)?.kind, 'found');
    assert.deepEqual(server.requests.map((r) => r.status), [503, 503, 200]);
  });

  for (const kind of ['json', 'shape'] as const) {
    it(`a malformed reply (${kind}) is a clear error for that hash, not a crash`, async () => {
      server.switches.malformed = kind;
      const { lookup: l } = lookup(client(), { perMinute: 100 });
      const out = await l.run([id(EVIL)]);
      const r = out.results.get(EVIL.sha256);
      assert.equal(r?.kind, 'failed');
      assert.match((r as { message: string }).message, /does not understand/);
    });
  }

  it('a slow reply past the request timeout is retried, then given up on', async () => {
    server.switches.latencyMs = 1500;
    const { lookup: l } = lookup(client({ requestTimeoutMs: 200 }), { perMinute: 100 }, { maxAttempts: 2, maxFailuresInARow: 1 });
    const out = await l.run([id(EVIL)]);
    assert.equal(out.results.get(EVIL.sha256)?.kind, 'failed');
    assert.equal(out.stopped?.kind, 'unavailable');
    assert.equal(server.requests.length, 2);
  });

  it('cancel stops at once, mid-request', async () => {
    server.switches.latencyMs = 5000;
    const { lookup: l } = lookup(client(), { perMinute: 100 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const t0 = Date.now();
    const out = await l.run([id(EVIL), id(CLEAN)], {}, controller.signal);
    assert.equal(out.stopped?.kind, 'cancelled');
    assert.ok(Date.now() - t0 < 1500, `took ${Date.now() - t0} ms`);
    assert.equal(server.requests.length, 1);
  });

  it('a second lookup comes from the cache with no request', async () => {
    const { lookup: l } = lookup(client(), { perMinute: 100 });
    await l.run([id(EVIL), UNKNOWN]);
    const before = server.requests.length;
    const again = await l.run([id(EVIL), UNKNOWN]);
    assert.equal(server.requests.length, before);
    assert.deepEqual([...again.results.values()].map((r) => r.kind), ['found', 'not-found']);
  });
});
