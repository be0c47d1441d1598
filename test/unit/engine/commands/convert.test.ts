import assert from 'node:assert/strict';
import { SplError } from '../../../../src/engine';
import { run, col } from '../helpers';

// Examples from the Search Reference's convert page.
describe('convert', () => {
  const t = '1714564800'; // 2024-05-01 12:00:00 UTC

  it('ctime(_time) AS c_time with timeformat="%H:%M:%S" keeps _time', async () => {
    const r = await run('| makeresults | eval _time=1714564800 | convert timeformat="%H:%M:%S" ctime(_time) AS c_time', []);
    assert.deepEqual(col(r, 'c_time'), ['12:00:00']);
    assert.deepEqual(col(r, '_time'), [t]);
  });

  it('ctime uses %m/%d/%Y %H:%M:%S by default, in place; the security_content_ctime macro form', async () => {
    const r = await run(`| makeresults | eval firstTime=${t} | convert ctime(firstTime)`, []);
    assert.deepEqual(col(r, 'firstTime'), ['05/01/2024 12:00:00']);
    const iso = await run(`| makeresults | eval firstTime=${t} | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)`, []);
    assert.deepEqual(col(iso, 'firstTime'), ['2024-05-01T12:00:00']);
  });

  it('mktime parses with timeformat', async () => {
    const r = await run('| makeresults | eval s="2024-05-01 12:00:00" | convert timeformat="%Y-%m-%d %H:%M:%S" mktime(s) AS e', []);
    assert.deepEqual(col(r, 'e'), [t]);
  });

  it('dur2sec(xdelay), dur2sec(delay) and mstime', async () => {
    const r = await run('| makeresults | eval xdelay="1+02:03:04", delay="00:01:30", m="02:03.500" | convert dur2sec(xdelay), dur2sec(delay) mstime(m) AS ms', []);
    assert.deepEqual(r.rows.map((x) => [x.xdelay, x.delay, x.ms]), [['93784', '90', '123.5']]);
  });

  it('auto(*) converts what it can, num drops what it cannot, none() exempts, rmunit, rmcomma, memk', async () => {
    const r = await run('| makeresults | eval a="1,024", b="abc", c="10km", d="2m", k="5" | convert auto(*) none(k) num(b) rmunit(c) memk(d)', []);
    const row = r.rows[0]!;
    assert.equal(row.a, '1024');
    assert.equal(row.b, undefined);
    assert.equal(row.c, '10');
    assert.equal(row.d, '2048');
    assert.equal(row.k, '5');
  });

  it('rejects an unknown function with its position', async () => {
    await assert.rejects(() => run('| makeresults | convert foo(x)', []), (e: unknown) => e instanceof SplError && e.column === 24 && /unknown conversion 'foo'/.test(e.message));
  });
});
