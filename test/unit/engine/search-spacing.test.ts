import assert from 'node:assert/strict';
import { parseSearchExpression } from '../../../src/engine/search';
import { run } from './helpers';

describe('engine search: spaces around comparison operators', () => {
  it('reads field = value, field= value and field =value as field=value', () => {
    for (const text of ['action = failure', 'action= failure', 'action =failure', 'action="failure"', 'action = "failure"']) {
      assert.deepEqual(parseSearchExpression(text, 0).node, { type: 'cmp', field: 'action', op: '=', value: 'failure', pos: 0 }, text);
    }
    assert.deepEqual(parseSearchExpression('n >= 3', 0).node, { type: 'cmp', field: 'n', op: '>=', value: '3', pos: 0 });
  });

  it('leaves boolean operators and lone terms alone', async () => {
    const evs = [{ _raw: 'a', action: 'failure' }, { _raw: 'b', action: 'success' }];
    assert.equal((await run('search action = failure OR action = success', evs)).rows.length, 2);
    assert.equal((await run('search NOT action = failure', evs)).rows.length, 1);
  });
});

describe('engine search: CIDR values', () => {
  it('matches IPv4 addresses inside a CIDR block, in comparisons and IN lists', async () => {
    const evs = [{ ip: '10.1.2.3' }, { ip: '192.168.1.9' }, { ip: '172.32.0.1' }, { ip: 'not-an-ip' }, { ip: '10.0.0.0/8' }];
    assert.deepEqual((await run('search ip=10.0.0.0/8', evs)).rows.map((r) => r.ip), ['10.1.2.3', '10.0.0.0/8']);
    assert.deepEqual((await run('search ip IN ("172.16.0.0/12", 192.168.0.0/16)', evs)).rows.map((r) => r.ip), ['192.168.1.9']);
    assert.deepEqual((await run('search ip=0.0.0.0/0', evs)).rows.map((r) => r.ip), ['10.1.2.3', '192.168.1.9', '172.32.0.1']);
    assert.deepEqual((await run('search NOT ip=10.0.0.0/8', evs)).rows.map((r) => r.ip), ['192.168.1.9', '172.32.0.1', 'not-an-ip']);
  });
});
