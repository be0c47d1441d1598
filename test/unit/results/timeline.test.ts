import assert from 'node:assert/strict';
import { compileFilter } from '../../../src/results/filter';
import { MAX_BUCKETS, NICE_SPANS_MS, TimelineCounter, niceSpan, parseEventTime, timeRangeOfSpan } from '../../../src/results/timeline';
import { GridSession } from '../../../src/results/session';
import { ResultStore } from '../../../src/results/store';
import { isGridToHost, type GridToHost } from '../../../src/shared/protocol';
import { recordingActions } from '../../support/gridActions';
import { formatSpan } from '../../../src/shared/timeFormat';

const T0 = Date.UTC(2024, 4, 1, 12, 0, 0); // 2024-05-01 12:00:00 UTC
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

describe('timeline', () => {
  describe('parseEventTime', () => {
    it('reads epoch seconds (with a fraction) and ISO 8601 with or without a zone', () => {
      assert.equal(parseEventTime('1714564800'), T0);
      assert.equal(parseEventTime(' 1714564800.503 '), T0 + 503);
      assert.equal(parseEventTime('2024-05-01T12:00:00.503+00:00'), T0 + 503);
      assert.equal(parseEventTime('2024-05-01T14:00:00+02:00'), T0);
      assert.equal(parseEventTime('2024-05-01T07:00:00.000-0500'), T0);
      assert.equal(parseEventTime('2024-05-01 12:00:00Z'), T0);
      assert.equal(parseEventTime('2024-05-01T12:00'), T0, 'no zone: UTC');
      assert.equal(parseEventTime('2024-05-01'), Date.UTC(2024, 4, 1));
      assert.equal(parseEventTime('2024-05-01T12:00:00.123456789Z'), T0 + 123);
    });

    it('takes the first value of a multivalue cell', () => {
      assert.equal(parseEventTime(['1714564800', 'junk']), T0);
      assert.equal(parseEventTime([]), undefined);
    });

    it('refuses empty, invalid and hostile values', () => {
      for (const v of [null, undefined, '', ' ', 'now', 'yesterday', 'NaN', 'Infinity', '1e12', '0x10', '2024-13-01T00:00:00Z',
        '2024-05-01T25:00:00Z', '2024-05-01T12:00:00+99:99junk', '99999999999999999999', '1'.repeat(70), '<img src=x onerror=alert(1)>',
        '2024-05-01T12:00:00Z; DROP', 'May 1 2024', '2024/05/01']) {
        assert.equal(parseEventTime(v), undefined, JSON.stringify(v));
      }
      // Beyond year 9999 is not a time either.
      assert.equal(parseEventTime('999999999999999'), undefined);
    });
  });

  describe('niceSpan', () => {
    it('picks the smallest span of the ladder that fits the range in at most 100 buckets', () => {
      assert.equal(niceSpan(0), 1);
      assert.equal(niceSpan(99), 1);
      assert.equal(niceSpan(100), 10);
      assert.equal(niceSpan(60_000), 1000, 'a minute: 61 one-second buckets');
      assert.equal(niceSpan(3_600_000), 60_000, 'an hour: one-minute buckets');
      assert.equal(niceSpan(24 * 3_600_000), 30 * 60_000, 'a day: half hours');
      assert.equal(niceSpan(7 * 86_400_000), 3 * 3_600_000, 'a week: 3 hours');
      assert.equal(niceSpan(365 * 86_400_000), 7 * 86_400_000, 'a year: weeks');
    });

    it('has a ladder where each span divides the next (so merging buckets is exact)', () => {
      for (let i = 1; i < NICE_SPANS_MS.length; i++) assert.equal(NICE_SPANS_MS[i]! % NICE_SPANS_MS[i - 1]!, 0, `${NICE_SPANS_MS[i]}`);
      assert.equal(formatSpan(60_000), '1 min');
      assert.equal(formatSpan(7 * 86_400_000), '7 days');
    });
  });

  describe('TimelineCounter', () => {
    it('gives nothing without a time, and counts rows without one apart', () => {
      const c = new TimelineCounter();
      c.addColumn([null, '', 'junk'], 0, 3);
      assert.equal(c.snapshot(), undefined);
      c.add(iso(T0));
      const s = c.snapshot()!;
      assert.deepEqual(s.counts, [1]);
      assert.equal(s.total, 1);
      assert.equal(s.unparsed, 3);
      assert.equal(c.rowCount, 4);
    });

    it('counts an hour of events per minute, the buckets aligned on the minute, empty ones included', () => {
      const c = new TimelineCounter();
      const times = [T0 + 5_000, T0 + 59_999, T0 + 60_000, T0 + 3 * 60_000 + 1].map(iso);
      c.addColumn(times, 0, times.length);
      const s = c.snapshot()!;
      assert.equal(s.spanMs, 5000, 'three minutes so far: 5 s buckets');
      assert.equal(s.startMs, T0 + 5000);
      // Widen to one hour: the counter merges into whole minutes.
      c.add(iso(T0 + 59 * 60_000 + 30_000));
      c.add(String((T0 + 59 * 60_000 + 59_000) / 1000));
      const h = c.snapshot()!;
      assert.equal(h.spanMs, 60_000);
      assert.equal(h.startMs, T0);
      assert.equal(h.counts.length, 60);
      assert.deepEqual(h.counts.slice(0, 5), [2, 1, 0, 1, 0]);
      assert.equal(h.counts[59], 2);
      assert.equal(h.total, 6);
    });

    it('gives the same counts whatever order the pages arrive in', () => {
      const times: string[] = [];
      for (let i = 0; i < 5000; i++) times.push(String((T0 + ((i * 7919) % 5000) * 17_281) / 1000));
      const inOrder = new TimelineCounter();
      inOrder.addColumn([...times].sort(), 0, times.length);
      const pages = new TimelineCounter();
      for (const start of [4000, 0, 2500, 1000, 3000, 2000, 1500, 500, 3500, 4500]) pages.addColumn(times, start, start + 500);
      const a = inOrder.snapshot()!;
      const b = pages.snapshot()!;
      assert.deepEqual(b, a);
      assert.ok(a.counts.length <= MAX_BUCKETS && a.counts.length >= 10, `${a.counts.length} buckets`);
      assert.equal(a.counts.reduce((x, y) => x + y, 0), 5000);
      assert.equal(a.spanMs, niceSpan(4999 * 17_281));
    });

    it('stays within 100 buckets from milliseconds to centuries, and starts over on reset', () => {
      const c = new TimelineCounter();
      c.add('0.001');
      c.add('0.002');
      assert.equal(c.snapshot()!.spanMs, 1);
      c.add('4102444800'); // 2100
      c.add('-2208988800'); // 1900
      const s = c.snapshot()!;
      assert.ok(s.counts.length <= MAX_BUCKETS, `${s.counts.length}`);
      assert.equal(s.counts.reduce((x, y) => x + y, 0), 4);
      c.reset();
      assert.equal(c.snapshot(), undefined);
      assert.equal(c.rowCount, 0);
    });
  });

  describe('the selection', () => {
    it('becomes epoch-second earliest/latest and a readable label', () => {
      assert.deepEqual(timeRangeOfSpan(T0, T0 + 5 * 60_000), { earliest: '1714564800', latest: '1714565100', label: '2024-05-01 12:00:00 to 12:05:00 UTC' });
      assert.deepEqual(timeRangeOfSpan(T0 + 500, T0 + 86_400_000), { earliest: '1714564800.5', latest: '1714651200', label: '2024-05-01 12:00:00.500 to 2024-05-02 12:00:00 UTC' });
    });

    it('filters the view to [earliest, latest) of _time, and the protocol refuses spans that are not', () => {
      const times = [iso(T0 - 1), iso(T0), iso(T0 + 59_999), iso(T0 + 60_000), 'junk', null];
      const f = compileFilter({ timeRange: { earliestMs: T0, latestMs: T0 + 60_000 } }, (n) => (n === '_time' ? times : undefined), []);
      assert.deepEqual(times.map((_, r) => f.pass(r)), [false, true, true, false, false, false]);
      const none = compileFilter({ timeRange: { earliestMs: T0, latestMs: T0 + 1 } }, () => undefined, []);
      assert.equal(none.pass(0), false, 'no _time column: nothing is in the span');
      assert.equal(isGridToHost({ type: 'useTimeRange', span: { earliestMs: T0, latestMs: T0 + 1 }, rerun: true }), true);
      for (const span of [{ earliestMs: T0, latestMs: T0 }, { earliestMs: T0 + 1, latestMs: T0 }, { earliestMs: 0.5, latestMs: 1 }, { earliestMs: 0, latestMs: 1e300 }, { earliestMs: 0, latestMs: 1, x: 1 }, { earliestMs: '0', latestMs: 1 }]) {
        assert.equal(isGridToHost({ type: 'useTimeRange', span, rerun: false }), false, JSON.stringify(span));
        assert.equal(isGridToHost({ type: 'setFilter', filter: { timeRange: span } }), false, JSON.stringify(span));
      }
    });
  });
});

describe('timeline zoom in a grid session', () => {
  it('keeps only the rows of the span, follows appended pages, and hands useTimeRange to the panel', () => {
    const store = new ResultStore();
    store.append({ kind: 'page', fields: ['_time', 'n'], rows: [[iso(T0 - 1000), '1'], [iso(T0), '2'], [iso(T0 + 30_000), '3']], offset: 0, preview: false });
    const actions: GridToHost[] = [];
    const session = new GridSession({
      store, post: () => undefined, settings: { hashColumns: false }, actions: recordingActions(actions), refreshMs: 1,
      job: { sid: 's', state: 'DONE', progress: 1, running: false, resultCount: 3, truncated: false, runDuration: 0, messages: [] },
    });
    const span = { earliestMs: T0, latestMs: T0 + 60_000 };
    assert.equal(session.handle({ type: 'setFilter', filter: { timeRange: span } }), true);
    assert.deepEqual(session.view.window(0, 10).map((r) => r[1]), ['2', '3']);
    store.append({ kind: 'page', fields: ['_time', 'n'], rows: [[iso(T0 + 60_000), '4'], [String((T0 + 59_000) / 1000), '5']], offset: 3, preview: false });
    assert.deepEqual(session.view.window(0, 10).map((r) => r[1]), ['2', '3', '5']);
    session.handle({ type: 'useTimeRange', span, rerun: true });
    assert.deepEqual(actions, [{ type: 'useTimeRange', span, rerun: true }]);
    session.dispose();
  });
});
