import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync, existsSync, statSync, openSync, closeSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { exportTable, nodeExportFileSystem, ExportError, type ExportFileSystem, type ExportProgress } from '../../../src/results/exportWriter';
import type { Cell } from '../../../src/search/backend';
import { tableOf, NETSH, SYSMON_COLUMNS, SYSMON_ROWS } from './hashes.fixtures';

const HOSTILE: string[] = [
  'plain', 'with,comma', 'with "quotes"', 'line1\nline2', 'cr\rlf\r\n', 'tab\there', ' lead and trail ', '',
  '\uFEFFbom', 'emoji 🦊🔥 and 👨‍👩‍👧', 'RTL \u202Eexe.txt', 'עברית العربية', 'nul\0char', '<script>alert(1)</script>',
  '"', ',', "'quoted", '=1+1', '+cmd', '-enc SQBFAFgA', '@SUM(A1)', '\tlead', '\nlead', '＝1', '=HYPERLINK("x")\nline2',
  'x'.repeat(100_000) + '\n,"\t🦊', '-5',
];
const FORMULA = /^[=+\-@\t\r\n\0＝＋－＠]/;
const columns = ['Image', 'CommandLine', 'Hashes', '=field'];
const rows: Cell[][] = HOSTILE.map((v, i) => [v, `${i}:${v}`, i % 3 === 0 ? [NETSH.Hashes, v] : null, i % 2 ? null : v]);
const view = tableOf(columns, rows);

let dir: string;
beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'splwb-export-')); });
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const text = (c: Cell, sep = '\n') => (c === null ? '' : typeof c === 'string' ? c : c.join(sep));
const neutralised = (s: string) => (FORMULA.test(s) && !/^[+-]?\d+$/.test(s) ? `'${s}` : s);
const parseDelimited = (file: string, delimiter: string) => {
  const r = Papa.parse<string[]>(readFileSync(file, 'utf8'), { delimiter, newline: '\r\n' });
  assert.deepEqual(r.errors, []);
  const data = r.data;
  if (data.at(-1)?.length === 1 && data.at(-1)![0] === '') data.pop();
  return data;
};
const onlyFiles = () => readdirSync(dir).sort();

describe('exportTable round trips', () => {
  for (const [format, delimiter] of [['csv', ','], ['tsv', '\t']] as const) {
    it(`${format}: hostile values come back exactly with neutralisation off`, async () => {
      const file = join(dir, `out.${format}`);
      const res = await exportTable(view, 'all', 'all', file, { format, neutralise: false, chunkSize: 4096 });
      assert.equal(res.rows, rows.length);
      assert.equal(res.bytes, statSync(file).size);
      const back = parseDelimited(file, delimiter);
      assert.deepEqual(back[0], columns);
      assert.deepEqual(back.slice(1), rows.map((r) => r.map((c) => text(c))));
      assert.deepEqual(onlyFiles(), [`out.${format}`]);
    });

    it(`${format}: by default only formula-like values and names gain an apostrophe`, async () => {
      const file = join(dir, `out.${format}`);
      await exportTable(view, 'all', 'all', file, { format });
      const back = parseDelimited(file, delimiter);
      assert.deepEqual(back[0], columns.map(neutralised));
      assert.deepEqual(back.slice(1), rows.map((r) => r.map((c) => neutralised(text(c)))));
    });
  }

  it('json: an array of objects keeping multivalues and nulls', async () => {
    const file = join(dir, 'out.json');
    await exportTable(view, 'all', 'all', file, { format: 'json', chunkSize: 1000 });
    const back = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Cell>[];
    assert.deepEqual(back.map((o) => columns.map((c) => o[c])), rows);
  });

  it('jsonl: one object per line, the same values', async () => {
    const file = join(dir, 'out.jsonl');
    const res = await exportTable(view, 'all', 'all', file, { format: 'jsonl' });
    const lines = readFileSync(file, 'utf8').split('\n');
    assert.equal(lines.pop(), '');
    assert.equal(lines.length, res.rows);
    assert.deepEqual(lines.map((l) => columns.map((c) => (JSON.parse(l) as Record<string, Cell>)[c])), rows);
  });

  it('json and jsonl with no rows are still valid', async () => {
    await exportTable(view, [], 'all', join(dir, 'e.json'), { format: 'json' });
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'e.json'), 'utf8')), []);
    await exportTable(view, [], 'all', join(dir, 'e.jsonl'), { format: 'jsonl' });
    assert.equal(readFileSync(join(dir, 'e.jsonl'), 'utf8'), '');
  });

  it('writes the chosen rows (any iterable) and columns, a BOM and a multivalue separator on request', async () => {
    const file = join(dir, 'sel.csv');
    function* pick() { yield 3; yield 0; }
    const res = await exportTable(view, pick(), [2, 0], file, { format: 'csv', bom: true, multivalue: ' ; ', neutralise: false });
    const buf = readFileSync(file);
    assert.deepEqual([...buf.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal(res.bytes, buf.length);
    const back = Papa.parse<string[]>(buf.toString('utf8').slice(1), { newline: '\r\n' }).data;
    assert.deepEqual(back.slice(0, 3), [['Hashes', 'Image'], [`${NETSH.Hashes} ; line1\nline2`, 'line1\nline2'], [`${NETSH.Hashes} ; plain`, 'plain']]);
  });

  it('reports progress with growing row and byte counts, ending at the totals', async () => {
    const big = tableOf(SYSMON_COLUMNS, Array.from({ length: 5000 }, (_, i) => SYSMON_ROWS[i % SYSMON_ROWS.length]!));
    const seen: ExportProgress[] = [];
    const res = await exportTable(big, 'all', 'all', join(dir, 'p.csv'), { format: 'csv', chunkSize: 64 * 1024, onProgress: (p) => seen.push(p) });
    assert.ok(seen.length > 3);
    assert.ok(seen.every((p, i) => i === 0 || (p.rows >= seen[i - 1]!.rows && p.bytes >= seen[i - 1]!.bytes)));
    assert.deepEqual(seen.at(-1), { rows: 5000, totalRows: 5000, bytes: res.bytes });
  });
});

describe('exportTable failures leave no file', () => {
  const sysmon = tableOf(SYSMON_COLUMNS, Array.from({ length: 20_000 }, (_, i) => SYSMON_ROWS[i % SYSMON_ROWS.length]!));

  async function rejects(p: Promise<unknown>, reason: string, message: RegExp): Promise<ExportError> {
    const err = await p.then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof ExportError, `expected ExportError, got ${String(err)}`);
    assert.equal(err.reason, reason);
    assert.match(err.message, message);
    return err;
  }

  it('abort part-way: cancelled, no target, no temporary file', async () => {
    const ac = new AbortController();
    const file = join(dir, 'abort.csv');
    await rejects(exportTable(sysmon, 'all', 'all', file, {
      format: 'csv', signal: ac.signal, chunkSize: 32 * 1024, onProgress: (p) => { if (p.rows > 2000) ac.abort(); },
    }), 'cancelled', /cancelled.*Nothing was saved/);
    assert.deepEqual(onlyFiles(), []);
  });

  it('abort before start: nothing created, and an existing file stays as it was', async () => {
    const file = join(dir, 'keep.csv');
    writeFileSync(file, 'original');
    const ac = new AbortController();
    ac.abort();
    await rejects(exportTable(sysmon, 'all', 'all', file, { format: 'jsonl', signal: ac.signal }), 'cancelled', /cancelled/);
    assert.equal(readFileSync(file, 'utf8'), 'original');
    assert.deepEqual(onlyFiles(), ['keep.csv']);
  });

  it('disk full part-way (injected ENOSPC from the file-system neighbour): temp removed, old target intact', async () => {
    const file = join(dir, 'full.csv');
    writeFileSync(file, 'original');
    let written = 0;
    const fullAfter256k: ExportFileSystem = {
      ...nodeExportFileSystem,
      async create(p) {
        const real = await nodeExportFileSystem.create(p);
        return {
          ...real,
          async write(data) {
            if (written + data.length > 256 * 1024) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            written += data.length;
            return real.write(data);
          },
        };
      },
    };
    await rejects(exportTable(sysmon, 'all', 'all', file, { format: 'csv', fileSystem: fullAfter256k, chunkSize: 64 * 1024 }),
      'disk-full', new RegExp(`disk holding .* is full.*Nothing was saved to ${file.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}`));
    assert.ok(written > 0);
    assert.deepEqual(onlyFiles(), ['full.csv']);
    assert.equal(readFileSync(file, 'utf8'), 'original');
  });

  it('disk full for real: the kernel\'s ENOSPC from /dev/full through Node fs', async () => {
    const created: string[] = [];
    const unlinked: string[] = [];
    // The neighbour opens /dev/full where the exporter asked for its temp file; the write errors come from the kernel.
    const devFull: ExportFileSystem = {
      async create(p) {
        created.push(p);
        const h = await fsp.open('/dev/full', 'w');
        return { write: async (d) => (await h.write(d)).bytesWritten, sync: () => h.sync(), close: () => h.close() };
      },
      rename: () => Promise.reject(new Error('must not rename after a failed write')),
      async unlink(p) { unlinked.push(p); },
    };
    const err = await rejects(exportTable(sysmon, 'all', 'all', join(dir, 'x.csv'), { format: 'csv', fileSystem: devFull }), 'disk-full', /full/);
    assert.equal(err.code, 'ENOSPC');
    assert.deepEqual(unlinked, created);
  });

  it('disk full for real on a 64 KiB tmpfs (when mount is allowed): no file left', async function () {
    const mnt = join(dir, 'tiny');
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
    } catch {
      // Not root / no CAP_SYS_ADMIN: the /dev/full test above still covers the kernel's ENOSPC.
      this.skip();
    }
    try {
      const file = join(mnt, 'big.jsonl');
      const err = await rejects(exportTable(sysmon, 'all', 'all', file, { format: 'jsonl' }), 'disk-full', /full/);
      assert.equal(err.code, 'ENOSPC');
      assert.deepEqual(readdirSync(mnt), []);
      // and a small export still fits afterwards: the failed one freed its space
      const ok = await exportTable(sysmon, [0, 1, 2], 'all', join(mnt, 'small.csv'), { format: 'csv' });
      assert.equal(ok.rows, 3);
      assert.deepEqual(readdirSync(mnt), ['small.csv']);
    } finally {
      execFileSync('umount', [mnt]);
    }
  });

  it('permission denied (injected EACCES): plain message, nothing created', async () => {
    const denied: ExportFileSystem = {
      ...nodeExportFileSystem,
      create: () => Promise.reject(Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' })),
    };
    await rejects(exportTable(sysmon, 'all', 'all', join(dir, 'd.csv'), { format: 'csv', fileSystem: denied }), 'permission', /permission to write in/);
    assert.deepEqual(onlyFiles(), []);
  });

  it('missing folder (real): says the folder does not exist', async () => {
    await rejects(exportTable(sysmon, 'all', 'all', join(dir, 'nope', 'x.csv'), { format: 'csv' }), 'missing-folder', /does not exist/);
    assert.deepEqual(onlyFiles(), []);
  });

  it('target is a folder (real rename failure): temp removed, folder untouched', async () => {
    const target = join(dir, 'folder.csv');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    await rejects(exportTable(sysmon, [0, 1], 'all', target, { format: 'csv' }), 'is-folder', /is a folder/);
    assert.deepEqual(onlyFiles(), ['folder.csv']);
    assert.deepEqual(readdirSync(target), ['inside']);
  });

  it('never opens over an existing temporary name (exclusive create)', async () => {
    // A pre-planted file cannot be the temp name (random), and the real create uses O_EXCL: prove O_EXCL works.
    const p = join(dir, 'planted');
    closeSync(openSync(p, 'w'));
    await assert.rejects(nodeExportFileSystem.create(p), /EEXIST/);
    assert.ok(existsSync(p));
  });
});
