import assert from 'node:assert/strict';
import { run, col, EVENTS } from './helpers';

describe('engine stats, eventstats, top, rare', () => {
  it('puts by fields first, then aggregates, with groups sorted', async () => {
    const r = await run('search * | stats count, count(User) AS users, dc(EventCode) by host', EVENTS);
    assert.deepEqual(r.fields, ['host', 'count', 'users', 'dc(EventCode)']);
    // Byte order: upper case before lower case.
    assert.deepEqual(r.rows, [
      { host: 'WS1', count: '1', users: '0', 'dc(EventCode)': '1' },
      { host: 'ws1', count: '2', users: '1', 'dc(EventCode)': '2' },
      { host: 'ws2', count: '1', users: '1', 'dc(EventCode)': '1' },
      { host: 'ws3', count: '1', users: '1', 'dc(EventCode)': '1' },
    ]);
  });

  it('computes values (distinct, sorted), list (in order), min, max, avg, sum', async () => {
    const r = await run('search * | stats values(host) AS hosts, list(EventCode) AS codes, min(bytes), max(bytes), avg(bytes), sum(bytes), distinct_count(host)', EVENTS);
    assert.deepEqual(r.rows, [{
      hosts: ['WS1', 'ws1', 'ws2', 'ws3'], codes: ['1', '1', '3', '7', '11'],
      'min(bytes)': '9', 'max(bytes)': '100', 'avg(bytes)': '43', 'sum(bytes)': '129', 'distinct_count(host)': '4',
    }]);
  });

  it('uses the earliest and latest _time; first and last in order', async () => {
    const evs = [{ _time: '30', u: 'c' }, { _time: '10', u: 'a' }, { _time: '20', u: 'b' }];
    const r = await run('search * | stats earliest(u) AS e, latest(u) AS l, first(u) AS f, last(u) AS z', evs);
    assert.deepEqual(r.rows, [{ e: 'a', l: 'c', f: 'c', z: 'b' }]);
  });

  it('groups by several fields, fans out multivalues, and skips events missing a by field', async () => {
    const r = await run('search * | stats count by tags, EventCode', EVENTS);
    assert.deepEqual(r.rows, [
      { tags: 'blue', EventCode: '1', count: '1' },
      { tags: 'green', EventCode: '7', count: '1' },
      { tags: 'red', EventCode: '1', count: '1' },
    ]);
  });

  it('returns one row with count 0 for no events, and no rows with a by clause', async () => {
    const none = await run('search nomatch | stats count, dc(x), values(x)', EVENTS);
    assert.deepEqual(none.rows, [{ count: '0', 'dc(x)': '0' }]);
    assert.deepEqual(none.fields, ['count', 'dc(x)', 'values(x)']);
    const by = await run('search nomatch | stats count by host', EVENTS);
    assert.deepEqual(by.rows, []);
    assert.deepEqual(by.fields, ['host', 'count']);
  });

  it('eventstats adds the group aggregates to every event', async () => {
    const r = await run('search * | eventstats count AS n, max(bytes) AS top by host | table _time host n top', EVENTS);
    assert.deepEqual(r.rows.map((x) => [x._time, x.n, x.top]), [['1000', '2', '100'], ['2000', '1', '20'], ['3000', '2', '100'], ['4000', '1', undefined], ['5000', '1', 'n/a']]);
  });

  it('top counts values with percent, most common first, limit and by', async () => {
    const r = await run('search * | top host', EVENTS);
    assert.deepEqual(r.fields, ['host', 'count', 'percent']);
    assert.deepEqual(r.rows[0], { host: 'ws1', count: '2', percent: '40.000000' });
    assert.equal(r.rows.length, 4);
    const l = await run('search * | top limit=1 host showperc=false countfield=n', EVENTS);
    assert.deepEqual(l.fields, ['host', 'n']);
    assert.deepEqual(l.rows, [{ host: 'ws1', n: '2' }]);
    const by = await run('search * | top 1 EventCode by host', EVENTS);
    assert.deepEqual(by.fields, ['host', 'EventCode', 'count', 'percent']);
    assert.deepEqual(by.rows.map((x) => `${x.host}/${x.EventCode}/${x.percent}`), ['WS1/7/100.000000', 'ws1/1/50.000000', 'ws2/1/100.000000', 'ws3/11/100.000000']);
  });

  it('top useother folds the rest into OTHER; rare lists the least common first', async () => {
    const r = await run('search * | top limit=1 useother=true host', EVENTS);
    assert.deepEqual(col(r, 'host'), ['ws1', 'OTHER']);
    assert.deepEqual(col(r, 'count'), ['2', '3']);
    const rare = await run('search * | rare EventCode', EVENTS);
    assert.equal(rare.rows[rare.rows.length - 1]!.EventCode, '1');
    assert.equal(rare.rows[0]!.count, '1');
  });

  describe('median, mode, percentiles, sumsq, sparkline', () => {
    // The Search Reference's list for percentiles: Y = {10,9,8,7,6,5,4,3,2,1}.
    const Y = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((y, i) => ({ _time: String(i * 60), y: String(y), k: y % 3 === 0 ? 'a' : 'b' }));

    it('computes median (the higher middle value for an even count), mode, sumsq and range', async () => {
      const r = await run('search * | stats median(y) mode(k) sumsq(y) range(y)', Y);
      assert.deepEqual(r.rows, [{ 'median(y)': '6', 'mode(k)': 'b', 'sumsq(y)': '385', 'range(y)': '9' }]);
    });

    it('computes perc<N>, p<N>, percentile<N>, exactperc<N> (interpolated) and upperperc<N>', async () => {
      const r = await run('search * | stats perc50(y) p90(y) percentile25(y) exactperc99.5(y) upperperc50(y) AS up', Y);
      assert.deepEqual(r.rows, [{ 'perc50(y)': '5.5', 'p90(y)': '9.1', 'percentile25(y)': '3.25', 'exactperc99.5(y)': '9.955', up: '6' }]);
    });

    it('makes a sparkline value: the marker, then counts per time bucket', async () => {
      const r = await run('search * | stats sparkline(count, 3m) AS trend, count by k', Y);
      assert.deepEqual(r.rows, [
        { k: 'a', trend: ['##__SPARKLINE__##', '1', '1', '1'], count: '3' },
        { k: 'b', trend: ['##__SPARKLINE__##', '2', '2', '2', '1'], count: '7' },
      ]);
      const plain = await run('search * | stats sparkline, count', Y);
      assert.deepEqual(plain.fields, ['sparkline', 'count']);
    });

    it('reads an AS name with parentheses up to the next space, as Splunk does', async () => {
      const r = await run('search * | stats values(k) as flags(inheritance) count', Y);
      assert.deepEqual(r.fields, ['flags(inheritance)', 'count']);
    });
  });
});
