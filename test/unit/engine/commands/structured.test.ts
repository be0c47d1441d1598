import assert from 'node:assert/strict';
import { run, col } from '../helpers';

const json = (o: unknown): Record<string, string>[] => [{ _raw: JSON.stringify(o), _time: '1' }];

// Examples after the Search Reference's spath, xmlkv and fromjson pages.
describe('spath, xmlkv and fromjson', () => {
  const doc = { vendorProductSet: { product: [{ desc: 'a' }, { desc: 'b' }] }, user: 'bob', n: 3 };

  it('spath alone extracts every field with dotted and {} names', async () => {
    const r = await run('search * | spath', json(doc));
    assert.deepEqual(r.rows[0]!['vendorProductSet.product{}.desc'], ['a', 'b']);
    assert.equal(r.rows[0]!.user, 'bob');
  });

  it('spath output=myfield path=vendorProductSet.product{1}.desc, and input=', async () => {
    const r = await run('search * | spath output=myfield path=vendorProductSet.product{1}.desc | spath input=_raw path=user', json(doc));
    assert.equal(r.rows[0]!.myfield, 'b');
    assert.equal(r.rows[0]!.user, 'bob');
    const all = await run('search * | spath path=vendorProductSet.product{}.desc', json(doc));
    assert.deepEqual(all.rows[0]!['vendorProductSet.product{}.desc'], ['a', 'b']);
  });

  it('spath reads XML: elements with dots and attributes as {@name}', async () => {
    const r = await run('search * | spath', [{ _raw: '<Event><System><EventID>4688</EventID><Provider Name="Security"/></System></Event>' }]);
    assert.equal(r.rows[0]!['Event.System.EventID'], '4688');
    assert.equal(r.rows[0]!['Event.System.Provider{@Name}'], 'Security');
  });

  it('xmlkv turns leaf elements into fields; entities are decoded; existing fields win', async () => {
    const r = await run('search * | xmlkv', [{ _raw: '<a><Image>C:\\x.exe</Image><Cmd>a &amp; b</Cmd><host>x</host></a>', host: 'h' }]);
    assert.deepEqual([r.rows[0]!.Image, r.rows[0]!.Cmd, r.rows[0]!.host], ['C:\\x.exe', 'a & b', 'h']);
  });

  it('fromjson <field> prefix=: top-level keys, objects as JSON text, arrays multivalue', async () => {
    const r = await run('| makeresults | eval j="{\\"a\\":1,\\"o\\":{\\"x\\":2},\\"l\\":[\\"p\\",\\"q\\"]}" | fromjson j prefix=j_', []);
    assert.deepEqual([r.rows[0]!.j_a, r.rows[0]!.j_o, r.rows[0]!.j_l], ['1', '{"x":2}', ['p', 'q']]);
  });

  it('leaves events whose input is not JSON or XML untouched', async () => {
    assert.deepEqual(col(await run('search * | spath path=a output=b', [{ _raw: 'plain text' }]), 'b'), [undefined]);
  });
});
