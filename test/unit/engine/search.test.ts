import assert from 'node:assert/strict';
import { SplError } from '../../../src/engine';
import { parseSearchExpression } from '../../../src/engine/search';
import { run, col, EVENTS } from './helpers';

const hosts = async (q: string): Promise<unknown[]> => col(await run(q, EVENTS), '_time');

describe('engine search terms', () => {
  it('matches field=value case-insensitively on the value, case-sensitively on the field name', async () => {
    assert.deepEqual(await hosts('search host=ws1'), ['1000', '3000', '4000']);
    assert.deepEqual(await hosts('search Host=ws1'), []);
  });

  it('supports * wildcards anywhere in a value', async () => {
    assert.deepEqual(await hosts('search Image=*powershell*'), ['1000', '4000']);
    assert.deepEqual(await hosts('search Image="C:\\Windows\\System32\\c*.exe"'), ['2000']);
    assert.deepEqual(await hosts('search User=*'), ['1000', '2000', '5000']);
  });

  it('matches bare terms and quoted phrases against _raw, case-insensitively', async () => {
    assert.deepEqual(await hosts('search WHOAMI'), ['2000']);
    assert.deepEqual(await hosts('search "error report"'), ['5000']);
    assert.deepEqual(await hosts('search proc start'), ['1000', '2000']);
    assert.deepEqual(await hosts('search amsi*'), ['4000']);
  });

  it('gives OR higher precedence than the implicit AND, as the search command does', async () => {
    // host=ws1 AND (EventCode=3 OR EventCode=7)
    assert.deepEqual(await hosts('search host=ws1 EventCode=3 OR EventCode=7'), ['3000', '4000']);
    assert.deepEqual(await hosts('search (host=ws2 OR host=ws3) User=CORP\\\\alice'), ['5000']);
    assert.deepEqual(await hosts('search host=ws2 AND EventCode=1 OR EventCode=11'), ['2000']);
  });

  it('NOT matches events missing the field; != needs the field', async () => {
    assert.deepEqual(await hosts('search NOT User=CORP\\\\alice'), ['2000', '3000', '4000']);
    assert.deepEqual(await hosts('search User!=CORP\\\\alice'), ['2000']);
    assert.deepEqual(await hosts('search NOT (EventCode=1 OR EventCode=3)'), ['4000', '5000']);
  });

  it('compares numerically when both sides are numbers, lexically otherwise', async () => {
    assert.deepEqual(await hosts('search bytes>50'), ['1000']);
    assert.deepEqual(await hosts('search bytes<=20'), ['2000', '3000']);
    // A number compares only with numbers; two strings compare lexically ("n/a" > "m").
    assert.deepEqual(await hosts('search bytes>m'), ['5000']);
    assert.deepEqual(await hosts('search bytes<1000'), ['1000', '2000', '3000']);
  });

  it('supports IN with wildcards and quoted values', async () => {
    assert.deepEqual(await hosts('search EventCode IN (3, "7", 1*) host IN (ws1)'), ['1000', '3000', '4000']);
  });

  it('matches a multivalue field when any value matches', async () => {
    assert.deepEqual(await hosts('search tags=blue'), ['1000']);
    assert.deepEqual(await hosts('search tags=gr*'), ['4000']);
  });

  it('filters again with search after a pipe', async () => {
    const r = await run('search EventCode=1 | search User=*bob', EVENTS);
    assert.deepEqual(col(r, 'host'), ['ws2']);
  });

  it('applies earliest/latest in the query over the job range (latest exclusive)', async () => {
    assert.deepEqual(await hosts('search earliest=2000 latest=4000'), ['2000', '3000']);
    const job = await run('search *', EVENTS, { earliestTime: '3000' });
    assert.deepEqual(col(job, '_time'), ['3000', '4000', '5000']);
    const both = await run('search earliest=0', EVENTS, { earliestTime: '3000', latestTime: '4500' });
    assert.deepEqual(col(both, '_time'), ['1000', '2000', '3000', '4000']);
  });

  it('applies time modifiers of a search after a pipe to that filter', async () => {
    assert.deepEqual(await hosts('search EventCode=1 OR EventCode=3 | search earliest=1500'), ['2000', '3000']);
  });

  it('resolves relative job times against now', async () => {
    const now = Date.UTC(2024, 4, 1, 12, 0, 0);
    const evs = [0, 30, 90, 200].map((m) => ({ _raw: `m${m}`, _time: String(now / 1000 - m * 60) }));
    const r = await run('search *', evs, { now, earliestTime: '-1h', latestTime: 'now' });
    assert.deepEqual(col(r, '_raw'), ['m30']);
    // latest=now is exclusive, so an event stamped exactly now is only found without it.
    const r2 = await run('search earliest=-4h@h', evs, { now });
    assert.deepEqual(col(r2, '_raw'), ['m0', 'm30', 'm90', 'm200']);
  });

  it('rejects a bad time modifier at its column', async () => {
    await assert.rejects(async () => run('search earliest=-3x', EVENTS), (e: unknown) => e instanceof SplError && e.column === 7);
  });

  it('lists raw event fields with _ fields first, each group sorted', async () => {
    const r = await run('search EventCode=1', EVENTS);
    assert.deepEqual(r.fields, ['_raw', '_time', 'EventCode', 'Image', 'User', 'bytes', 'host', 'tags']);
  });
});

describe('engine search: spaces around comparison operators', () => {
  it('reads field = value, field= value and field =value as field=value', () => {
    for (const text of ['action = failure', 'action= failure', 'action =failure', 'action="failure"', 'action = "failure"']) {
      assert.deepEqual(parseSearchExpression(text, 0).node, { type: 'cmp', field: 'action', op: '=', value: 'failure', pos: 0 }, text);
    }
    assert.deepEqual(parseSearchExpression('n >= 3', 0).node, { type: 'cmp', field: 'n', op: '>=', value: '3', pos: 0 });
  });

  it('leaves boolean operators and lone terms alone', async () => {
    const evs = [{ _raw: 'a', action: 'failure' }, { _raw: 'b', action: 'success' }];
    assert.equal((await run('search action = failure OR action = success', evs)).rows.length, 2);
    assert.equal((await run('search NOT action = failure', evs)).rows.length, 1);
  });
});

describe('engine search: CIDR values', () => {
  it('matches IPv4 addresses inside a CIDR block, in comparisons and IN lists', async () => {
    const evs = [{ ip: '10.1.2.3' }, { ip: '192.168.1.9' }, { ip: '172.32.0.1' }, { ip: 'not-an-ip' }, { ip: '10.0.0.0/8' }];
    assert.deepEqual((await run('search ip=10.0.0.0/8', evs)).rows.map((r) => r.ip), ['10.1.2.3', '10.0.0.0/8']);
    assert.deepEqual((await run('search ip IN ("172.16.0.0/12", 192.168.0.0/16)', evs)).rows.map((r) => r.ip), ['192.168.1.9']);
    assert.deepEqual((await run('search ip=0.0.0.0/0', evs)).rows.map((r) => r.ip), ['10.1.2.3', '192.168.1.9', '172.32.0.1']);
    assert.deepEqual((await run('search NOT ip=10.0.0.0/8', evs)).rows.map((r) => r.ip), ['192.168.1.9', '172.32.0.1', 'not-an-ip']);
  });
});
