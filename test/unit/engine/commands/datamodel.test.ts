import assert from 'node:assert/strict';
import { run } from '../helpers';
import * as F from '../sysmonFixtures';

const EVENTS = F.ALL_EVENTS;

describe('engine datamodel and from datamodel:', () => {
  it('| datamodel lists the datasets the engine knows', async () => {
    const r = await run('| datamodel', EVENTS);
    assert.deepEqual(r.rows.slice(0, 6).map((x) => x.id), ['Endpoint.Processes', 'Endpoint.Filesystem', 'Endpoint.Registry', 'Network_Traffic.All_Traffic', 'Network_Resolution.DNS', 'Authentication.Authentication']);
    assert.ok(r.rows.some((x) => x.id === 'Web.Web'));
  });

  it('| datamodel <Model> <Dataset> search adds prefixed CIM fields to the events; flat adds them bare', async () => {
    const s = await run('| datamodel Endpoint Filesystem search | table Filesystem.file_name Filesystem.action EventCode', EVENTS);
    assert.deepEqual(s.rows, [{ 'Filesystem.file_name': 'evil.cer', 'Filesystem.action': 'created', EventCode: '11' }, { 'Filesystem.file_name': 'evil.cer', 'Filesystem.action': 'deleted', EventCode: '23' }]);
    const f = await run('| datamodel Authentication Authentication flat | table user action', EVENTS);
    assert.deepEqual(f.rows, [{ user: 'alice', action: 'success' }, { user: 'bob', action: 'failure' }]);
  });

  it('| datamodel <Model> describes its datasets', async () => {
    const r = await run('| datamodel Network_Resolution', EVENTS);
    assert.equal(r.rows.length, 1);
    assert.ok((r.rows[0]!.fields as string[]).includes('query'));
  });

  it('| from datamodel:"Model.Dataset" and from datamodel Model.Dataset read the dataset', async () => {
    for (const q of ['| from datamodel:"Network_Traffic.All_Traffic" | stats count by All_Traffic.dest_port', '| from datamodel Network_Traffic.All_Traffic | stats count by All_Traffic.dest_port']) {
      assert.deepEqual((await run(q, EVENTS)).rows, [{ 'All_Traffic.dest_port': '443', count: '1' }]);
    }
  });

  it('from reads only data models', () => assert.rejects(async () => run('| from lookup:users', EVENTS), /only data models/));
});
