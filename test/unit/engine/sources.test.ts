import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arraySource, execute, fileSource, type EventSource, type SplEvent } from '../../../src/engine';
import { writeSampleData } from '../../../src/search/local/sampleData';
import { run, col } from './helpers';

describe('engine file sources', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'spl-engine-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };

  it('reads JSON Lines with default fields, flattening and the raw line', async () => {
    const line1 = '{"@timestamp":"2024-05-01T12:00:00.500Z","Hostname":"WS1","a":{"b":1,"c":[1,2]},"n":null,"ok":true}';
    const p = file('a.jsonl', `${line1}\r\n\n{"timestamp":1714564800,"host":"h2","msg":"x"}\nnot json at all\n`);
    const r = await run('search *', fileSource(p));
    assert.equal(r.rows.length, 3);
    const [e1, e2, e3] = r.rows as [SplEvent, SplEvent, SplEvent];
    assert.equal(e1._raw, line1);
    assert.equal(e1._time, '1714564800.500');
    assert.equal(e1.host, 'WS1');
    assert.equal(e1['a.b'], '1');
    assert.deepEqual(e1['a.c{}'], ['1', '2']);
    assert.equal(e1.ok, 'true');
    assert.ok(!('n' in e1));
    assert.equal(e1.source, p);
    assert.equal(e1.sourcetype, 'json');
    assert.equal(e1.index, 'main');
    assert.equal(e2._time, '1714564800');
    assert.equal(e2.host, 'h2');
    assert.equal(e3._raw, 'not json at all');
  });

  it('decodes UTF-8 lines exactly, with and without the prefilter', async () => {
    const line = '{"Product":"Microsoft® Windows®","who":"José \\u00e9","emoji":"🦊 fox"}';
    const p = file('u.jsonl', `{"ascii":"only"}\n${line}\n`);
    for (const q of ['search *', 'search fox', 'search Product=*windows*']) {
      const r = await run(q, fileSource(p));
      const e = r.rows.find((x) => x.Product !== undefined)!;
      assert.equal(e.Product, 'Microsoft® Windows®', q);
      assert.equal(e.who, 'José é', q);
      assert.equal(e.emoji, '🦊 fox', q);
      assert.equal(e._raw, line, q);
    }
  });

  it('reassembles lines across reads, including lines longer than the read size', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => JSON.stringify({ i: String(i), pad: 'x'.repeat((i * 997) % 9000), tag: i % 7 === 0 ? 'NeedleValue' : 'hay' }));
    const p = file('long.jsonl', `\uFEFF${lines.join('\n')}`);
    const all = await run('search *', fileSource(p, { chunkSize: 4096 }));
    assert.deepEqual(col(all, 'i'), lines.map((_, i) => String(i)));
    assert.equal(all.rows[59]!._raw, lines[59]);
    const found = await run('search needlevalue', fileSource(p, { chunkSize: 4096 }));
    assert.deepEqual(col(found, 'i'), ['0', '7', '14', '21', '28', '35', '42', '49', '56']);
  });

  it('recognises Sysmon-looking data and maps EventID to EventCode', async () => {
    const p = file('s.jsonl', '{"TimeCreated":"2020-10-29T12:16:09.918Z","Channel":"Microsoft-Windows-Sysmon/Operational","EventID":1,"Computer":"WS5"}\n');
    const r = await run('search EventCode=1', fileSource(p));
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0]!.sourcetype, 'XmlWinEventLog:Microsoft-Windows-Sysmon/Operational');
    assert.equal(r.rows[0]!.host, 'WS5');
  });

  it('honours the timestamp field, host, source, sourcetype and index options', async () => {
    const p = file('o.jsonl', '{"when":"2024-01-01 00:00:01","v":"1"}\n');
    const r = await run('search index=edr sourcetype=mine host=box source=lab', fileSource(p, { timeField: 'when', host: 'box', source: 'lab', sourcetype: 'mine', index: 'edr' }));
    assert.equal(r.rows.length, 1);
    assert.equal(r.rows[0]!._time, String(Date.UTC(2024, 0, 1, 0, 0, 1) / 1000));
  });

  it('reads JSON arrays and pretty-printed objects, keeping each object as _raw', async () => {
    const arr = file('arr.json', '[\n  {"x": "1", "s": "brace } in [string]"},\n  {"x": "2", "nested": {"y": [ {"z": "3"} ]}}\n]\n');
    const r = await run('search *', fileSource(arr));
    assert.deepEqual(col(r, 'x'), ['1', '2']);
    assert.equal(r.rows[0]!._raw, '{"x": "1", "s": "brace } in [string]"}');
    assert.equal(r.rows[1]!['nested.y{}.z'], '3');
    const obj = file('obj.json', '{\n  "x": "only"\n}\n');
    assert.deepEqual(col(await run('search *', fileSource(obj)), 'x'), ['only']);
  });

  it('reads CSV with quoted fields, omitting empty values', async () => {
    const p = file('c.csv', 'host,CommandLine,empty\nws1,"cmd /c ""echo, hi""\nnext",\nws2,plain,\n');
    const r = await run('search *', fileSource(p));
    assert.equal(r.rows.length, 2);
    assert.equal(r.rows[0]!.CommandLine, 'cmd /c "echo, hi"\nnext');
    assert.ok(!('empty' in r.rows[0]!));
    assert.equal(r.rows[0]!.sourcetype, 'csv');
    assert.equal(r.rows[1]!._raw, 'ws2,plain,');
  });

  it('stops reading a big file once head has enough', async () => {
    const p = join(dir, 'big.jsonl');
    await writeSampleData(p, 20000, 7);
    const size = statSync(p).size;
    const src = fileSource(p, { chunkSize: 64 * 1024, batchSize: 100 });
    const r = await run('search * | head 10', src);
    assert.equal(r.rows.length, 10);
    // The first 50 events include a ~100 kB line, so a few 64 kB chunks are needed, not the 18 MB.
    assert.ok(src.bytesRead <= 6 * 64 * 1024, `read ${src.bytesRead} of ${size} bytes`);
    // And the whole file when the query needs it.
    const all = fileSource(p, { chunkSize: 64 * 1024 });
    const c = await run('search * | stats count', all);
    assert.equal(c.rows[0]!.count, '20000');
    assert.equal(all.bytesRead, size);
  });

  it('pulls only the batches head needs from any source', async () => {
    let pulled = 0;
    const counting: EventSource = {
      async *batches() {
        for (let b = 0; b < 1000; b++) { pulled++; yield Array.from({ length: 100 }, (_, i) => ({ _raw: `e${b * 100 + i}` })); }
      },
    };
    const r = await run('search * | head 250', counting);
    assert.equal(r.rows.length, 250);
    assert.equal(pulled, 3);
  });

  it('never drops a matching event when skipping lines before parsing', async () => {
    const p = join(dir, 'pf.jsonl');
    await writeSampleData(p, 3000, 11);
    const all: SplEvent[] = [];
    for await (const b of execute('search *', fileSource(p))) all.push(...b.rows);
    const queries = [
      'search EventCode=1 Image=*powershell*',
      'search Image="*\\\\WindowsPowerShell\\\\*" CommandLine=*-enc*',
      'search POWERSHELL NOT EventCode=7',
      'search host=WKS-FIN-01 (svchost OR Chrome)',
      'search CommandLine="*<script>*"',
      'search Hashes=*IMPHASH=0000*',
      'search "Microsoft® Windows®" EventCode=7',
      'search sourcetype=XmlWinEventLog* source=*Sysmon* Description="Windows Command Processor"',
      'search User="CORP\\\\alice" IntegrityLevel=high',
    ];
    for (const q of queries) {
      const fromFile = await run(q, fileSource(p));
      const fromMemory = await run(q, arraySource(all));
      assert.equal(fromFile.rows.length, fromMemory.rows.length, q);
      assert.deepEqual(fromFile.rows.map((x) => x._raw), fromMemory.rows.map((x) => x._raw), q);
    }
    assert.ok((await run(queries[0]!, fileSource(p))).rows.length > 0);
  });

  it('stops with an AbortError when the signal fires', async () => {
    const p = join(dir, 'ab.jsonl');
    await writeSampleData(p, 5000, 3);
    const ac = new AbortController();
    let batches = 0;
    await assert.rejects(async () => {
      for await (const b of execute('search *', fileSource(p, { batchSize: 100 }), { signal: ac.signal, batchSize: 100 })) {
        batches++;
        if (b.rows.length > 0) ac.abort();
      }
    }, (e: Error) => e.name === 'AbortError');
    assert.equal(batches, 1);
  });
});
