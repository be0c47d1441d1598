import assert from 'node:assert/strict';
import { SplError } from '../../../../src/engine';
import { run } from '../helpers';

const ev = (host: string | undefined, status: string, size: string, t = 0): Record<string, string> => ({ _raw: 'x', _time: String(t), status, size, ...(host === undefined ? {} : { host }) });
const events = [ev('www1', '200', '5'), ev('www1', '404', '12'), ev('www2', '200', '25'), ev('www1', '200', '7'), ev(undefined, '503', '40')];

// Examples from the Search Reference's chart page.
describe('chart', () => {
  it('chart count over host by status: a row per host, a column per status, empty counts 0, no row without host', async () => {
    const r = await run('search * | chart count over host by status', events);
    // The 503 event has no host: no row.
    assert.deepEqual(r.rows, [{ host: 'www1', '200': '2', '404': '1' }, { host: 'www2', '200': '1', '404': '0' }]);
    assert.deepEqual(r.fields, ['host', '200', '404']);
  });

  it('chart count by host status is the same table; by one field is like stats', async () => {
    const r = await run('search * | chart count by host status', events);
    assert.deepEqual(r.rows[0], { host: 'www1', '200': '2', '404': '1' });
    const one = await run('search * | chart count, max(size) AS biggest by host', events);
    assert.deepEqual(one.rows, [{ host: 'www1', count: '3', biggest: '12' }, { host: 'www2', count: '1', biggest: '25' }]);
    assert.deepEqual(one.fields, ['host', 'count', 'biggest']);
  });

  it('a missing column value is NULL unless usenull=f; limit keeps the largest columns, the rest OTHER', async () => {
    const r = await run('search * | chart count over status by host', events);
    assert.deepEqual(r.rows.find((x) => x.status === '503'), { status: '503', www1: '0', www2: '0', NULL: '1' });
    const nonull = await run('search * | chart usenull=f count over status by host', events);
    assert.equal(nonull.rows.find((x) => x.status === '503'), undefined);
    const lim = await run('search * | chart limit=1 count over host by status', events);
    assert.deepEqual(lim.rows, [{ host: 'www1', '200': '2', OTHER: '1' }, { host: 'www2', '200': '1', OTHER: '0' }]);
    const noOther = await run('search * | chart limit=1 useother=f count over host by status', events);
    assert.deepEqual(noOther.rows[0], { host: 'www1', '200': '2' });
  });

  it('span on a numeric row field makes lo-hi ranges in numeric order; on _time, bucket starts', async () => {
    const r = await run('search * | chart count over size span=10 by host', events.slice(0, 4));
    assert.deepEqual(r.rows, [{ size: '0-10', www1: '2', www2: '0' }, { size: '10-20', www1: '1', www2: '0' }, { size: '20-30', www1: '0', www2: '1' }]);
    const t = await run('search * | chart span=1h count over _time', [ev('a', '1', '1', 3600 + 5), ev('a', '1', '1', 60), ev('a', '1', '1', 3700)]);
    assert.deepEqual(t.rows, [{ _time: '0', count: '1' }, { _time: '3600', count: '2' }]);
  });

  it('several aggregations with a column field name their columns "agg: value"; no split gives one row', async () => {
    const r = await run('search * | chart count avg(size) over host by status', events.slice(0, 3));
    assert.deepEqual(r.rows[1], { host: 'www2', 'count: 200': '1', 'avg(size): 200': '25', 'count: 404': '0' });
    const all = await run('search * | chart sum(size)', events);
    assert.deepEqual(all.rows, [{ 'sum(size)': '89' }]);
  });

  it('rejects a third field, span without a row field and bins=', async () => {
    await assert.rejects(() => run('| makeresults | chart count by a b c', []), (e: unknown) => e instanceof SplError && /one row and one column field/.test(e.message));
    await assert.rejects(() => run('| makeresults | chart span=1h count', []), /span= needs a row field/);
    await assert.rejects(() => run('| makeresults | chart bins=10 count over x', []), /bins= is not supported/);
  });
});
