import assert from 'node:assert/strict';
import { HashPanelModel, selectedRowHashes, summariseHashes } from '../../../src/results/hashSummary';
import { isHashPanelToHost, isHostToHashPanel, MAX_UNIQUE_PER_ALGORITHM } from '../../../src/shared/hashProtocol';
import { SYSMON_COLUMNS, SYSMON_ROWS, tableOf, NETSH, PYTHON } from './hashes.fixtures';
import { hashFieldsOf } from '../../support/hashFieldsOf';

const view = tableOf(SYSMON_COLUMNS, SYSMON_ROWS);

describe('isHashPanelToHost (untrusted panel messages)', () => {
  const good: unknown[] = [
    { type: 'ready' },
    { type: 'copy', target: { kind: 'selectedHash', id: 3 } },
    { type: 'copy', target: { kind: 'allSelected' } },
    { type: 'copy', target: { kind: 'uniqueHash', algorithm: 'MD5', id: 0 } },
    { type: 'copy', target: { kind: 'allUnique', algorithm: 'IMPHASH' } },
    { type: 'openVirusTotal', source: 'selection', algorithm: 'SHA256', id: 2 },
    { type: 'exportUnique', algorithm: 'SHA1' },
    { type: 'sortBy', key: 'images', direction: 'asc' },
  ];
  const bad: unknown[] = [
    null, undefined, 'ready', [], [{ type: 'ready' }], 42,
    { type: 'ready', extra: 1 },
    { type: 'executeCommand', command: 'workbench.action.terminal.new' },
    { type: 'copy', target: { kind: 'selectedHash', id: -1 } },
    { type: 'copy', target: { kind: 'selectedHash', id: 1.5 } },
    { type: 'copy', target: { kind: 'selectedHash', id: '1' } },
    { type: 'copy', target: { kind: 'selectedHash', id: 1e12 } },
    { type: 'copy', target: { kind: 'text', text: 'evil' } },
    { type: 'copy', target: { kind: 'allSelected', value: 'x' } },
    { type: 'copy', target: { kind: 'allUnique', algorithm: 'SHA512' } },
    { type: 'openVirusTotal', source: 'selection', algorithm: 'SHA256', id: 2, url: 'https://evil.example' },
    { type: 'openVirusTotal', source: 'web', algorithm: 'SHA256', id: 2 },
    { type: 'openVirusTotal', source: 'summary', algorithm: 'sha256', id: 2 },
    { type: 'exportUnique', algorithm: 'SHA1', path: '/etc/passwd' },
    { type: 'sortBy', key: 'count', direction: 'up' },
    { type: 'sortBy', key: 'constructor', direction: 'asc' },
    Object.assign(Object.create({ inherited: true }) as object, { type: 'ready' }),
    JSON.parse('{"type":"ready","__proto__":{"x":1}}'),
  ];
  good.forEach((m, i) => it(`accepts good message ${i}: ${JSON.stringify(m)}`, () => assert.equal(isHashPanelToHost(m), true)));
  bad.forEach((m, i) => it(`rejects bad message ${i}`, () => assert.equal(isHashPanelToHost(m), false)));
});

describe('HashPanelModel (host side)', () => {
  it('builds messages the panel guard accepts, and answers copy requests by id', () => {
    const model = new HashPanelModel();
    const sel = model.setSelection(selectedRowHashes(view, [0, 9], { hashFields: hashFieldsOf(view) }), 2);
    assert.equal(isHostToHashPanel(sel), true);
    assert.equal(sel.hashes.length, 7);
    assert.equal(model.copyText({ kind: 'selectedHash', id: 2 }), NETSH.SHA256);
    assert.equal(model.copyText({ kind: 'selectedHash', id: 4 }), undefined, 'invalid hash is never copied as a hash');
    assert.equal(model.copyText({ kind: 'selectedHash', id: 999 }), undefined);
    assert.equal(model.copyText({ kind: 'allSelected' }), [NETSH.SHA1, NETSH.MD5, NETSH.SHA256, NETSH.IMPHASH].join('\n'));
  });

  it('sorts and caps the summary, resolves unique ids against the order sent', () => {
    const model = new HashPanelModel();
    const sum = model.setSummary(summariseHashes(view, { hashFields: hashFieldsOf(view) }), 'filtered');
    assert.equal(isHostToHashPanel(sum), true);
    assert.equal(sum.scope, 'filtered');
    const sha = sum.algorithms.find((a) => a.algorithm === 'SHA256')!;
    assert.ok(sha.hashes.length <= MAX_UNIQUE_PER_ALGORITHM);
    assert.equal(model.copyText({ kind: 'uniqueHash', algorithm: 'SHA256', id: 0 }), sha.hashes[0]!.value);
    const resorted = model.setSort('value', 'asc')!;
    const first = resorted.algorithms.find((a) => a.algorithm === 'SHA256')!.hashes[0]!.value;
    assert.equal(model.copyText({ kind: 'uniqueHash', algorithm: 'SHA256', id: 0 }), first);
    assert.equal(first, [...sha.hashes.map((h) => h.value)].sort()[0]);
    assert.equal(model.copyText({ kind: 'allUnique', algorithm: 'SHA256' })!.split('\n').length, 6);
    assert.equal(resorted.imphashPivot[0]!.imphash, PYTHON.IMPHASH);
  });

  it('builds VirusTotal URLs only from its own valid hashes with the named algorithm', () => {
    const model = new HashPanelModel();
    model.setSelection(selectedRowHashes(view, [0, 9, 2], { hashFields: hashFieldsOf(view) }), 3);
    assert.equal(model.virusTotalUrlFor('selection', 'SHA256', 2), `https://www.virustotal.com/gui/file/${NETSH.SHA256.toLowerCase()}`);
    assert.equal(model.virusTotalUrlFor('selection', 'MD5', 2), undefined, 'algorithm mismatch');
    assert.equal(model.virusTotalUrlFor('selection', 'SHA1', 4), undefined, 'invalid hash');
    assert.equal(model.virusTotalUrlFor('selection', 'IMPHASH', 10), undefined, 'zero imphash');
    assert.equal(model.virusTotalUrlFor('summary', 'SHA256', 0), undefined, 'no summary yet');
    model.setSummary(summariseHashes(view, { hashFields: hashFieldsOf(view) }), 'all');
    assert.match(model.virusTotalUrlFor('summary', 'SHA256', 0)!, /^https:\/\/www\.virustotal\.com\/gui\/file\/[0-9a-f]{64}$/);
  });
});
