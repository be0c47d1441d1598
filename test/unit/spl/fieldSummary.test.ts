import assert from 'node:assert/strict';
import { summariseFields } from '../../../src/spl/fieldSummary';

describe('summariseFields', () => {
  it('counts distinct values, multivalue cells value by value, most frequent first', () => {
    const data: Record<string, Array<string | string[] | null>> = { host: ['a', 'b', 'a', null, 'a'], tags: [['x', 'y'], ['x'], null, null, ['z']] };
    const s = summariseFields(['host', 'tags', 'absent'], (f) => data[f], 5, 'last results');
    assert.deepEqual(s[0], { name: 'host', origin: 'last results', distinctCount: 2, rows: 5, topValues: [{ value: 'a', count: 3 }, { value: 'b', count: 1 }] });
    assert.deepEqual(s[1]!.topValues, [{ value: 'x', count: 2 }, { value: 'y', count: 1 }, { value: 'z', count: 1 }]);
    assert.equal(s[2]!.distinctCount, 0);
  });

  it('looks at the first rows only and cuts long values', () => {
    const values = ['long'.repeat(100), 'long'.repeat(100), 'b', 'c', 'd'];
    const [s] = summariseFields(['f'], () => values, 5, 'x', { maxRows: 3, topValues: 1, maxValueLength: 10 });
    assert.equal(s!.rows, 3);
    assert.equal(s!.distinctCount, 2);
    assert.deepEqual(s!.topValues, [{ value: 'longlongl…', count: 2 }]);
  });
});
