import assert from 'node:assert/strict';
import { FieldSummary } from '../../../src/results/fieldSummary';
import { SidebarFields } from '../../../src/results/sidebarFields';
import { LIMITS } from '../../../src/shared/protocol';

function summaryOf(fields: string[], rows: (string | null)[][]): FieldSummary {
  const s = new FieldSummary();
  s.add(fields, rows);
  return s;
}

describe('SidebarFields', () => {
  it('sends every field with share, distinct count, top values and numeric figures', () => {
    const s = summaryOf(['host', 'n'], [['a', '1'], ['a', '3'], ['b', null]]);
    const msg = new SidebarFields().summarize(s.all(), s.rowCount);
    assert.equal(msg.rowCount, 3);
    assert.equal(msg.truncated, false);
    const host = msg.fields.find((f) => f.field === 'host')!;
    assert.equal(host.share, 1);
    assert.equal(host.distinct, 2);
    assert.deepEqual(host.top.map((t) => [t.value, t.count]), [['a', 2], ['b', 1]]);
    const n = msg.fields.find((f) => f.field === 'n')!;
    assert.deepEqual(n.numeric, { min: 1, max: 3, avg: 2 });
    assert.equal(n.share, 2 / 3);
  });

  it('keeps within the limits: 500 fields, 10 values, values cut for display', () => {
    const fields = Array.from({ length: LIMITS.maxSidebarFields + 20 }, (_, i) => `f${i}`);
    const long = 'x'.repeat(LIMITS.displayChars + 50);
    const rows = Array.from({ length: 12 }, (_, r) => fields.map((_, i) => (i === 0 ? (r < 2 ? long : `v${r}`) : 'same')));
    const s = new FieldSummary({ topCount: 12 });
    s.add(fields, rows);
    const msg = new SidebarFields().summarize(s.all(), s.rowCount);
    assert.equal(msg.fields.length, LIMITS.maxSidebarFields);
    assert.equal(msg.truncated, true);
    const f0 = msg.fields.find((f) => f.field === 'f0')!;
    assert.equal(f0.top.length, LIMITS.maxSidebarValues);
    const cut = f0.top.find((t) => t.clipped)!;
    assert.equal(cut.value.length, LIMITS.displayChars);
  });

  it('resolves a pick by index to the full value, and nothing for an unknown list or index', () => {
    const long = 'y'.repeat(LIMITS.displayChars + 10);
    const s = summaryOf(['cmd'], [[long], [long], ['short']]);
    const sidebar = new SidebarFields();
    const msg = sidebar.summarize(s.all(), s.rowCount);
    assert.deepEqual(sidebar.resolve(msg.fieldsId, 0, 0), { field: 'cmd', value: long });
    assert.deepEqual(sidebar.resolve(msg.fieldsId, 0, 1), { field: 'cmd', value: 'short' });
    assert.equal(sidebar.resolve(msg.fieldsId, 0, 2), undefined);
    assert.equal(sidebar.resolve(msg.fieldsId, 1, 0), undefined);
    assert.equal(sidebar.resolve(msg.fieldsId + 1, 0, 0), undefined);
  });

  it('answers picks on the last few lists only, each by its own indexes', () => {
    const sidebar = new SidebarFields();
    const first = sidebar.summarize(summaryOf(['a'], [['old']]).all(), 1);
    const second = sidebar.summarize(summaryOf(['a'], [['new']]).all(), 1);
    assert.deepEqual(sidebar.resolve(first.fieldsId, 0, 0), { field: 'a', value: 'old' });
    assert.deepEqual(sidebar.resolve(second.fieldsId, 0, 0), { field: 'a', value: 'new' });
    for (let i = 0; i < 4; i++) sidebar.summarize(summaryOf(['a'], [['later']]).all(), 1);
    assert.equal(sidebar.resolve(first.fieldsId, 0, 0), undefined);
  });
});
