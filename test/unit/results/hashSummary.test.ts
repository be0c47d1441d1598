import assert from 'node:assert/strict';
import { selectedRowHashes, summariseHashes, sortUniqueHashes, uniqueHashList } from '../../../src/results/hashSummary';
import { hashFieldsOf } from '../../support/hashFieldsOf';
import {
  SYSMON_COLUMNS, SYSMON_ROWS, tableOf, NETSH, NTDLL, KERNEL32, PYTHON, RENAMED_PYTHON, NETSH_EXE, PYTHON_EXE,
} from './hashes.fixtures';

const view = tableOf(SYSMON_COLUMNS, SYSMON_ROWS);

describe('selectedRowHashes', () => {
  it('lists each hash of the selected rows with the image it belongs to', () => {
    const hs = selectedRowHashes(view, [0, 2], { hashFields: hashFieldsOf(view) });
    assert.equal(hs.length, 8);
    assert.deepEqual(hs.slice(0, 4).map((h) => [h.row, h.algorithm, h.value, h.image]), [
      [0, 'SHA1', NETSH.SHA1, NETSH_EXE], [0, 'MD5', NETSH.MD5, NETSH_EXE],
      [0, 'SHA256', NETSH.SHA256, NETSH_EXE], [0, 'IMPHASH', NETSH.IMPHASH, NETSH_EXE],
    ]);
    // EventCode 7: the hash is the loaded DLL's, not the process's.
    assert.equal(hs[6]!.image, 'C:\\Windows\\System32\\ntdll.dll');
    assert.equal(hs[7]!.zeroImphash, true);
  });

  it('keeps invalid parts, marked, and honours the case option', () => {
    const hs = selectedRowHashes(view, [9, 0], { hashFields: hashFieldsOf(view), case: 'lower' });
    assert.deepEqual(hs.slice(0, 3).map((h) => [h.algorithm, h.value, h.valid]), [
      ['SHA1', 'XYZ', false], ['MD5', '79CBBF946E797103BED792740AEBFEC', false], ['SHA256', '', false],
    ]);
    assert.equal(hs[3]!.value, NETSH.SHA1.toLowerCase());
  });

  it('falls back to TargetFilename, pairs multivalue images by position, ignores bad row numbers', () => {
    const v = tableOf(['TargetFilename', 'Hash'], [['C:\\x.zip:Zone.Identifier', `SHA256=${KERNEL32.SHA256}`]]);
    assert.equal(selectedRowHashes(v, [0, 5, -1], { hashFields: hashFieldsOf(v) })[0]!.image, 'C:\\x.zip:Zone.Identifier');
    const mv = tableOf(['ImageLoaded', 'h'], [[['a.dll', 'b.dll'], [NETSH.Hashes, KERNEL32.Hashes]]]);
    const hs = selectedRowHashes(mv, [0], { hashFields: hashFieldsOf(mv) });
    assert.deepEqual(hs.filter((h) => h.algorithm === 'SHA256').map((h) => [h.field, h.image]), [['h', 'a.dll'], ['h', 'b.dll']]);
  });

  it('finds hash-list columns by name or by value (HashFields decides)', () => {
    const v = tableOf(['Image', 'x', 'Hash'], [['a', NETSH.Hashes, null]]);
    assert.deepEqual(hashFieldsOf(v), ['x', 'Hash']);
  });
});

describe('summariseHashes', () => {
  const s = summariseHashes(view, { hashFields: hashFieldsOf(view) });

  it('counts unique hashes per algorithm by events, with distinct images', () => {
    const sha = s.byAlgorithm.SHA256;
    assert.equal(sha.length, 6);
    const netsh = sha.find((u) => u.value === NETSH.SHA256)!;
    assert.equal(netsh.count, 2);
    assert.deepEqual(netsh.images, [NETSH_EXE]);
    const ntdll = sha.find((u) => u.value === NTDLL.SHA256)!;
    assert.equal(ntdll.count, 2);
    assert.deepEqual(ntdll.images, ['C:\\Windows\\System32\\ntdll.dll']);
    // sorted by count, most first
    assert.ok(sha.every((u, i) => i === 0 || sha[i - 1]!.count >= u.count));
    assert.equal(s.invalidCount, 3);
    assert.equal(s.rows, SYSMON_ROWS.length);
  });

  it('groups different binaries sharing an import table, leaving out the all-zero IMPHASH', () => {
    assert.equal(s.imphashPivot.length, 1);
    const g = s.imphashPivot[0]!;
    assert.equal(g.imphash, PYTHON.IMPHASH);
    assert.deepEqual(g.binaries.sort(), [`SHA256=${PYTHON.SHA256}`, `SHA256=${RENAMED_PYTHON.SHA256}`].sort());
    assert.deepEqual(g.images.sort(), [PYTHON_EXE, 'C:\\Users\\Public\\py.exe'].sort());
    assert.ok(!s.imphashPivot.some((p) => /^0+$/.test(p.imphash)));
  });

  it('gives all unique hashes of an algorithm as a newline list, zero IMPHASH left out', () => {
    const list = uniqueHashList(s, 'IMPHASH').split('\n');
    assert.ok(list.includes(KERNEL32.IMPHASH));
    assert.ok(!list.includes('0'.repeat(32)));
    assert.equal(new Set(list).size, list.length);
    assert.equal(uniqueHashList(s, 'SHA256').split('\n').length, 6);
  });

  it('counts a row once even if it carries the same hash twice, and summarises a filtered view', () => {
    const v = tableOf(['Hashes'], [[[NETSH.Hashes, NETSH.Hashes]], [NETSH.Hashes], [null]]);
    assert.equal(summariseHashes(v, { hashFields: hashFieldsOf(v) }).byAlgorithm.MD5[0]!.count, 2);
    const filtered = { columns: view.columns, rowCount: 2, cell: (r: number, c: number) => view.cell(r + 6, c) };
    assert.deepEqual(summariseHashes(filtered, { hashFields: hashFieldsOf(filtered) }).byAlgorithm.SHA256.map((u) => u.value).sort(), [NTDLL.SHA256, KERNEL32.SHA256].sort());
  });

  it('sorts by count, value or images in either direction', () => {
    const sha = s.byAlgorithm.SHA256;
    const asc = sortUniqueHashes(sha, 'count', 'asc');
    assert.ok(asc.every((u, i) => i === 0 || asc[i - 1]!.count <= u.count));
    const byValue = sortUniqueHashes(sha, 'value', 'asc').map((u) => u.value);
    assert.deepEqual(byValue, [...byValue].sort());
    assert.equal(sortUniqueHashes(sha, 'images', 'desc').length, sha.length);
  });
});
