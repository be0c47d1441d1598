import assert from 'node:assert/strict';
import { SplError } from '../../../../src/engine';
import { run, col } from '../helpers';

// Examples from the Search Reference's replace page.
describe('replace', () => {
  const hosts = [{ _raw: 'a', host: 'www.localhost', other: 'x localhost' }, { _raw: 'b', host: '127.0.0.1', other: '127.0.0.1' }];

  it('*localhost WITH localhost replaces in every field', async () => {
    const r = await run('search * | replace *localhost WITH localhost', hosts);
    assert.deepEqual(col(r, 'host'), ['localhost', '127.0.0.1']);
    assert.deepEqual(col(r, 'other'), ['localhost', '127.0.0.1']);
  });

  it('127.0.0.1 WITH localhost IN host limits it to the listed fields', async () => {
    const r = await run('search * | replace 127.0.0.1 WITH localhost IN host', hosts);
    assert.deepEqual(col(r, 'host'), ['www.localhost', 'localhost']);
    assert.deepEqual(col(r, 'other'), ['x localhost', '127.0.0.1']);
  });

  it('several pairs, IN two fields: aug WITH August, the value must match whole', async () => {
    const r = await run('| makeresults | eval start_month="aug", end_month="aug", m="august" | replace aug WITH August, sep WITH September IN start_month, end_month, m', []);
    assert.deepEqual([r.rows[0]!.start_month, r.rows[0]!.end_month, r.rows[0]!.m], ['August', 'August', 'august']);
  });

  it('"* localhost" WITH "localhost *" carries the matched part over; multivalue values each', async () => {
    const r = await run('search * | replace "* localhost" WITH "localhost *" IN other, tags', [{ _raw: 'a', other: 'www localhost', tags: ['a localhost', 'b'] }]);
    assert.deepEqual(col(r, 'other'), ['localhost www']);
    assert.deepEqual(col(r, 'tags'), [['localhost a', 'b']]);
  });

  it('"" WITH "None" fills empty strings; internal fields change only when named', async () => {
    const r = await run('search * | replace "" WITH "None" IN errmsg', [{ _raw: 'a', errmsg: '' }]);
    assert.deepEqual(col(r, 'errmsg'), ['None']);
    const raw = await run('search * | replace a WITH z', [{ _raw: 'a', f: 'a' }]);
    assert.deepEqual([raw.rows[0]!._raw, raw.rows[0]!.f], ['a', 'z']);
  });

  it('the fuller wildcard match wins; a later exact pattern wins over an earlier one', async () => {
    const r = await run('search * | replace *.exe WITH exe, *shell.exe WITH shell, x WITH 1, x WITH 2 IN f', [{ _raw: '', f: 'powershell.exe' }, { _raw: '', f: 'cmd.exe' }, { _raw: '', f: 'x' }]);
    assert.deepEqual(col(r, 'f'), ['shell', 'exe', '2']);
  });

  it('rejects a wildcard count mismatch and a missing WITH with positions', async () => {
    await assert.rejects(() => run('| makeresults | replace a*b* WITH c*', []), (e: unknown) => e instanceof SplError && /as many wildcards/.test(e.message));
    await assert.rejects(() => run('| makeresults | replace a b', []), (e: unknown) => e instanceof SplError && /expected WITH after 'a'/.test(e.message) && e.column === 26);
  });
});
