import assert from 'node:assert/strict';
import { parseRelativeTime, strftime, strptime, SplError } from '../../../src/engine';
import { parseTimestampMs } from '../../../src/engine/time';

// Wednesday 2024-05-15 13:45:30.250 UTC
const NOW = Date.UTC(2024, 4, 15, 13, 45, 30, 250);
const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number => Date.UTC(y, mo - 1, d, h, mi, s) / 1000;

describe('engine time modifiers', () => {
  it('resolves now, 0 and epoch seconds', () => {
    assert.equal(parseRelativeTime('now', NOW), NOW / 1000);
    assert.equal(parseRelativeTime('0', NOW), 0);
    assert.equal(parseRelativeTime('1700000000', NOW), 1700000000);
  });

  it('applies offsets in every unit spelling', () => {
    assert.equal(parseRelativeTime('-24h', NOW), NOW / 1000 - 86400);
    assert.equal(parseRelativeTime('-7d', NOW), NOW / 1000 - 7 * 86400);
    assert.equal(parseRelativeTime('-15min', NOW), NOW / 1000 - 900);
    assert.equal(parseRelativeTime('-30s', NOW), NOW / 1000 - 30);
    assert.equal(parseRelativeTime('+1h', NOW), NOW / 1000 + 3600);
    assert.equal(parseRelativeTime('-h', NOW), NOW / 1000 - 3600);
    assert.equal(parseRelativeTime('-1mon', NOW), Date.UTC(2024, 3, 15, 13, 45, 30, 250) / 1000);
  });

  it('snaps to units, weekdays, months and years (UTC)', () => {
    assert.equal(parseRelativeTime('-24h@h', NOW), at(2024, 5, 14, 13));
    assert.equal(parseRelativeTime('@d', NOW), at(2024, 5, 15));
    assert.equal(parseRelativeTime('-1d@d', NOW), at(2024, 5, 14));
    assert.equal(parseRelativeTime('@w0', NOW), at(2024, 5, 12)); // Sunday
    assert.equal(parseRelativeTime('@w', NOW), at(2024, 5, 12));
    assert.equal(parseRelativeTime('@w1', NOW), at(2024, 5, 13)); // Monday
    assert.equal(parseRelativeTime('@mon', NOW), at(2024, 5, 1));
    assert.equal(parseRelativeTime('@y', NOW), at(2024, 1, 1));
    assert.equal(parseRelativeTime('@q', NOW), at(2024, 4, 1));
    assert.equal(parseRelativeTime('@d+8h', NOW), at(2024, 5, 15, 8));
  });

  it('accepts Splunk absolute times', () => {
    assert.equal(parseRelativeTime('05/01/2024:12:30:00', NOW), at(2024, 5, 1, 12, 30));
  });

  it('rejects nonsense', () => {
    assert.throws(() => parseRelativeTime('-3x', NOW), SplError);
    assert.throws(() => parseRelativeTime('yesterday', NOW), SplError);
  });

  it('parses event timestamps in the usual shapes', () => {
    assert.equal(parseTimestampMs('2024-05-01T08:00:00.269Z'), Date.UTC(2024, 4, 1, 8, 0, 0, 269));
    assert.equal(parseTimestampMs('2024-05-01T08:00:00Z'), Date.UTC(2024, 4, 1, 8));
    assert.equal(parseTimestampMs('2020-10-29 04:16:09.914'), Date.UTC(2020, 9, 29, 4, 16, 9, 914));
    assert.equal(parseTimestampMs('2024-05-01T10:00:00.5+02:00'), Date.UTC(2024, 4, 1, 8, 0, 0, 500));
    assert.equal(parseTimestampMs('1714550400'), 1714550400000);
    assert.equal(parseTimestampMs('1714550400123'), 1714550400123);
    assert.equal(parseTimestampMs('2024-0x-01T08:00:00.269Z'), undefined);
    assert.equal(parseTimestampMs('yesterday'), undefined);
  });

  it('formats and parses times', () => {
    const t = at(2024, 5, 15, 13, 45, 30) + 0.25;
    assert.equal(strftime(t, '%Y-%m-%d %H:%M:%S.%3N'), '2024-05-15 13:45:30.250');
    assert.equal(strftime(t, '%a %b %e %T %Z'), 'Wed May 15 13:45:30 UTC');
    assert.equal(strftime(t, '%F %j %%'), '2024-05-15 136 %');
    assert.equal(strptime('2024-05-15 13:45:30', '%Y-%m-%d %H:%M:%S'), at(2024, 5, 15, 13, 45, 30));
    assert.equal(strptime('15/May/2024:01:02:03 PM', '%d/%b/%Y:%I:%M:%S %p'), at(2024, 5, 15, 13, 2, 3));
    assert.equal(strptime('2024-05-15T13:45:30+02:00', '%Y-%m-%dT%H:%M:%S%z'), at(2024, 5, 15, 11, 45, 30));
    assert.equal(strptime('garbage', '%Y'), undefined);
  });
});
