import assert from 'node:assert/strict';
import { SplError } from '../../../../src/engine';
import { run } from '../helpers';

const at = (h: number, m: number): number => Date.UTC(2024, 7, 22, h, m) / 1000;
const ev = (t: number, host: string | undefined, bytes: string): Record<string, string> => ({ _raw: 'x', _time: String(t), bytes, ...(host === undefined ? {} : { host }) });

// Examples from the Search Reference's timechart page.
describe('timechart', () => {
  const events = [ev(at(1, 1), 'www1', '10'), ev(at(1, 2), 'www2', '20'), ev(at(1, 3), 'www1', '30'), ev(at(1, 21), 'www1', '40')];

  it('span=5m count: one row per bucket from the first to the last, empty ones 0', async () => {
    const r = await run('search * | timechart span=5m count', events);
    assert.deepEqual(r.rows, [
      { _time: String(at(1, 0)), count: '3' },
      { _time: String(at(1, 5)), count: '0' },
      { _time: String(at(1, 10)), count: '0' },
      { _time: String(at(1, 15)), count: '0' },
      { _time: String(at(1, 20)), count: '1' },
    ]);
    assert.deepEqual(r.fields, ['_time', 'count']);
    const gaps = await run('search * | timechart span=5m cont=f count', events);
    assert.equal(gaps.rows.length, 2);
  });

  it('span=10m avg(bytes) by host: a column per split value, avg left empty where no events', async () => {
    const r = await run('search * | timechart span=10m avg(bytes) by host', events);
    assert.deepEqual(r.rows, [
      { _time: String(at(1, 0)), www1: '20', www2: '20' },
      { _time: String(at(1, 10)) },
      { _time: String(at(1, 20)), www1: '40' },
    ]);
    assert.deepEqual(r.fields, ['_time', 'www1', 'www2']);
  });

  it('several aggregations by a field are named "agg: value"; AS renames', async () => {
    const r = await run('search * | timechart span=1h count, sum(bytes) AS total by host', events);
    assert.deepEqual(r.rows, [{ _time: String(at(1, 0)), 'count: www1': '3', 'total: www1': '80', 'count: www2': '1', 'total: www2': '20' }]);
  });

  it('limit keeps the series with the largest totals and aggregates the rest again as OTHER', async () => {
    const many = [ev(at(1, 1), 'a', '1'), ev(at(1, 1), 'a', '1'), ev(at(1, 1), 'b', '1'), ev(at(1, 1), 'c', '5'), ev(at(1, 1), 'c', '5')];
    const r = await run('search * | timechart span=1h limit=1 dc(bytes) by host', many);
    assert.deepEqual(r.rows, [{ _time: String(at(1, 0)), a: '1', OTHER: '2' }]);
    const none = await run('search * | timechart span=1h limit=1 useother=f count by host', many);
    assert.deepEqual(none.rows, [{ _time: String(at(1, 0)), a: '2' }]);
    const all = await run('search * | timechart span=1h limit=0 otherstr=rest count by host', many);
    assert.deepEqual(Object.keys(all.rows[0]!), ['_time', 'a', 'b', 'c']);
  });

  it('events without the split field are NULL unless usenull=f; nullstr renames', async () => {
    const r = await run('search * | timechart span=1h count by host', [ev(at(1, 1), undefined, '1'), ev(at(1, 2), 'h', '1')]);
    assert.deepEqual(r.rows, [{ _time: String(at(1, 0)), h: '1', NULL: '1' }]);
    const renamed = await run('search * | timechart span=1h nullstr=none count by host', [ev(at(1, 1), undefined, '1')]);
    assert.deepEqual(renamed.rows, [{ _time: String(at(1, 0)), none: '1' }]);
    const dropped = await run('search * | timechart span=1h usenull=f count by host', [ev(at(1, 1), undefined, '1'), ev(at(1, 2), 'h', '1')]);
    assert.deepEqual(dropped.rows, [{ _time: String(at(1, 0)), h: '1' }]);
  });

  it('without span, bins=100 picks a span from the events\' time range; span=1mon snaps to months', async () => {
    const r = await run('search * | timechart count', events);
    // 20 minutes over at most 100 buckets: 30 seconds.
    assert.equal(r.rows.length, 41);
    const mon = await run('search * | timechart span=1mon count', [ev(Date.UTC(2024, 0, 15) / 1000, 'a', '1'), ev(Date.UTC(2024, 2, 3) / 1000, 'a', '1')]);
    assert.deepEqual(mon.rows.map((x) => [x._time, x.count]), [[Date.UTC(2024, 0, 1), '1'], [Date.UTC(2024, 1, 1), '0'], [Date.UTC(2024, 2, 1), '1']].map(([t, c]) => [String(Number(t) / 1000), c]));
  });

  it('count(eval(...)) AS n works as in stats; no events gives no rows', async () => {
    const r = await run('search * | timechart span=1h count(eval(bytes>15)) AS big', events);
    assert.deepEqual(r.rows, [{ _time: String(at(1, 0)), big: '3' }]);
    const empty = await run('search nothing | timechart span=1h count', events);
    assert.deepEqual(empty.rows, []);
  });

  it('rejects a second split field, a where clause and an unknown option', async () => {
    await assert.rejects(() => run('| makeresults | timechart count by a b', []), (e: unknown) => e instanceof SplError && /splits by one field/.test(e.message));
    await assert.rejects(() => run('| makeresults | timechart count by a where count > 5', []), /'where' series filter/);
    await assert.rejects(() => run('| makeresults | timechart spam=5m count', []), /unknown option 'spam'/);
    await assert.rejects(() => run('| makeresults | timechart', []), /expected an aggregation/);
  });
});
