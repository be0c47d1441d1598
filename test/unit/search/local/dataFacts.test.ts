import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { localDataFacts } from '../../../../src/search/local/dataFacts';

describe('localDataFacts', () => {
  it('names the fields of the first events of each file, with the indexes and sourcetypes the engine gives them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spl-data-facts-'));
    const jsonl = path.join(dir, 'events.jsonl');
    writeFileSync(jsonl, ['{"Image":"a.exe","index":"sysmon","sourcetype":"xmlwineventlog"}', '{"Image":"b.exe","User":"bob","index":"sysmon"}', '{"Image":"a.exe","late":"never read"}'].join('\n'));
    const csv = path.join(dir, 'hosts.csv');
    writeFileSync(csv, 'host,owner\nh1,alice\n');
    const facts = await localDataFacts([jsonl, csv], undefined, 2);
    const names = facts.fields.map((f) => f.name);
    for (const n of ['Image', 'User', 'host', 'owner', 'index', 'sourcetype']) assert.ok(names.includes(n), `${n} in ${names.join(', ')}`);
    assert.ok(!names.includes('late'), 'only the first events of a file are read');
    assert.deepEqual(facts.fields.find((f) => f.name === 'Image')?.topValues, [{ value: 'a.exe', count: 1 }, { value: 'b.exe', count: 1 }]);
    assert.deepEqual([...facts.indexes].sort(), ['main', 'sysmon']);
    assert.ok(facts.sourcetypes.includes('xmlwineventlog') && facts.sourcetypes.includes('csv'), facts.sourcetypes.join(', '));
  });
});
