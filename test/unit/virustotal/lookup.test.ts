import assert from 'node:assert/strict';
import { RateLimiter, VerdictCache, VirusTotalError, VirusTotalLookup, type FileAnswer, type FileId, type LookupProgress } from '../../../src/virustotal';
import { FakeClock, maxInWindow, MemoryCacheStore, MemoryQuotaStore, ScriptedSource, sha256 } from './fakes';

const found = (malicious: number): FileAnswer => ({ kind: 'found', verdict: { malicious, suspicious: 0, total: 70 } });

function setup(script: (id: FileId, call: number) => FileAnswer | Error, perMinute = 4) {
  const clock = new FakeClock();
  const source = new ScriptedSource(clock, script);
  const cacheStore = new MemoryCacheStore();
  const cache = new VerdictCache(cacheStore, { foundMs: 7 * 86_400_000, notFoundMs: 86_400_000 });
  const limiter = new RateLimiter(new MemoryQuotaStore(), clock, { perMinute, perDay: 500 });
  const lookup = new VirusTotalLookup({ source, limiter, cache, clock });
  return { clock, source, cache, cacheStore, limiter, lookup };
}

describe('VirusTotal lookup', () => {
  it('answers every id within the rate; a second run comes from the cache with no request and no quota', async () => {
    const { lookup, source, limiter } = setup((id) => (id.value.endsWith('3') ? { kind: 'not-found' } : found(Number.parseInt(id.value.slice(-1), 16))));
    const ids = Array.from({ length: 10 }, (_, i) => sha256(i));
    const first = await lookup.run(ids);
    assert.equal(first.stopped, undefined);
    assert.equal(source.calls.length, 10);
    assert.equal(maxInWindow(source.calls.map((c) => c.at)), 4);
    assert.equal(first.results.get(sha256(3).value)?.kind, 'not-found');
    assert.equal((first.results.get(sha256(7).value) as { verdict: { malicious: number } }).verdict.malicious, 7);
    const quota = limiter.remainingToday();
    const progress: LookupProgress[] = [];
    const second = await lookup.run(ids, { onProgress: (p) => progress.push(p) });
    assert.equal(source.calls.length, 10, 'no request');
    assert.equal(limiter.remainingToday(), quota, 'no quota spent');
    assert.ok([...second.results.values()].every((r) => 'fromCache' in r && r.fromCache));
    assert.equal(progress.at(-1)!.fromCache, 10);
  });

  it('refresh bypasses the cache', async () => {
    const { lookup, source } = setup(() => found(1));
    await lookup.run([sha256(1)]);
    await lookup.run([sha256(1)], { refresh: true });
    assert.equal(source.calls.length, 2);
  });

  it('a 429 pauses (Retry-After, else 60 s) and resumes with the same id', async () => {
    const { lookup, source, clock } = setup((_id, call) => (call === 2 ? { kind: 'rate-limited', retryAfterMs: undefined } : call === 4 ? { kind: 'rate-limited', retryAfterMs: 5_000 } : found(0)), 100);
    const paused: number[] = [];
    const out = await lookup.run([sha256(1), sha256(2), sha256(3)], { onProgress: (p) => { if (p.pausedMs) paused.push(p.pausedMs); } });
    assert.equal(out.stopped, undefined);
    assert.equal(out.results.size, 3);
    assert.deepEqual(source.calls.map((c) => c.id.slice(-1)), ['1', '2', '2', '3', '3']);
    assert.deepEqual(paused, [60_000, 5_000]);
    assert.ok(source.calls[2]!.at - source.calls[1]!.at >= 60_000);
    assert.ok(clock.now() > 0);
  });

  it('429 after 429 after pauses: the daily quota is spent, the run stops and keeps what it had', async () => {
    const { lookup, limiter } = setup((_id, call) => (call === 1 ? found(0) : { kind: 'rate-limited', retryAfterMs: 1000 }));
    const out = await lookup.run([sha256(1), sha256(2), sha256(3)]);
    assert.equal(out.stopped?.kind, 'daily-quota');
    assert.equal(out.results.size, 1);
    assert.equal(limiter.remainingToday(), 0);
  });

  it('a rejected key stops the run at once', async () => {
    const { lookup, source } = setup((_id, call) => (call === 2 ? new VirusTotalError('key-rejected', 'VirusTotal rejected the API key (HTTP 401).', 401) : found(0)));
    const out = await lookup.run([sha256(1), sha256(2), sha256(3)]);
    assert.equal(out.stopped?.kind, 'key-rejected');
    assert.equal(source.calls.length, 2);
    assert.equal(out.results.size, 1);
  });

  it('5xx and network failures are retried with growing backoff', async () => {
    const { lookup, source, clock } = setup((_id, call) => (call <= 2 ? { kind: 'retry', reason: 'VirusTotal answered HTTP 503.' } : found(2)), 100);
    const out = await lookup.run([sha256(1)]);
    assert.equal(out.results.get(sha256(1).value)?.kind, 'found');
    assert.equal(source.calls.length, 3);
    assert.deepEqual(clock.sleeps, [2_000, 4_000]);
  });

  it('an id whose retries run out fails alone; several in a row stop the run as unavailable', async () => {
    const { lookup } = setup((id) => (id.value.endsWith('1') || Number.parseInt(id.value.slice(-1), 16) >= 3 ? { kind: 'retry', reason: 'HTTP 503' } : found(0)), 100);
    const out = await lookup.run([sha256(1), sha256(2), sha256(3), sha256(4), sha256(5), sha256(6)]);
    assert.equal(out.results.get(sha256(1).value)?.kind, 'failed');
    assert.equal(out.results.get(sha256(2).value)?.kind, 'found');
    assert.equal(out.stopped?.kind, 'unavailable');
    assert.equal(out.results.has(sha256(6).value), false);
  });

  it('a malformed reply fails that hash with a clear message, and the run goes on', async () => {
    const { lookup } = setup((_id, call) => (call === 1 ? new VirusTotalError('malformed', 'VirusTotal sent a reply this extension does not understand (not JSON).') : found(0)));
    const out = await lookup.run([sha256(1), sha256(2)]);
    assert.equal(out.stopped, undefined);
    assert.deepEqual(out.results.get(sha256(1).value), { kind: 'failed', message: 'VirusTotal sent a reply this extension does not understand (not JSON).' });
    assert.equal(out.results.get(sha256(2).value)?.kind, 'found');
  });

  it('cancel stops at once, even while waiting for a slot', async () => {
    const controller = new AbortController();
    const { lookup, source } = setup((_id, call) => { if (call === 4) controller.abort(); return found(0); }, 100);
    const out = await lookup.run(Array.from({ length: 8 }, (_, i) => sha256(i)), {}, controller.signal);
    assert.equal(out.stopped?.kind, 'cancelled');
    assert.equal(source.calls.length, 4, 'nothing is sent after the cancel');
    assert.equal(out.results.size, 4, 'answers had before the cancel are kept');
  });

  it('reports progress with the quota left and an estimate to finish', async () => {
    const { lookup } = setup(() => found(0));
    const seen: LookupProgress[] = [];
    await lookup.run(Array.from({ length: 9 }, (_, i) => sha256(i)), { onProgress: (p) => seen.push(p) });
    assert.deepEqual(seen.map((p) => p.done), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9]);
    assert.equal(seen[0]!.etaMs, 2 * 60_000);
    assert.equal(seen.at(-1)!.remainingToday, 491);
    assert.equal(seen.at(-1)!.etaMs, 0);
  });
});
