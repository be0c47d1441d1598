import assert from 'node:assert/strict';
import {
  parseHashList, parseHashListCached, canonicalHash, firstValidHash, HASH_ALGORITHMS, isHashListField, hashColumnsFor, hashColumnName, looksLikeHashList, virusTotalUrl,
  MAX_PARTS, MAX_RAW_CHARS,
} from '../../../src/results/hashes';
import { NETSH, NTDLL, KERNEL32 } from './hashes.fixtures';

describe('parseHashList', () => {
  it('splits a real Sysmon EventCode 1 value into four valid upper-case hashes in order', () => {
    const p = parseHashList(NETSH.Hashes);
    assert.deepEqual(p.hashes.map((h) => h.algorithm), ['SHA1', 'MD5', 'SHA256', 'IMPHASH']);
    assert.deepEqual(p.hashes.map((h) => h.value), [NETSH.SHA1, NETSH.MD5, NETSH.SHA256, NETSH.IMPHASH]);
    assert.ok(p.hashes.every((h) => h.valid && !h.zeroImphash && !h.duplicate));
    assert.equal(p.hashes[2]!.raw, `SHA256=${NETSH.SHA256}`);
    assert.deepEqual(p.unrecognised, []);
    assert.equal(p.truncated, false);
  });

  it('marks the all-zero IMPHASH of a real ntdll.dll load as not a PE import table, still valid', () => {
    const imp = parseHashList(NTDLL.Hashes).hashes.find((h) => h.algorithm === 'IMPHASH')!;
    assert.equal(imp.valid, true);
    assert.equal(imp.zeroImphash, true);
    const sha = parseHashList(NTDLL.Hashes).hashes.find((h) => h.algorithm === 'SHA256')!;
    assert.equal(sha.zeroImphash, false);
  });

  it('accepts any order, any subset, any case and surrounding spaces', () => {
    const p = parseHashList(`  imphash = ${KERNEL32.IMPHASH.toLowerCase()} , Sha256=${KERNEL32.SHA256}  `);
    assert.deepEqual(p.hashes.map((h) => [h.algorithm, h.value, h.valid]), [
      ['IMPHASH', KERNEL32.IMPHASH, true],
      ['SHA256', KERNEL32.SHA256, true],
    ]);
    assert.deepEqual(p.unrecognised, []);
  });

  it('keeps a wrong-length or non-hex value as text, marked invalid', () => {
    const p = parseHashList('SHA1=XYZ,MD5=79CBBF946E797103BED792740AEBFEC,SHA256=,IMPHASH=G0B4317BE51850B8EF9F14EB56FB7DDC');
    assert.deepEqual(p.hashes.map((h) => [h.algorithm, h.value, h.valid]), [
      ['SHA1', 'XYZ', false],
      ['MD5', '79CBBF946E797103BED792740AEBFEC', false],
      ['SHA256', '', false],
      ['IMPHASH', 'G0B4317BE51850B8EF9F14EB56FB7DDC', false],
    ]);
  });

  it('reports a 41-digit SHA1 and a 65-digit SHA256 (odd lengths) as invalid', () => {
    const p = parseHashList(`SHA1=${NETSH.SHA1}A,SHA256=${NETSH.SHA256}0`);
    assert.deepEqual(p.hashes.map((h) => h.valid), [false, false]);
  });

  it('reports missing `=`, unknown algorithms and empty parts without throwing', () => {
    const p = parseHashList(`SHA1${NETSH.SHA1},,SHA512=abc,MD5=${NETSH.MD5},`);
    assert.deepEqual(p.unrecognised.map((u) => u.reason), ['missing-equals', 'empty', 'unknown-algorithm', 'empty']);
    assert.deepEqual(p.hashes.map((h) => [h.algorithm, h.valid]), [['MD5', true]]);
  });

  it('gives nothing for an empty or blank value', () => {
    for (const t of ['', '   ']) {
      const p = parseHashList(t);
      assert.deepEqual([p.hashes, p.unrecognised, p.truncated], [[], [], false]);
    }
  });

  it('keeps duplicated algorithms and marks the later ones', () => {
    const p = parseHashList(`MD5=${NETSH.MD5},MD5=${NTDLL.Hashes.slice(50, 82)},MD5=zz`);
    assert.deepEqual(p.hashes.map((h) => [h.valid, h.duplicate]), [[true, false], [true, true], [false, true]]);
  });

  it('stays bounded on a 10 kB value with no commas, and on 10 kB of commas', () => {
    const long = parseHashList(`SHA256=${'A'.repeat(10_000)}`);
    assert.equal(long.hashes[0]!.valid, false);
    assert.ok(long.hashes[0]!.value.length <= MAX_RAW_CHARS);
    assert.ok(long.hashes[0]!.raw.length <= MAX_RAW_CHARS);
    const commas = parseHashList(','.repeat(10_000));
    assert.equal(commas.truncated, true);
    assert.ok(commas.unrecognised.length <= MAX_PARTS);
    const many = parseHashList(Array.from({ length: 5000 }, () => `MD5=${NETSH.MD5}`).join(','));
    assert.equal(many.hashes.length, MAX_PARTS);
    assert.equal(many.truncated, true);
  });

  it('does not throw on a non-string (defensive: cells come from a remote server)', () => {
    assert.deepEqual(parseHashList(undefined as unknown as string).hashes, []);
  });
});

describe('isHashListField', () => {
  it('accepts Hashes and Hash by name even with no sample', () => {
    assert.equal(isHashListField('Hashes', []), true);
    assert.equal(isHashListField('Hash', []), true);
  });
  it('recognises a renamed column by its values, multivalue included', () => {
    assert.equal(isHashListField('h', [null, NETSH.Hashes, [NTDLL.Hashes, KERNEL32.Hashes], '']), true);
    assert.equal(isHashListField('process_hash', [`MD5=${NETSH.MD5},SHA256=${NETSH.SHA256}`]), true);
  });
  it('rejects bare hashes, free text, empty columns and mixed columns', () => {
    assert.equal(isHashListField('SHA256', [NETSH.SHA256]), false);
    assert.equal(isHashListField('CommandLine', ['cmd.exe /c whoami', 'SHA1=abc']), false);
    assert.equal(isHashListField('x', [null, '']), false);
    assert.equal(isHashListField('x', [NETSH.Hashes, 'hello']), false);
    assert.equal(looksLikeHashList(`MD5=${'0'.repeat(32)},${'x'.repeat(2000)}`), false);
  });
});

describe('hashColumnsFor', () => {
  const byName = (field: string, opts = {}) =>
    Object.fromEntries(hashColumnsFor(field, opts).columns.map((c) => [c.name, c]));

  it('names bare columns for Hashes and prefixed ones for any other field or a clash', () => {
    assert.deepEqual(hashColumnsFor('Hashes').columns.map((c) => c.name), ['SHA1', 'MD5', 'SHA256', 'IMPHASH']);
    assert.deepEqual(hashColumnsFor('Hash').columns.map((c) => c.name), ['Hash.SHA1', 'Hash.MD5', 'Hash.SHA256', 'Hash.IMPHASH']);
    assert.equal(hashColumnName('Hashes', 'SHA256', ['SHA256']), 'Hashes.SHA256');
    assert.equal(hashColumnsFor('Hashes', { existingColumns: ['MD5'] }).sourceField, 'Hashes');
  });

  it('computes each algorithm from a real value, upper case by default and lower on request', () => {
    const up = byName('Hashes');
    assert.equal(up.SHA256!.compute(NETSH.Hashes), NETSH.SHA256);
    assert.equal(up.SHA1!.compute(NETSH.Hashes), NETSH.SHA1);
    const low = byName('Hashes', { case: 'lower' });
    assert.equal(low.MD5!.compute(NETSH.Hashes), NETSH.MD5.toLowerCase());
    assert.equal(low.IMPHASH!.compute(NETSH.Hashes), NETSH.IMPHASH.toLowerCase());
  });

  it('returns null for invalid or absent hashes and exposes the reason through status', () => {
    const c = byName('Hashes');
    const bad = 'SHA1=XYZ,MD5=79CBBF946E797103BED792740AEBFEC';
    assert.equal(c.SHA1!.compute(bad), null);
    assert.equal(c.SHA1!.status(bad), 'invalid');
    assert.equal(c.SHA256!.compute(bad), null);
    assert.equal(c.SHA256!.status(bad), 'absent');
    assert.equal(c.SHA256!.compute(null), null);
    assert.equal(c.SHA256!.status(null), 'absent');
    assert.equal(c.IMPHASH!.status(NTDLL.Hashes), 'zero-imphash');
    assert.equal(c.IMPHASH!.compute(NTDLL.Hashes), '0'.repeat(32));
    assert.equal(c.IMPHASH!.status(NETSH.Hashes), 'valid');
  });

  it('maps a multivalue cell to a multivalue of the valid hashes found', () => {
    const c = byName('Hashes');
    const cell = [NETSH.Hashes, 'MD5=nothex', KERNEL32.Hashes];
    assert.deepEqual(c.SHA256!.compute(cell), [NETSH.SHA256, KERNEL32.SHA256]);
    assert.equal(c.SHA256!.status(cell), 'valid');
    assert.equal(c.MD5!.status(cell), 'mixed');
    assert.equal(c.MD5!.compute(['MD5=nothex']), null);
  });

  it('takes the first valid value of a duplicated algorithm', () => {
    const c = byName('Hashes');
    assert.equal(c.MD5!.compute(`MD5=bad,MD5=${NETSH.MD5},MD5=${'F'.repeat(32)}`), NETSH.MD5);
  });
});

describe('virusTotalUrl', () => {
  it('builds a file URL from valid hashes only', () => {
    const [sha1, , sha256, imphash] = parseHashList(NETSH.Hashes).hashes;
    assert.equal(virusTotalUrl(sha256!), `https://www.virustotal.com/gui/file/${NETSH.SHA256.toLowerCase()}`);
    assert.equal(virusTotalUrl(sha1!), `https://www.virustotal.com/gui/file/${NETSH.SHA1.toLowerCase()}`);
    assert.match(virusTotalUrl(imphash!)!, /\/gui\/search\/imphash%3A90b4317be51850b8ef9f14eb56fb7ddc$/);
    assert.equal(virusTotalUrl(parseHashList(NTDLL.Hashes).hashes[3]!), undefined);
    assert.equal(virusTotalUrl({ algorithm: 'MD5', value: '../../evil?x=1#', valid: true }), undefined);
    assert.equal(virusTotalUrl(parseHashList('MD5=abc').hashes[0]!), undefined);
  });
});

describe('parseHashList fast path for Sysmon\'s canonical form', () => {
  it('gives exactly what the general parser gives, for real values', async () => {
    const { readFileSync, existsSync } = await import('node:fs');
    const file = '/work/shared/datasets/sysmon-otrf/psh_python_webserver_2020-10-2900161507.json';
    const values = existsSync(file)
      ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { Hashes?: string }).Hashes).filter((h): h is string => !!h)
      : [NETSH.Hashes, NTDLL.Hashes, KERNEL32.Hashes];
    assert.ok(values.length >= 3);
    for (const v of values) {
      // A leading space forces the general path; raw then carries the space, so compare everything else.
      const fast = parseHashList(v);
      const general = parseHashList(` ${v}`);
      assert.deepEqual(fast.hashes.map((h) => ({ ...h, raw: h.raw.trim() })), general.hashes.map((h) => ({ ...h, raw: h.raw.trim() })));
      assert.deepEqual(fast.hashes.map((h) => h.raw).join(','), v);
    }
  });
});

describe('canonicalHash', () => {
  it('cuts out what the parser finds, for each algorithm of a canonical list', () => {
    for (const v of [NETSH.Hashes, NTDLL.Hashes, KERNEL32.Hashes]) {
      for (const a of HASH_ALGORITHMS) assert.equal(canonicalHash(v, a), firstValidHash(parseHashList(v), a)?.value, `${a} of ${v}`);
    }
  });

  it('declines anything but the canonical form, so the parser decides', () => {
    const v = NETSH.Hashes;
    for (const other of [v.toLowerCase(), ` ${v}`, v.replace('MD5=', 'MD5 ='), v.split(',').reverse().join(','), v.slice(0, -1) + 'G']) {
      assert.equal(canonicalHash(other, 'SHA256'), undefined, other);
    }
  });
});

describe('parseHashListCached', () => {
  const list = (i: number) => `SHA1=${i.toString(16).padStart(40, '0')},MD5=${i.toString(16).padStart(32, 'a')},SHA256=${'b'.repeat(60)}${(i % 9999).toString().padStart(4, '0')}`;

  it('answers what parseHashList answers, through fresh values (cache bypassed) and repeated ones (cache used)', () => {
    // 20,000 new values make the cache step aside; the repeats after them bring it back.
    const values = [...Array.from({ length: 20_000 }, (_, i) => list(i)), ...Array.from({ length: 80_000 }, (_, i) => list(i % 50)), 'SHA1=zz,MD5=', ''];
    for (const v of values) {
      // A new string object each time, as rows parsed from JSON are.
      const fresh = (' ' + v).slice(1);
      assert.deepEqual(parseHashListCached(fresh), parseHashList(v));
    }
  });

  it('gives the same parse for the same text twice in a row (the four hash columns of one cell)', () => {
    const v = list(7);
    assert.equal(parseHashListCached(v), parseHashListCached(v));
  });
});

describe('hash columns against the parser, on generated lists', () => {
  function random(seed: number): () => number {
    let s = seed >>> 0;
    return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
  }
  const rand = random(42);
  const hex = (n: number) => Array.from({ length: n }, () => '0123456789ABCDEF'[Math.floor(rand() * 16)]).join('');
  const canonicalList = () => `SHA1=${hex(40)},MD5=${hex(32)},SHA256=${hex(64)},IMPHASH=${hex(32)}`;
  /** Canonical lists and near misses: lower case, a bad digit, a short hash, reordered, spaced, empty. */
  const variants: ((v: string) => string)[] = [
    (v) => v, (v) => v, (v) => v.toLowerCase(), (v) => `${v.slice(0, 50)}G${v.slice(51)}`, (v) => v.slice(0, -1),
    (v) => v.split(',').reverse().join(','), (v) => v.replace(',', ' , '), () => '', (v) => v.slice(0, 45),
  ];

  it('gives what the parser finds for every column, whatever order the columns and cells are asked in', () => {
    const lists = Array.from({ length: 3000 }, () => variants[Math.floor(rand() * variants.length)]!(canonicalList()));
    for (const hashCase of ['upper', 'lower'] as const) {
      const cols = hashColumnsFor('Hashes', { case: hashCase }).columns;
      const expected = (v: string, a: (typeof HASH_ALGORITHMS)[number]) => {
        const h = firstValidHash(parseHashList(v), a)?.value;
        return h === undefined ? null : hashCase === 'upper' ? h : h.toLowerCase();
      };
      // Row by row, as the grid asks; then column by column, so consecutive calls see different cells.
      for (const v of lists) for (const c of cols) assert.equal(c.compute(v), expected(v, c.algorithm), `${c.name} of ${v}`);
      for (const c of cols) for (const v of lists) assert.equal(c.compute(v), expected(v, c.algorithm), `${c.name} of ${v}`);
    }
  });
});
