import assert from 'node:assert/strict';
import { tokenizeArgs } from '../../../src/engine/lexer';
import { run } from './helpers';

describe('engine lexer', () => {
  it('joins a quoted part to the rest of its word ("Processes".* from drop_dm_object_name("Processes"))', () => {
    assert.deepEqual(tokenizeArgs('"Processes".* AS *', 0).map((t) => [t.kind, t.text]), [['word', 'Processes.*'], ['word', 'AS'], ['word', '*']]);
    // A quoted string on its own stays a string.
    assert.deepEqual(tokenizeArgs('"a b", x', 0).map((t) => t.kind), ['str', ',', 'word']);
  });

  it('so rename "Processes".* AS * drops the dataset prefix', async () => {
    const r = await run('| makeresults | eval Processes.user="alice" | rename "Processes".* AS * | table user', []);
    assert.deepEqual(r.rows, [{ user: 'alice' }]);
  });
});
