import assert from 'node:assert/strict';
import { run } from '../helpers';

const PS = {
  _time: '100', host: 'h1',
  _raw: 'PID   USER  COMMAND\n101   root  splunkd -p 8089 start\n202   bob   bash\n303   root  splunkd process-runner',
};

describe('engine multikv', () => {
  it('makes one result per table row, columns named by the header, the last taking the rest of the line', async () => {
    const r = await run('search * | multikv', [PS]);
    assert.deepEqual(r.rows.map((x) => [x.PID, x.USER, x.COMMAND, x.host, x._raw]), [
      ['101', 'root', 'splunkd -p 8089 start', 'h1', '101   root  splunkd -p 8089 start'],
      ['202', 'bob', 'bash', 'h1', '202   bob   bash'],
      ['303', 'root', 'splunkd process-runner', 'h1', '303   root  splunkd process-runner'],
    ]);
  });

  it('keeps the listed fields of the rows that contain a filter term (Search Reference: fields COMMAND filter splunkd)', async () => {
    const r = await run('search * | multikv fields COMMAND filter splunkd', [PS]);
    assert.deepEqual(r.rows.map((x) => [x.COMMAND, x.PID]), [['splunkd -p 8089 start', undefined], ['splunkd process-runner', undefined]]);
  });

  it('names columns Column_N with noheader=t and takes another header line with forceheader', async () => {
    const noh = await run('search * | multikv noheader=true', [{ _raw: 'a b\nc d' }]);
    assert.deepEqual(noh.rows.map((x) => [x.Column_1, x.Column_2]), [['a', 'b'], ['c', 'd']]);
    const fh = await run('search * | multikv forceheader=2', [{ _raw: 'junk line\nk-1 k2\nv1 v2' }]);
    assert.deepEqual(fh.rows.map((x) => [x.k_1, x.k2]), [['v1', 'v2']]);
  });
});
