import assert from 'node:assert/strict';
import { nextUtcMidnight, RateLimiter, VirusTotalError } from '../../../src/virustotal';
import { FakeClock, maxInWindow, MemoryQuotaStore } from './fakes';

describe('VirusTotal rate limiter', () => {
  it('never lets more than the per-minute limit into any 60-s window', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter(new MemoryQuotaStore(), clock, { perMinute: 4, perDay: 500 });
    const sent: number[] = [];
    for (let i = 0; i < 30; i++) {
      await limiter.acquire();
      sent.push(clock.now());
      // Work of varying length between requests, so windows straddle the bursts.
      clock.t += (i * 7919) % 23_000;
    }
    assert.equal(maxInWindow(sent), 4);
    // ...and it is not slower than it has to be: 30 requests at 4/min take about 7 minutes, not 8.
    assert.ok(sent.at(-1)! - sent[0]! < 8 * 60_000, `took ${(sent.at(-1)! - sent[0]!) / 1000} s`);
  });

  it('a restart does not forget what was sent: no new burst', async () => {
    const clock = new FakeClock();
    const store = new MemoryQuotaStore();
    const first = new RateLimiter(store, clock, { perMinute: 4, perDay: 500 });
    const sent: number[] = [];
    for (let i = 0; i < 4; i++) { await first.acquire(); sent.push(clock.now()); }
    const second = new RateLimiter(store, clock, { perMinute: 4, perDay: 500 });
    for (let i = 0; i < 4; i++) { await second.acquire(); sent.push(clock.now()); }
    assert.equal(maxInWindow(sent), 4);
    assert.equal(second.remainingToday(), 492);
  });

  it('the daily quota stops requests and resets at 00:00 UTC', async () => {
    const clock = new FakeClock(Date.UTC(2025, 5, 1, 23, 58, 0));
    const store = new MemoryQuotaStore();
    const limiter = new RateLimiter(store, clock, { perMinute: 100, perDay: 3 });
    for (let i = 0; i < 3; i++) await limiter.acquire();
    assert.equal(limiter.remainingToday(), 0);
    await assert.rejects(limiter.acquire(), (e: VirusTotalError) => e.kind === 'daily-quota' && /00:00 UTC/.test(e.message));
    clock.t = nextUtcMidnight(clock.t) - 1;
    await assert.rejects(limiter.acquire(), (e: VirusTotalError) => e.kind === 'daily-quota');
    clock.t += 1;
    assert.equal(new RateLimiter(store, clock, { perMinute: 100, perDay: 3 }).remainingToday(), 3, 'a new UTC day, after a restart too');
    await limiter.acquire();
    assert.equal(limiter.remainingToday(), 2);
  });

  it('a 429 pause holds every request until it ends, across a restart', async () => {
    const clock = new FakeClock();
    const store = new MemoryQuotaStore();
    const limiter = new RateLimiter(store, clock, { perMinute: 4, perDay: 500 });
    await limiter.pause(45_000);
    const restarted = new RateLimiter(store, clock, { perMinute: 4, perDay: 500 });
    const t0 = clock.now();
    await restarted.acquire();
    assert.equal(clock.now() - t0, 45_000);
  });

  it('estimates the time to finish at the configured rate', () => {
    const limiter = new RateLimiter(new MemoryQuotaStore(), new FakeClock(), { perMinute: 4, perDay: 500 });
    assert.equal(limiter.estimateMs(0), 0);
    assert.equal(limiter.estimateMs(4), 0);
    assert.equal(limiter.estimateMs(9), 2 * 60_000);
  });
});
