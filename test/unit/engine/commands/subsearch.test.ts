import assert from 'node:assert/strict';
import { SplError } from '../../../../src/engine';
import { formatResults, subsearchText } from '../../../../src/engine/subsearch';
import { run, col, EVENTS } from '../helpers';

describe('subsearches', () => {
  it('the results of [ ... ] filter the outer search, formatted as ( ( a="x" ) OR ... )', async () => {
    const r = await run('search EventCode=1 [ search EventCode=3 | fields host ]', EVENTS);
    assert.deepEqual(col(r, 'host'), ['ws1']);
  });

  it('NOT [ empty ] keeps everything; [ empty ] keeps nothing (format gives NOT ())', async () => {
    const kept = await run('search NOT [ search EventCode=99 | fields host ] | stats count', EVENTS);
    assert.deepEqual(col(kept, 'count'), ['5']);
    const none = await run('search [ search EventCode=99 | fields host ] | stats count', EVENTS);
    assert.deepEqual(col(none, 'count'), ['0']);
  });

  it('a later | search takes a subsearch too, and subsearches nest', async () => {
    const r = await run('search * | search host=ws* [ search EventCode=7 [ search EventCode=3 | fields Image ] | fields User ] | stats count', EVENTS);
    // EventCode=7 with svchost? none: the inner subsearch picks svchost, EventCode=7 is powershell, so no User: NOT ().
    assert.deepEqual(col(r, 'count'), ['0']);
  });

  it('return and $field: the Search Reference examples', async () => {
    const one = await run('| makeresults | eval user="bob", src="10.0.0.1" | return user', []);
    assert.deepEqual(col(one, 'search'), ['user="bob"']);
    const alias = await run('| makeresults count=2 | streamstats count as n | eval ip="10.0.0.".n | return 2 src=ip', []);
    assert.deepEqual(col(alias, 'search'), ['(src="10.0.0.1") OR (src="10.0.0.2")']);
    const bare = await run('| makeresults | eval src="10.0.0.1" | return $src', []);
    assert.deepEqual(col(bare, 'search'), ['10.0.0.1']);
  });

  it('format: the default layout, multivalue fields, and custom separators', async () => {
    assert.equal(formatResults([{ a: '1', b: 'x"y' }, { a: ['2', '3'] }]), '( ( a="1" AND b="x\\"y" ) OR ( ( a="2" OR a="3" ) ) )');
    const r = await run('| makeresults | eval a=1 | format "[" "[" "&&" "]" "||" "]"', []);
    assert.deepEqual(col(r, 'search'), ['[ [ a="1" ] ]']);
  });

  it('a result value cannot break out of its quotes in the outer search', async () => {
    const text = subsearchText([{ host: 'x" OR host=*' }]);
    assert.equal(text, '( ( host="x\\" OR host=*" ) )');
    const r = await run('search [ | makeresults | eval host="x\\" OR host=*" | fields host ] | stats count', EVENTS);
    assert.deepEqual(col(r, 'count'), ['0']);
  });

  it('an error inside a subsearch points into it', async () => {
    await assert.rejects(() => run('search [ search | bogus ]', EVENTS), (e: unknown) => e instanceof SplError && e.column === 18 && /Unknown search command 'bogus'/.test(e.message));
    await assert.rejects(() => run('search [ search x', EVENTS), /Unbalanced brackets/);
  });
});
