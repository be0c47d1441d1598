import assert from 'node:assert/strict';
import { run, col, EVENTS } from '../helpers';

// Examples from the Search Reference's streamstats page.
describe('streamstats', () => {
  it('streamstats count gives a running count; current=false leaves the result out', async () => {
    assert.deepEqual(col(await run('search * | streamstats count', EVENTS), 'count'), ['1', '2', '3', '4', '5']);
    assert.deepEqual(col(await run('search * | streamstats current=false count', EVENTS), 'count'), ['0', '1', '2', '3', '4']);
  });

  it('window=2 avg(bytes) by host keeps the last two results of each host', async () => {
    const r = await run('search * | streamstats window=2 sum(bytes) as s by host', EVENTS);
    assert.deepEqual(col(r, 's'), ['100', '20', '109', undefined, undefined]);
  });

  it('reset_on_change=true starts over when the by-value changes', async () => {
    const r = await run('search * | streamstats reset_on_change=true count by EventCode', EVENTS);
    assert.deepEqual(col(r, 'count'), ['1', '2', '1', '1', '1']);
  });

  it('time_window=1h counts the results within an hour of each', async () => {
    const rows = [0, 1800, 3599, 7200].map((t) => ({ _time: String(t) }));
    assert.deepEqual(col(await run('search * | streamstats time_window=1h count', rows), 'count'), ['1', '2', '3', '1']);
  });
});

describe('eval inside stats functions', () => {
  it('count(eval(...)) counts the results where the expression is true; sum(eval(...)) sums it', async () => {
    const r = await run('search * | stats count(eval(EventCode=1)) as starts sum(eval(if(host="ws1", 1, 0))) as ws1 dc(eval(lower(host))) as hosts', EVENTS);
    assert.deepEqual(r.rows, [{ starts: '2', ws1: '2', hosts: '3' }]);
  });

  it('eventstats and an eval with nested parentheses and by', async () => {
    const r = await run('search * | eventstats count(eval((bytes > 10) AND (EventCode=1))) as big by host | table host big', EVENTS);
    assert.deepEqual(col(r, 'big'), ['1', '1', '1', '0', '0']);
  });

  it('needs AS', async () => {
    await assert.rejects(() => run('search * | stats count(eval(x=1))', EVENTS), /needs a name; add AS <name>/);
  });
});
