import assert from 'node:assert/strict';
import { run, col } from '../helpers';

const times = (ts: number[]): Record<string, string>[] => ts.map((t, i) => ({ _raw: `e${i}`, _time: String(t), size: String(i * 7) }));
const at = (h: number, m: number, s = 0): number => Date.UTC(2024, 7, 22, h, m, s) / 1000;

// Examples from the Search Reference's bin page.
describe('bin and bucket', () => {
  it('bin span=5m _time puts each time at the start of its five minutes', async () => {
    const r = await run('search * | bin span=5m _time', times([at(1, 56, 37), at(1, 58, 21), at(2, 3, 16), at(2, 9, 38)]));
    assert.deepEqual(col(r, '_time'), [at(1, 55), at(1, 55), at(2, 0), at(2, 5)].map(String));
  });

  it('bucket is the same command; span=1d snaps to the UTC day; span=1mon to the month', async () => {
    const day = await run('search * | bucket _time span=1d', times([at(13, 0)]));
    assert.deepEqual(col(day, '_time'), [String(Date.UTC(2024, 7, 22) / 1000)]);
    const mon = await run('search * | bin _time span=1mon AS month', times([at(13, 0)]));
    assert.deepEqual(col(mon, 'month'), [String(Date.UTC(2024, 7, 1) / 1000)]);
  });

  it('bin span=12h aligntime=@d+3h _time aligns the buckets to 3 AM', async () => {
    const r = await run('search * | bin span=12h aligntime=@d+3h _time', times([at(2, 0), at(4, 0), at(16, 0)]));
    assert.deepEqual(col(r, '_time'), [Date.UTC(2024, 7, 21, 15) / 1000, at(3, 0), at(15, 0)].map(String));
  });

  it('numbers become lo-hi ranges: span=10, and bins=10 size AS bin_size', async () => {
    const r = await run('search * | bin span=10 size', times([0, 0, 0]));
    assert.deepEqual(col(r, 'size'), ['0-10', '0-10', '10-20']);
    const b = await run('search * | bin bins=10 size AS bin_size', times(Array.from({ length: 20 }, () => 0)));
    // 0..133 over at most 10 bins: a span of 100.
    assert.deepEqual([...new Set(col(b, 'bin_size'))], ['0-100', '100-200']);
    assert.equal(b.rows[0]!.size, '0');
  });

  it('rejects an invalid span', async () => {
    await assert.rejects(() => run('| bin span=5x _time', []), /invalid span '5x'/);
  });
});
