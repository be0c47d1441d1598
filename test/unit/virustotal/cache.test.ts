import assert from 'node:assert/strict';
import { VerdictCache } from '../../../src/virustotal';
import { MemoryCacheStore } from './fakes';

const HOUR = 3_600_000;
const verdict = { malicious: 3, suspicious: 0, total: 70, sha256: 'a'.repeat(64), sha1: 'b'.repeat(40), md5: 'c'.repeat(32) };

describe('VirusTotal verdict cache', () => {
  it('keeps "found" longer than "not found"', async () => {
    const cache = new VerdictCache(new MemoryCacheStore(), { foundMs: 7 * 24 * HOUR, notFoundMs: 24 * HOUR });
    await cache.load();
    cache.put('a'.repeat(64), { kind: 'found', verdict, answeredAt: 0 });
    cache.put('d'.repeat(64), { kind: 'not-found', answeredAt: 0 });
    assert.ok(cache.get('d'.repeat(64), 24 * HOUR));
    assert.equal(cache.get('d'.repeat(64), 24 * HOUR + 1), undefined);
    assert.ok(cache.get('a'.repeat(64), 24 * HOUR + 1));
    assert.equal(cache.get('a'.repeat(64), 7 * 24 * HOUR + 1), undefined);
    assert.ok(cache.peek('a'.repeat(64)), 'an expired answer can still be shown until refreshed');
  });

  it('files a found answer under the SHA1 and MD5 VirusTotal reports as well', async () => {
    const cache = new VerdictCache(new MemoryCacheStore(), { foundMs: HOUR, notFoundMs: HOUR });
    cache.put('a'.repeat(64), { kind: 'found', verdict, answeredAt: 0 });
    assert.equal(cache.get('b'.repeat(40), 1)?.kind, 'found');
    assert.equal(cache.get('c'.repeat(32), 1)?.kind, 'found');
  });

  it('survives a restart through its store, and ignores entries it cannot read', async () => {
    const store = new MemoryCacheStore();
    const one = new VerdictCache(store, { foundMs: HOUR, notFoundMs: HOUR });
    await one.load();
    one.put('d'.repeat(64), { kind: 'not-found', answeredAt: 5 });
    await one.flush();
    store.saved!['e'.repeat(64)] = { kind: 'found', answeredAt: 5 } as never;
    const two = new VerdictCache(store, { foundMs: HOUR, notFoundMs: HOUR });
    await two.load();
    assert.equal(two.get('d'.repeat(64), 10)?.kind, 'not-found');
    assert.equal(two.get('e'.repeat(64), 10), undefined);
  });
});
