import assert from 'node:assert/strict';
import { parseSpl, type SplEvent } from '../../../src/engine';
import { foldDrops } from '../../../src/engine/execute';
import { run, col, EVENTS } from './helpers';

const nums = (vals: string[], field = 'v'): Record<string, string>[] => vals.map((v, i) => ({ _raw: `e${i}`, [field]: v }));

describe('engine commands', () => {
  describe('fields and table', () => {
    it('table keeps only the named fields, in order, with wildcards', async () => {
      const r = await run('search EventCode=1 | table host, Ev* User', EVENTS);
      assert.deepEqual(r.fields, ['host', 'EventCode', 'User']);
      assert.deepEqual(r.rows[0], { host: 'ws1', EventCode: '1', User: 'CORP\\alice' });
    });

    it('table lists a named field even when no row has it', async () => {
      const r = await run('search EventCode=3 | table host User', EVENTS);
      assert.deepEqual(r.fields, ['host', 'User']);
      assert.deepEqual(r.rows, [{ host: 'ws1' }]);
    });

    it('fields + keeps the internal fields; fields - removes, with wildcards', async () => {
      const plus = await run('search EventCode=3 | fields host Image', EVENTS);
      assert.deepEqual(plus.fields, ['host', 'Image', '_raw', '_time']);
      const minus = await run('search EventCode=3 | fields - _* Image', EVENTS);
      assert.deepEqual(minus.fields, ['EventCode', 'bytes', 'host']);
      assert.deepEqual(minus.rows[0], { host: 'ws1', EventCode: '3', bytes: '9' });
    });

    it('fields - folds into a following table or fields +, giving the same rows and columns', async () => {
      const q = 'search EventCode=3 | fields - _* | fields - Image | table host Image _raw EventCode';
      assert.deepEqual(foldDrops(parseSpl(q).commands).map((c) => c.name), ['table']);
      const folded = await run(q, EVENTS);
      assert.deepEqual(folded.fields, ['host', 'Image', '_raw', 'EventCode']);
      assert.deepEqual(folded.rows, [{ host: 'ws1', EventCode: '3' }]);
      const plus = await run('search EventCode=3 | fields - host | fields h* Ev*', EVENTS);
      assert.deepEqual(plus.rows.map((r) => Object.keys(r).sort()), [['EventCode', '_raw', '_time']]);
      // Anything between them keeps both: eval may bring a dropped name back.
      assert.deepEqual(foldDrops(parseSpl('search * | fields - x | eval y=1 | table x y').commands).map((c) => c.name), ['fields', 'eval', 'table']);
    });
  });

  describe('head and tail', () => {
    it('head takes the first N (default 10) and limit=', async () => {
      const many = nums(Array.from({ length: 25 }, (_, i) => String(i)));
      assert.equal((await run('search * | head', many)).rows.length, 10);
      assert.deepEqual(col(await run('search * | head 3', many), 'v'), ['0', '1', '2']);
      assert.deepEqual(col(await run('search * | head limit=2', many), 'v'), ['0', '1']);
    });

    it('passes a large blocking flush through tail in batches', async () => {
      const many = nums(Array.from({ length: 150_000 }, (_, i) => String(i)));
      const r = await run('search * | sort 0 -v | tail 2', many);
      assert.deepEqual(col(r, 'v'), ['0', '1']);
      const all = await run('search * | sort 0 v', many, { batchSize: 5000 });
      assert.equal(all.rows.length, 150_000);
      assert.equal(all.batches, 30);
    });

    it('tail returns the last N in reverse order', async () => {
      const many = nums(Array.from({ length: 25 }, (_, i) => String(i)));
      assert.deepEqual(col(await run('search * | tail 3', many), 'v'), ['24', '23', '22']);
      assert.equal((await run('search * | tail', many)).rows.length, 10);
    });
  });

  describe('sort', () => {
    it('sorts numbers numerically, before strings, and strings lexically (upper case first)', async () => {
      const r = await run('search * | sort v', nums(['10', '9', 'b', 'B', '100', 'a', '-1']));
      assert.deepEqual(col(r, 'v'), ['-1', '9', '10', '100', 'B', 'a', 'b']);
    });

    it('sorts descending with -, per field, stably, with missing values last', async () => {
      const evs: SplEvent[] = [
        { k: 'x', n: '1', id: 'a' }, { k: 'y', n: '2', id: 'b' }, { n: '3', id: 'c' }, { k: 'x', n: '3', id: 'd' }, { k: 'y', n: '2', id: 'e' },
      ];
      assert.deepEqual(col(await run('search * | sort k, -n', evs), 'id'), ['d', 'a', 'b', 'e', 'c']);
      assert.deepEqual(col(await run('search * | sort -k', evs), 'id'), ['b', 'e', 'a', 'd', 'c']);
      assert.deepEqual(col(await run('search * | sort - n', evs), 'id'), ['c', 'd', 'b', 'e', 'a']);
      assert.deepEqual(col(await run('search * | sort k n desc', evs), 'id'), ['b', 'e', 'd', 'a', 'c']);
    });

    it('honours num() and str(), the count limit, and the 10000 default', async () => {
      assert.deepEqual(col(await run('search * | sort str(v)', nums(['10', '9', '100'])), 'v'), ['10', '100', '9']);
      assert.deepEqual(col(await run('search * | sort 2 -num(v)', nums(['10', '9', '100'])), 'v'), ['100', '10']);
      const big = nums(Array.from({ length: 10005 }, (_, i) => String(i)));
      assert.equal((await run('search * | sort v', big)).rows.length, 10000);
      assert.equal((await run('search * | sort 0 v', big)).rows.length, 10005);
    });
  });

  describe('dedup', () => {
    it('keeps the first event per value combination and drops events missing a field', async () => {
      assert.deepEqual(col(await run('search * | dedup host', EVENTS), '_time'), ['1000', '2000', '4000', '5000']);
      assert.deepEqual(col(await run('search * | dedup User', EVENTS), '_time'), ['1000', '2000']);
      assert.deepEqual(col(await run('search * | dedup User keepempty=true', EVENTS), '_time'), ['1000', '2000', '3000', '4000']);
      assert.deepEqual(col(await run('search * | dedup host EventCode', EVENTS), '_time'), ['1000', '2000', '3000', '4000', '5000']);
    });

    it('keeps N per combination and supports consecutive=true', async () => {
      const evs = nums(['a', 'a', 'a', 'b', 'a']);
      assert.deepEqual(col(await run('search * | dedup 2 v', evs), '_raw'), ['e0', 'e1', 'e3']);
      assert.deepEqual(col(await run('search * | dedup v consecutive=true', evs), '_raw'), ['e0', 'e3', 'e4']);
    });
  });

  describe('rename', () => {
    it('renames with AS, several at once, and with wildcards', async () => {
      const r = await run('search EventCode=1 | head 1 | rename Image AS process, User as user | table process user', EVENTS);
      assert.deepEqual(r.rows, [{ process: EVENTS[0]!.Image, user: 'CORP\\alice' }]);
      const w = await run('search * | head 1 | rename Event* AS ev_* | table ev_*', EVENTS);
      assert.deepEqual(w.rows, [{ ev_Code: '1' }]);
    });

    it('renames fields in an explicit order too', async () => {
      const r = await run('search * | stats count by host | rename count AS n', EVENTS);
      assert.deepEqual(r.fields, ['host', 'n']);
    });
  });

  describe('rex and regex', () => {
    it('extracts named groups from _raw by default and from field=', async () => {
      const r = await run('search * | rex "to (?<ip>\\d+\\.\\d+\\.\\d+\\.\\d+)" | rex field=Image "\\\\\\\\(?<exe>[^\\\\\\\\]+)$" | table ip exe', EVENTS);
      assert.deepEqual(col(r, 'exe'), ['powershell.exe', 'cmd.exe', 'svchost.exe', 'powershell.exe', undefined]);
      assert.deepEqual(col(r, 'ip'), [undefined, undefined, '10.0.0.5', undefined, undefined]);
    });

    it('handles (?i) and max_match for multivalue output', async () => {
      const h = 'SHA1=AB12,MD5=CD34,SHA256=EF56,IMPHASH=0000';
      const r = await run('search * | rex field=Hashes "(?i)sha256=(?<sha256>[0-9a-f]+)" | rex field=Hashes max_match=0 "(?<alg>[A-Z0-9]+)=(?<val>[0-9A-F]+)"', [{ Hashes: h }]);
      assert.equal(r.rows[0]!.sha256, 'EF56');
      assert.deepEqual(r.rows[0]!.alg, ['SHA1', 'MD5', 'SHA256', 'IMPHASH']);
      assert.deepEqual(r.rows[0]!.val, ['AB12', 'CD34', 'EF56', '0000']);
    });

    it('supports mode=sed', async () => {
      const r = await run('search * | rex field=u mode=sed "s/\\d/#/g"', [{ u: 'a1b22' }]);
      assert.equal(r.rows[0]!.u, 'a#b##');
    });

    it('regex keeps (or with != drops) matching events', async () => {
      assert.deepEqual(col(await run('search * | regex Image="(?i)POWERSHELL"', EVENTS), '_time'), ['1000', '4000']);
      assert.deepEqual(col(await run('search * | regex Image!="powershell"', EVENTS), '_time'), ['2000', '3000', '5000']);
      assert.deepEqual(col(await run('search * | regex "^proc"', EVENTS), '_time'), ['1000', '2000']);
    });
  });

  describe('multivalue commands', () => {
    it('makemv splits on delim (default space) or a tokenizer', async () => {
      const r = await run('search * | makemv delim="," h | makemv s | makemv tokenizer="(\\d+)" t', [{ h: 'a,b,,c', s: 'x y', t: 'n1 n22 n333' }]);
      assert.deepEqual(r.rows[0]!.h, ['a', 'b', 'c']);
      assert.deepEqual(r.rows[0]!.s, ['x', 'y']);
      assert.deepEqual(r.rows[0]!.t, ['1', '22', '333']);
    });

    it('mvexpand makes one event per value and passes others through', async () => {
      const r = await run('search * | mvexpand tags | table _time tags', EVENTS);
      assert.deepEqual(r.rows.map((x) => `${x._time}:${x.tags ?? '-'}`), ['1000:red', '1000:blue', '2000:-', '3000:-', '4000:green', '5000:-']);
      const lim = await run('search * | mvexpand tags limit=1', EVENTS.slice(0, 1));
      assert.equal(lim.rows.length, 1);
    });
  });

  describe('fillnull', () => {
    it('fills the listed fields with value= (default 0)', async () => {
      const r = await run('search * | fillnull value=NULL User | table _time User', EVENTS);
      assert.deepEqual(col(r, 'User'), ['CORP\\alice', 'CORP\\bob', 'NULL', 'NULL', 'CORP\\alice']);
    });

    it('without a list fills every field of the result set', async () => {
      const r = await run('search * | table a b | fillnull', [{ a: '1' }, { b: '2' }]);
      assert.deepEqual(r.rows, [{ a: '1', b: '0' }, { a: '0', b: '2' }]);
    });
  });

  describe('makeresults', () => {
    it('generates count results stamped with the search time, without reading the source', async () => {
      let read = false;
      const source = { async *batches() { read = true; yield []; } };
      const r = await run('| makeresults count=3 | eval n=1', source, { now: 1_700_000_000_500 });
      assert.equal(read, false);
      assert.deepEqual(r.fields, ['_time', 'n']);
      assert.deepEqual(col(r, '_time'), ['1700000000', '1700000000', '1700000000']);
    });
  });
});
