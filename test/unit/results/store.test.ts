import assert from 'node:assert/strict';
import type { Cell, ResultPage } from '../../../src/search/backend';
import { ResultStore, type DerivedColumnProvider } from '../../../src/results/store';
import { COLLATOR_LIMIT } from '../../../src/results/sort';
import { ResultView, type ViewOptions } from '../../../src/results/view';

function page(fields: string[], rows: Cell[][], offset: number, preview = false): ResultPage {
  return { kind: 'page', fields, rows, offset, preview };
}

function all(store: ResultStore, opts: ViewOptions = {}): Cell[][] {
  const v = new ResultView(store, opts);
  return v.window(0, v.rowCount);
}

describe('ResultStore', () => {
  describe('append', () => {
    it('keeps Splunk field order and appends fields first seen in later pages', () => {
      const s = new ResultStore();
      s.append(page(['host', 'count'], [['a', '1'], ['b', '2']], 0));
      s.append(page(['count', 'user', 'host'], [['3', 'u', 'c']], 2));
      assert.deepEqual(s.fields, ['host', 'count', 'user']);
      assert.equal(s.rowCount, 3);
      assert.deepEqual(all(s), [['a', '1', null], ['b', '2', null], ['c', '3', 'u']]);
    });

    it('replaces rows at or after the page offset (preview pages) and fills gaps with absent rows', () => {
      const s = new ResultStore();
      s.append(page(['x'], [['p1'], ['p2'], ['p3']], 0, true));
      const gen = s.generation;
      s.append(page(['x'], [['f1']], 0));
      assert.equal(s.rowCount, 1);
      assert.notEqual(s.generation, gen);
      s.append(page(['x'], [['f4']], 3));
      assert.deepEqual(all(s), [['f1'], [null], [null], ['f4']]);
    });

    it('leaves a field absent in the rows of a later page without it, across a gap, and keeps the first of a duplicated name', () => {
      const s = new ResultStore();
      s.append(page(['a', 'b'], [['a0', 'b0']], 0));
      s.append(page(['b', 'b'], [['b3', 'dup'], ['b4', 'dup']], 3));
      assert.deepEqual(all(s), [['a0', 'b0'], [null, null], [null, null], [null, 'b3'], [null, 'b4']]);
      assert.equal(s.columnValues('a')!.length, 5);
    });

    it('keeps multivalue cells and treats missing trailing cells as absent', () => {
      const s = new ResultStore();
      s.append(page(['a', 'b'], [[['x', 'y']], ['z', null]], 0));
      assert.deepEqual(all(s), [[['x', 'y'], null], ['z', null]]);
    });

    it('notifies listeners on append', () => {
      const s = new ResultStore();
      let calls = 0;
      const off = s.onChange(() => calls++);
      s.append(page(['a'], [['1']], 0));
      off();
      s.append(page(['a'], [['2']], 1));
      assert.equal(calls, 1);
    });
  });

  describe('derived columns', () => {
    const upper: DerivedColumnProvider = {
      sourceField: 'Hashes',
      columns: [
        { name: 'MD5', compute: (c) => (typeof c === 'string' ? (/MD5=([0-9A-F]+)/i.exec(c)?.[1] ?? null) : null) },
        { name: 'LEN', compute: (c) => (typeof c === 'string' ? String(c.length) : null) },
      ],
    };

    it('places derived columns right after their source and computes them for later pages too', () => {
      const s = new ResultStore();
      s.setDerivedColumns([upper]);
      s.append(page(['host', 'Hashes', 'user'], [['h1', 'SHA1=AA,MD5=BB', 'u1']], 0));
      assert.deepEqual(s.columns.map((c) => c.name), ['host', 'Hashes', 'MD5', 'LEN', 'user']);
      assert.deepEqual(s.columns[2], { name: 'MD5', kind: 'derived', source: 'Hashes', internal: false });
      s.append(page(['host', 'Hashes', 'user'], [['h2', 'MD5=CC', 'u2']], 1));
      assert.deepEqual(all(s).map((r) => r[2]), ['BB', 'CC']);
      assert.equal(s.cell(1, 'LEN'), '6');
    });

    it('appears only once the source field exists, and sorts and filters like any column', () => {
      const s = new ResultStore();
      s.setDerivedColumns([upper]);
      s.append(page(['host'], [['h0']], 0));
      assert.equal(s.hasColumn('MD5'), false);
      s.append(page(['host', 'Hashes'], [['h1', 'MD5=ff'], ['h2', 'MD5=0a'], ['h3', 'MD5=1B']], 1));
      assert.deepEqual(all(s, { sort: [{ column: 'MD5', direction: 'asc' }] }).map((r) => r[0]), ['h2', 'h3', 'h1', 'h0']);
      assert.deepEqual(all(s, { filter: { perColumn: { MD5: { text: '1b' } } } }).map((r) => r[0]), ['h3']);
    });

    it('renames a derived column that would shadow a returned field, and can be switched off', () => {
      const s = new ResultStore();
      s.append(page(['MD5', 'Hashes'], [['given', 'MD5=AB']], 0));
      s.setDerivedColumns([upper]);
      assert.deepEqual(s.columns.map((c) => c.name), ['MD5', 'Hashes', 'MD5 (Hashes)', 'LEN']);
      assert.equal(s.cell(0, 'MD5'), 'given');
      assert.equal(s.cell(0, 'MD5 (Hashes)'), 'AB');
      s.setDerivedColumns([]);
      assert.deepEqual(s.columns.map((c) => c.name), ['MD5', 'Hashes']);
    });

    it('shows a throwing provider as absent cells', () => {
      const s = new ResultStore();
      s.setDerivedColumns([{ sourceField: 'a', columns: [{ name: 'bad', compute: () => { throw new Error('x'); } }] }]);
      s.append(page(['a'], [['1']], 0));
      assert.deepEqual(all(s), [['1', null]]);
    });

    it('computes a repeated source value once, and every row still gets what compute gives it', () => {
      // 300 distinct values (some sharing length and the sampled code units), 30,000 rows, equal
      // values as separate strings: a hit must be by value, a slot collision must never return another value's result.
      const values = Array.from({ length: 300 }, (_, i) => `v${String(i % 10)}-${'x'.repeat(i % 7)}-${String(i)}`);
      const rows: Cell[][] = Array.from({ length: 30_000 }, (_, r) => [values[(r * 7919) % values.length]!.slice(0)]);
      rows.push([null], [['m1', 'm2']]);
      let calls = 0;
      const s = new ResultStore();
      s.setDerivedColumns([{ sourceField: 'a', columns: [{ name: 'len', compute: (c) => { calls++; return typeof c === 'string' ? `${c}:${String(c.length)}` : null; } }] }]);
      s.append(page(['a'], rows, 0));
      const got = s.columnValues('len')!;
      assert.equal(got.length, rows.length);
      for (let r = 0; r < rows.length; r++) {
        const c = rows[r]![0]!;
        assert.equal(got[r], typeof c === 'string' ? `${c}:${String(c.length)}` : null);
      }
      assert.ok(calls < 2_000, `compute ran ${String(calls)} times for 300 distinct values`);
    });
  });

  describe('sort', () => {
    function store(values: Cell[]): ResultStore {
      const s = new ResultStore();
      s.append(page(['id', 'v'], values.map((v, i) => [String(i), v]), 0));
      return s;
    }
    const sortedIds = (s: ResultStore, direction: 'asc' | 'desc' = 'asc') =>
      all(s, { sort: [{ column: 'v', direction }] }).map((r) => Number(r[0]));

    it('orders numbers numerically, before text, and text with numeric collation', () => {
      const s = store(['10', '9', 'file10', 'file9', '-1.5', 'apple', '1e3', 'Banana']);
      assert.deepEqual(all(s, { sort: [{ column: 'v', direction: 'asc' }] }).map((r) => r[1]),
        ['-1.5', '9', '10', '1e3', 'apple', 'Banana', 'file9', 'file10']);
    });

    it('orders ISO-8601 timestamps by time (offsets included), after numbers and before text', () => {
      const s = store(['2020-10-29T01:30:00.000+02:00', 'zzz', '2020-10-29T00:00:00.000Z', '5', '2020-10-28T23:45:00.000-01:00']);
      assert.deepEqual(sortedIds(s), [3, 0, 2, 4, 1]);
    });

    it('reverses for descending but keeps absent and empty cells last', () => {
      const s = store(['b', null, 'a', '', 'c']);
      assert.deepEqual(sortedIds(s, 'asc'), [2, 0, 4, 1, 3]);
      assert.deepEqual(sortedIds(s, 'desc'), [4, 0, 2, 1, 3]);
    });

    it('is stable in both directions', () => {
      const s = store(['x', 'y', 'x', 'y', 'x']);
      assert.deepEqual(sortedIds(s, 'asc'), [0, 2, 4, 1, 3]);
      assert.deepEqual(sortedIds(s, 'desc'), [1, 3, 0, 2, 4]);
    });

    it('sorts multivalue cells by their first value', () => {
      const s = store([['b', 'a'], ['a', 'z'], 'aa']);
      assert.deepEqual(sortedIds(s), [1, 2, 0]);
    });

    it('applies secondary keys', () => {
      const s = new ResultStore();
      s.append(page(['k', 'n'], [['b', '2'], ['a', '10'], ['b', '1'], ['a', '9']], 0));
      assert.deepEqual(all(s, { sort: [{ column: 'k', direction: 'asc' }, { column: 'n', direction: 'desc' }] }),
        [['a', '10'], ['a', '9'], ['b', '2'], ['b', '1']]);
    });

    it('orders columns with very many distinct strings by case-folded code units', () => {
      const n = 25_000;
      const values = Array.from({ length: n }, (_, i) => `${i % 2 ? 'K' : 'k'}${(i * 7919) % n}`);
      const s = store(values);
      const got = all(s, { sort: [{ column: 'v', direction: 'asc' }] }).map((r) => r[1] as string);
      for (let i = 1; i < got.length; i++) {
        const a = got[i - 1]!.toLowerCase(), b = got[i]!.toLowerCase();
        assert.ok(a <= b, `${got[i - 1]} before ${got[i]}`);
      }
    });

    it('radix-orders many distinct strings sharing long prefixes, prefixes of each other and case variants', () => {
      const prefix = '"C:\\Windows\\System32\\cmd.exe" /c ';
      const values: string[] = [];
      for (let i = 0; i < 60_000; i++) {
        const tail = ((i * 2654435761) >>> 0).toString(16);
        values.push(prefix + tail.slice(0, 1 + (i % 8)) + (i % 3 === 0 ? 'X' : i % 3 === 1 ? 'x' : ''));
      }
      values.push(prefix, prefix.toUpperCase(), prefix + 'ÿ', prefix + '\u{1F600}');
      assert.ok(new Set(values).size > COLLATOR_LIMIT);
      const s = store(values);
      const got = all(s, { sort: [{ column: 'v', direction: 'asc' }] }).map((r) => r[1] as string);
      assert.equal(got.length, values.length);
      const fold = (x: string) => x.replace(/[A-Z]/g, (c) => c.toLowerCase());
      for (let i = 1; i < got.length; i++) {
        const a = fold(got[i - 1]!), b = fold(got[i]!);
        assert.ok(a < b || (a === b && got[i - 1]! <= got[i]!), `${JSON.stringify(got[i - 1])} before ${JSON.stringify(got[i])}`);
      }
    });

    it('gives repeated values one rank when there are too many distinct values for the collator, so a second key orders them', () => {
      const s = new ResultStore();
      const rows: string[][] = [];
      for (let i = 0; i < COLLATOR_LIMIT * 2; i++) {
        const v = i % 4 === 0 ? (i % 8 === 0 ? 'dup-a' : 'DUP-A') : `v-${((i * 2654435761) >>> 0).toString(36)}-é${i}`;
        rows.push([v, String((i * 7) % 1000)]);
      }
      s.append(page(['v', 'n'], rows, 0));
      assert.ok(new Set(rows.map((r) => r[0])).size > COLLATOR_LIMIT);
      const got = all(s, { sort: [{ column: 'v', direction: 'asc' }, { column: 'n', direction: 'desc' }] });
      assert.equal(got.length, rows.length);
      for (let i = 1; i < got.length; i++) {
        const [a, an] = got[i - 1] as [string, string];
        const [b, bn] = got[i] as [string, string];
        const fa = a.toLowerCase(), fb = b.toLowerCase();
        assert.ok(fa < fb || (fa === fb && (a < b || (a === b && Number(an) >= Number(bn)))), `${a}/${an} before ${b}/${bn}`);
      }
    });

    it('ignores sort keys on unknown columns', () => {
      const s = store(['b', 'a']);
      assert.deepEqual(all(s, { sort: [{ column: 'nope', direction: 'asc' }] }).map((r) => r[1]), ['b', 'a']);
    });
  });

  describe('filter', () => {
    function sample(): ResultStore {
      const s = new ResultStore();
      s.append(page(['host', 'Image', 'tags'], [
        ['WKS-1', 'C:\\Windows\\cmd.exe', ['a', 'b']],
        ['WKS-2', 'C:\\Windows\\PowerShell.exe', 'c'],
        ['srv-1', 'C:\\Tools\\psexec.exe', null],
      ], 0));
      return s;
    }
    const hosts = (s: ResultStore, filter: object) => all(s, { filter }).map((r) => r[0]);

    it('matches text in any visible column, case-insensitively by default', () => {
      assert.deepEqual(hosts(sample(), { text: 'powershell' }), ['WKS-2']);
      assert.deepEqual(hosts(sample(), { text: 'powershell', caseSensitive: true }), []);
      assert.deepEqual(hosts(sample(), { text: 'b' }), ['WKS-1']);
    });

    it('matches regular expressions, and reports an invalid one while matching it as text', () => {
      assert.deepEqual(hosts(sample(), { text: '^wks-\\d$', regex: true }), ['WKS-1', 'WKS-2']);
      const v = new ResultView(sample(), { filter: { text: '(', regex: true } });
      assert.equal(v.rowCount, 0);
      assert.match(v.filterErrors[0]!, /Invalid regular expression/);
    });

    it('applies per-column matches together', () => {
      assert.deepEqual(hosts(sample(), { perColumn: { host: { text: 'wks' }, Image: { text: 'exe$', regex: true } } }), ['WKS-1', 'WKS-2']);
      assert.deepEqual(hosts(sample(), { perColumn: { host: { text: 'wks' }, Image: { text: 'tools' } } }), []);
    });

    it('includes and excludes exact values, multivalue by membership, absent as empty', () => {
      assert.deepEqual(hosts(sample(), { include: [{ column: 'host', value: 'WKS-2' }] }), ['WKS-2']);
      assert.deepEqual(hosts(sample(), { exclude: [{ column: 'host', value: 'WKS-2' }] }), ['WKS-1', 'srv-1']);
      assert.deepEqual(hosts(sample(), { include: [{ column: 'tags', value: 'b' }] }), ['WKS-1']);
      assert.deepEqual(hosts(sample(), { include: [{ column: 'tags', value: null }] }), ['srv-1']);
      assert.deepEqual(hosts(sample(), { exclude: [{ column: 'tags', value: ['a', 'b'] }] }), ['WKS-2', 'srv-1']);
    });

    it('keeps filtering rows that arrive after the view was made', () => {
      const s = sample();
      const v = new ResultView(s, { filter: { text: 'wks' } });
      assert.equal(v.rowCount, 2);
      s.append(page(['host'], [['WKS-3'], ['db-1']], 3));
      assert.equal(v.rowCount, 3);
      assert.deepEqual(v.window(2, 5), [['WKS-3', null, null]]);
      assert.equal(v.totalCount, 5);
    });
  });

  describe('columns and windows', () => {
    it('hides internal fields except _time unless asked, and honours order and hidden', () => {
      const s = new ResultStore();
      s.append(page(['_raw', '_time', 'host', '_cd', 'user'], [['r', 't', 'h', 'c', 'u']], 0));
      assert.deepEqual(new ResultView(s).columns, ['_time', 'host', 'user']);
      assert.deepEqual(new ResultView(s, { showInternal: true }).columns, ['_raw', '_time', 'host', '_cd', 'user']);
      const v = new ResultView(s, { columns: ['user', 'nope', 'host'], hidden: ['_time'] });
      assert.deepEqual(v.columns, ['user', 'host']);
      assert.deepEqual(v.window(0, 1), [['u', 'h']]);
      assert.equal(v.cell(0, 1), 'h');
      assert.equal(v.cell(5, 0), null);
    });

    it('clips windows to the view and follows appends', () => {
      const s = new ResultStore();
      s.append(page(['n'], Array.from({ length: 10 }, (_, i) => [String(i)]), 0));
      const v = new ResultView(s, { sort: [{ column: 'n', direction: 'desc' }] });
      assert.deepEqual(v.window(8, 5), [['1'], ['0']]);
      s.append(page(['n'], [['42']], 10));
      assert.deepEqual(v.window(0, 2), [['42'], ['9']]);
      assert.equal(v.storeRow(0), 10);
    });

    it('sorts and filters 500,000 rows', () => {
      const n = 500_000;
      const s = new ResultStore();
      const rows: Cell[][] = [];
      for (let i = 0; i < n; i++) rows.push([String((i * 7) % n), i % 3 === 0 ? 'cmd.exe' : 'powershell.exe']);
      s.append(page(['n', 'img'], rows, 0));
      const v = new ResultView(s, { sort: [{ column: 'n', direction: 'asc' }], filter: { text: 'cmd' } });
      assert.equal(v.rowCount, Math.ceil(n / 3));
      const w = v.window(0, 3).map((r) => Number(r[0]));
      assert.ok(w[0]! < w[1]! && w[1]! < w[2]!);
    });
  });
});
