import assert from 'node:assert/strict';
import { run, col } from '../helpers';

const rows = [
  { _raw: 'r1', _time: '100', host: 'a', x: '1', y: '2.5', z: 'n/a' },
  { _raw: 'r2', _time: '200', host: 'b', x: '3', y: '4', count1: '10' },
];

// Examples from the Search Reference's addtotals page.
describe('addtotals', () => {
  it('adds Total, the sum of the numeric fields of each row (not _ fields, not text)', async () => {
    const r = await run('search * | addtotals', rows);
    assert.deepEqual(col(r, 'Total'), ['3.5', '17']);
  });

  it('fieldname=sum with a wildcard field list sums only those fields', async () => {
    const r = await run('search * | addtotals fieldname=sum x count*', rows);
    assert.deepEqual(col(r, 'sum'), ['1', '13']);
    assert.equal(r.rows[0]!.Total, undefined);
  });

  it('row=f col=t labelfield=host label=ALL appends a row of column sums', async () => {
    const r = await run('search * | table host x y | addtotals row=f col=t labelfield=host label=ALL', rows);
    assert.equal(r.rows.length, 3);
    assert.deepEqual(r.rows[2], { host: 'ALL', x: '4', y: '6.5' });
    assert.deepEqual(r.fields, ['host', 'x', 'y']);
  });

  it('col=t also sums the row totals; the label defaults to Total', async () => {
    const r = await run('search * | table host x | addtotals col=t labelfield=name', rows);
    assert.deepEqual(r.rows[2], { x: '4', Total: '4', name: 'Total' });
    assert.deepEqual(r.fields, ['host', 'x', 'Total', 'name']);
  });

  it('rejects an unknown option', async () => {
    await assert.rejects(() => run('| makeresults | addtotals rows=t', []), /unknown option 'rows'/);
  });
});
