import assert from 'node:assert/strict';
import { run, col, EVENTS } from '../helpers';

// Examples after the Search Reference's join, append, appendcols, appendpipe and foreach pages.
describe('join, append, appendcols, appendpipe, foreach', () => {
  it('join host [ ... ]: inner by default, type=left keeps unmatched, max=0 all matches', async () => {
    const sub = '[ search EventCode=1 | eval who=User | table host who ]';
    const inner = await run(`search * | join host ${sub} | table EventCode host who`, EVENTS);
    assert.deepEqual(inner.rows.map((r) => [r.EventCode, r.who]), [['1', 'CORP\\alice'], ['1', 'CORP\\bob'], ['3', 'CORP\\alice']]);
    const left = await run(`search * | join type=left host ${sub}`, EVENTS);
    assert.equal(left.rows.length, 5);
    const two = await run('search EventCode=1 | join max=0 host [ search host=ws1 | table host EventCode ] | stats count', EVENTS);
    assert.deepEqual(col(two, 'count'), ['2']);
  });

  it('append [ ... ] adds the subsearch results after the others', async () => {
    const r = await run('search EventCode=1 | stats count | append [ search EventCode=3 | stats count as net ]', EVENTS);
    assert.deepEqual(r.rows, [{ count: '2' }, { net: '1' }]);
  });

  it('appendcols adds fields row by row; the current values win unless override=true', async () => {
    const r = await run('search EventCode=1 | table host | appendcols [ search EventCode=3 | eval host="sub", x=1 | table host x ]', EVENTS);
    assert.deepEqual(r.rows, [{ host: 'ws1', x: '1' }, { host: 'ws2' }]);
    const o = await run('search EventCode=1 | table host | appendcols override=true [ search EventCode=3 | eval host="sub" | table host ]', EVENTS);
    assert.deepEqual(col(o, 'host'), ['sub', 'ws2']);
  });

  it('appendpipe [stats count as total] appends a summary of the results', async () => {
    const r = await run('search * | stats count by host | appendpipe [stats sum(count) as total | eval host="ALL"]', EVENTS);
    assert.deepEqual(r.rows.at(-1), { total: '5', host: 'ALL' });
  });

  it('foreach with <<FIELD>> and <<MATCHSTR>> templates', async () => {
    const r = await run('| makeresults | eval a_x=1, a_y=2, b=3 | foreach a_* [eval "new_<<MATCHSTR>>" = <<FIELD>> * 10]', []);
    assert.deepEqual([r.rows[0]!.new_x, r.rows[0]!.new_y, r.rows[0]!.new_b], ['10', '20', undefined]);
  });
});
