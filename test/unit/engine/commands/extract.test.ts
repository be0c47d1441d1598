import assert from 'node:assert/strict';
import { run } from '../helpers';

describe('engine extract / kv', () => {
  it('extracts key=value and key="quoted value" pairs from _raw by default (kv is its alias)', async () => {
    const evs = [{ _raw: 'user=alice action="log in" src=10.0.0.1, dest=web-1;' }];
    for (const cmd of ['extract', 'kv']) {
      const r = await run(`search * | ${cmd}`, evs);
      assert.deepEqual(r.rows[0], { ...evs[0], user: 'alice', action: 'log in', src: '10.0.0.1', dest: 'web-1' });
    }
  });

  it('splits at any pair delimiter and key/value delimiter (Search Reference: pairdelim="|;", kvdelim="=:")', async () => {
    const r = await run('search * | extract pairdelim="|;", kvdelim="=:"', [{ _raw: 'a=1|b:2;c=3' }]);
    assert.deepEqual(r.rows[0], { _raw: 'a=1|b:2;c=3', a: '1', b: '2', c: '3' });
  });

  it('cleans keys, keeps existing fields unless mv_add=t, and honours limit and maxchars', async () => {
    const ev = { _raw: 'Rescan-Verdict:Phish;user:bob;x:1', user: 'alice' };
    const r = await run('search * | extract pairdelim=";" kvdelim=":"', [ev]);
    assert.deepEqual(r.rows[0], { ...ev, Rescan_Verdict: 'Phish', x: '1' });
    const raw = await run('search * | extract pairdelim=";" kvdelim=":" clean_keys=false mv_add=true limit=2', [ev]);
    assert.deepEqual(raw.rows[0], { ...ev, 'Rescan-Verdict': 'Phish', user: ['alice', 'bob'] });
    const cut = await run('search * | extract maxchars=5', [{ _raw: 'a=1 b=2' }]);
    assert.deepEqual(cut.rows[0], { _raw: 'a=1 b=2', a: '1' });
  });

  it('names a transforms.conf extraction as needing a server', async () => {
    await assert.rejects(run('search * | extract access-extractions', [{ _raw: 'x' }]), /transforms\.conf/);
  });
});
