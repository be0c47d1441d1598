import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, col, EVENTS } from '../helpers';

describe('lookup, inputlookup and outputlookup', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'spl-lookups-'));
    writeFileSync(join(dir, 'users.csv'), 'uid,username,department\nCORP\\alice,Alice,Sales\nCORP\\bob,Bob,IT\nCORP\\bob,Robert,Ops\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lookup users uid AS User OUTPUT username: several matches give a multivalue field', async () => {
    const r = await run('search EventCode=1 | lookup users uid AS User OUTPUT username AS name', EVENTS, { lookupsFolder: dir });
    assert.deepEqual(col(r, 'name'), ['Alice', ['Bob', 'Robert']]);
    assert.deepEqual(col(r, 'department'), [undefined, undefined]);
  });

  it('without OUTPUT every other column is added; OUTPUTNEW keeps existing values', async () => {
    const all = await run('search EventCode=1 | lookup users.csv uid AS User', EVENTS, { lookupsFolder: dir });
    assert.deepEqual(col(all, 'department'), ['Sales', ['IT', 'Ops']]);
    const keep = await run('search EventCode=1 | eval department="kept" | lookup users uid AS User OUTPUTNEW department', EVENTS, { lookupsFolder: dir });
    assert.deepEqual(col(keep, 'department'), ['kept', 'kept']);
  });

  it('| inputlookup with where, max and append=true', async () => {
    const r = await run('| inputlookup users where department=IT', [], { lookupsFolder: dir });
    assert.deepEqual(r.rows, [{ uid: 'CORP\\bob', username: 'Bob', department: 'IT' }]);
    assert.equal((await run('| inputlookup max=1 users', [], { lookupsFolder: dir })).rows.length, 1);
    const appended = await run('search EventCode=3 | inputlookup append=true users', EVENTS, { lookupsFolder: dir });
    assert.equal(appended.rows.length, 4);
  });

  it('outputlookup writes a CSV that inputlookup reads back', async () => {
    await run('search EventCode=1 | table host User | outputlookup seen.csv', EVENTS, { lookupsFolder: dir });
    assert.equal(readFileSync(join(dir, 'seen.csv'), 'utf8'), 'host,User\r\nws1,CORP\\alice\r\nws2,CORP\\bob\n');
    assert.deepEqual(col(await run('| inputlookup seen', [], { lookupsFolder: dir }), 'host'), ['ws1', 'ws2']);
  });

  it('clear errors: no folder, a missing table, a name that leaves the folder, a missing match field', async () => {
    await assert.rejects(() => run('search * | lookup users uid', EVENTS), /set splWorkbench.local.lookupsFolder/);
    await assert.rejects(() => run('search * | lookup nope uid', EVENTS, { lookupsFolder: dir }), /'nope' does not exist/);
    await assert.rejects(() => run('| inputlookup ../users.csv', [], { lookupsFolder: dir }), /Invalid lookup name/);
    await assert.rejects(() => run('search * | outputlookup ../x.csv', EVENTS, { lookupsFolder: dir }), /Invalid lookup name/);
    await assert.rejects(() => run('search * | lookup users nofield', EVENTS, { lookupsFolder: dir }), /has no field 'nofield'/);
  });
});
