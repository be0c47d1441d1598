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
