import assert from 'node:assert/strict';
import { FieldSummary } from '../../../src/results/fieldSummary';

describe('FieldSummary', () => {
  it('gives each field its share of rows, distinct count and top values, page by page', () => {
    const s = new FieldSummary({ topCount: 2 });
    s.add(['host', 'user'], [['a', 'x'], ['a', null], ['b', '']]);
    s.add(['user', 'host'], [['x', 'a'], [null, 'c']]);
    const host = s.stats('host')!;
    assert.equal(s.rowCount, 5);
    assert.equal(host.rows, 5);
    assert.equal(host.share, 1);
    assert.equal(host.distinct, 3);
    assert.deepEqual(host.top, [{ value: 'a', count: 3, share: 0.6 }, { value: 'b', count: 1, share: 0.2 }]);
    const user = s.stats('user')!;
    assert.equal(user.rows, 2);
    assert.equal(user.share, 2 / 5);
    assert.deepEqual(user.top, [{ value: 'x', count: 2, share: 1 }]);
    assert.deepEqual(s.all().map((f) => f.field), ['host', 'user']);
  });

  it('counts a multivalue cell once for the share and once per value', () => {
    const s = new FieldSummary();
    s.add(['tags'], [[['red', 'blue']], [['red']], [null]]);
    const t = s.stats('tags')!;
    assert.equal(t.rows, 2);
    assert.deepEqual(t.top.map((v) => [v.value, v.count]), [['red', 2], ['blue', 1]]);
  });

  it('gives min, max and average only when every value is a number', () => {
    const s = new FieldSummary();
    s.add(['bytes', 'mixed'], [['10', '1'], ['-2.5', 'n/a'], ['1e3', '3']]);
    assert.deepEqual(s.stats('bytes')!.numeric, { min: -2.5, max: 1000, avg: (10 - 2.5 + 1000) / 3 });
    assert.equal(s.stats('mixed')!.numeric, undefined);
  });

  it('orders ties in the top list by value, and keeps the k largest', () => {
    const s = new FieldSummary({ topCount: 3 });
    const rows = ['d', 'c', 'b', 'a', 'a', 'e', 'e', 'e'].map((v) => [v]);
    s.add(['f'], rows);
    assert.deepEqual(s.stats('f')!.top.map((v) => v.value), ['e', 'a', 'b']);
  });

  it('stops tracking new values past maxDistinct and says the count is a lower bound', () => {
    const s = new FieldSummary({ maxDistinct: 3 });
    s.add(['f'], [['a'], ['b'], ['c'], ['d'], ['a']]);
    const f = s.stats('f')!;
    assert.equal(f.distinct, 3);
    assert.equal(f.distinctCapped, true);
    assert.equal(f.top[0]!.value, 'a');
    assert.equal(f.top[0]!.count, 2);
  });

  it('starts over on reset', () => {
    const s = new FieldSummary();
    s.add(['f'], [['a']]);
    s.reset();
    assert.equal(s.rowCount, 0);
    assert.equal(s.stats('f'), undefined);
  });
});

describe('FieldSummary.addColumns', () => {
  it('gives the same figures from the store\'s columns, added in slices, as from rows', () => {
    const host = ['a', 'b', 'a', null, 'a'];
    const n = ['1', '2', '3', '4', 'x'];
    const byRows = new FieldSummary();
    byRows.add(['host', 'n'], host.map((h, i) => [h, n[i]!]));
    const byColumns = new FieldSummary();
    const columns = [{ field: 'host', values: host }, { field: 'n', values: n }];
    byColumns.addColumns(columns, 0, 2);
    byColumns.addColumns(columns, 2, 5);
    assert.deepEqual(byColumns.all(), byRows.all());
    assert.equal(byColumns.rowCount, 5);
  });

  it('treats cells past a short column as absent', () => {
    const s = new FieldSummary();
    s.addColumns([{ field: 'late', values: ['v'] }], 0, 3);
    assert.equal(s.stats('late')!.share, 1 / 3);
  });
});
