import assert from 'node:assert/strict';
import { run } from '../helpers';
import { substitute } from '../../../../src/engine/commands/map';

const EVS = [
  { _time: '1', EventCode: '4624', TargetLogonId: '0x1', user: 'alice' },
  { _time: '2', EventCode: '4624', TargetLogonId: '0x2', user: 'bob' },
  { _time: '3', EventCode: '4662', TargetLogonId: '0x2' },
  { _time: '4', EventCode: '4662', TargetLogonId: '0x3' },
];

describe('engine map', () => {
  it('runs the search once per result with $field$ substituted (Search Reference: map search="search ... $field$")', async () => {
    const r = await run('search EventCode=4662 | map search="search EventCode=4624 TargetLogonId=$TargetLogonId$"', EVS);
    assert.deepEqual(r.rows.map((e) => e.user), ['bob']);
  });

  it('stops at maxsearches with a warning, and takes a [ ... ] search', async () => {
    const warnings: string[] = [];
    const r = await run('search * | map maxsearches=1 [search EventCode=4624 TargetLogonId=$TargetLogonId$ | eval n=$_serial_id$]', EVS, { onWarning: (m) => warnings.push(m) });
    assert.deepEqual(r.rows.map((e) => [e.user, e.n]), [['alice', '1']]);
    assert.match(warnings.join(' '), /first 1 of 4 results/);
  });

  it('runs inside appendpipe, as the detections use it', async () => {
    const r = await run('search EventCode=4662 | stats count by TargetLogonId | appendpipe [| map search="search EventCode=4624 TargetLogonId=$TargetLogonId$"] | table TargetLogonId user', EVS);
    assert.deepEqual(r.rows, [{ TargetLogonId: '0x2' }, { TargetLogonId: '0x3' }, { TargetLogonId: '0x2', user: 'bob' }]);
  });

  it('quotes a substituted value so it cannot change the search', () => {
    assert.equal(substitute('search a=$x$ | head 1', { x: '1 | delete' }, 1), 'search a="1 | delete" | head 1');
    assert.equal(substitute('search a="pre-$x$"', { x: 'q"uote' }, 1), 'search a="pre-q\\"uote"');
    assert.equal(substitute('search a=$missing$', {}, 1), undefined);
  });
});
