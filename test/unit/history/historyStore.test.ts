import assert from 'node:assert/strict';
import { HistoryStore, parseHistoryRecord, ResultCache, type HistoryRecord } from '../../../src/history';

function rec(n: number, over: Partial<HistoryRecord> = {}): HistoryRecord {
  return { id: `r${n}`, query: `search index=main n=${n}`, target: 'local engine', earliest: '', latest: '', timeLabel: 'All time', state: 'done', resultCount: n, durationMs: 10, startedAt: 1_000 + n, ...over };
}

describe('HistoryStore', () => {
  it('keeps runs newest first and drops the oldest past its limit', () => {
    const s = new HistoryStore(3);
    for (let i = 1; i <= 5; i++) s.add(rec(i));
    assert.deepEqual(s.all.map((r) => r.id), ['r5', 'r4', 'r3']);
    assert.deepEqual(s.setLimit(1), ['r4', 'r3']);
    assert.equal(s.size, 1);
  });

  it('finds runs by every word of the query, the target, the sid or the state', () => {
    const s = new HistoryStore(10);
    s.add(rec(1, { query: 'index=sysmon EventCode=1 | stats count by Image', sid: '1714.7' }));
    s.add(rec(2, { query: 'index=web status=500', target: 'prod splunk', state: 'failed' }));
    assert.deepEqual(s.search('eventcode=1 IMAGE').map((r) => r.id), ['r1']);
    assert.deepEqual(s.search('prod').map((r) => r.id), ['r2']);
    assert.deepEqual(s.search('1714.7').map((r) => r.id), ['r1']);
    assert.deepEqual(s.search('', { state: 'failed' }).map((r) => r.id), ['r2']);
    assert.deepEqual(s.search('nothing-like-this'), []);
  });

  it('reads back stored state, dropping entries that are not records and duplicates', () => {
    const stored = [rec(1), { id: 'x' }, null, 'junk', rec(2, { state: 'exploded' as never }), rec(1), { ...rec(3), resultCount: -4, extra: 'kept out' }];
    const s = HistoryStore.fromStored(stored, 10);
    assert.deepEqual(s.all.map((r) => r.id), ['r3', 'r1']);
    assert.equal(s.get('r3')!.resultCount, 0);
    assert.equal((s.get('r3') as unknown as Record<string, unknown>)['extra'], undefined);
    assert.equal(HistoryStore.fromStored({ not: 'a list' }, 10).size, 0);
  });

  it('caps the query text a record keeps', () => {
    const r = parseHistoryRecord({ ...rec(1), query: 'x'.repeat(200_000) });
    assert.equal(r!.query.length, 100_000);
  });
});

describe('ResultCache', () => {
  it('keeps the newest runs within both the run count and the row budget', () => {
    const c = new ResultCache<string>(2, 100);
    assert.deepEqual(c.add('a', 10, 'A'), []);
    assert.deepEqual(c.add('b', 10, 'B'), []);
    assert.deepEqual(c.add('c', 10, 'C'), ['A']);
    assert.deepEqual(c.ids, ['c', 'b']);
    assert.deepEqual(c.add('d', 95, 'D'), ['C', 'B']);
    assert.deepEqual(c.ids, ['d']);
  });

  it('does not keep a run larger than the whole budget, nor anything with zero runs allowed', () => {
    const c = new ResultCache<string>(5, 100);
    assert.deepEqual(c.add('big', 101, 'BIG'), ['BIG']);
    assert.equal(c.has('big'), false);
    c.add('a', 1, 'A');
    assert.deepEqual(c.configure(0, 100), ['A']);
    assert.deepEqual(c.add('b', 1, 'B'), ['B']);
  });
});
