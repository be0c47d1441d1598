import assert from 'node:assert/strict';
import { findRiskyCommands, RISKY_COMMANDS } from '../../../src/spl';

describe('findRiskyCommands', () => {
  const required = [
    'delete', 'collect', 'outputlookup', 'outputcsv', 'sendemail', 'sendalert',
    'script', 'run', 'runshellscript', 'tscollect', 'dump',
  ];

  for (const name of required) {
    it(`flags ${name} after a pipe`, () => {
      assert.deepEqual(findRiskyCommands(`index=main | ${name} arg=1`), [name]);
    });
  }

  it('covers the rest of Splunk\'s safeguard list', () => {
    for (const name of ['map', 'mcollect', 'meventcollect', 'input']) {
      assert.ok(RISKY_COMMANDS.has(name), name);
      assert.deepEqual(findRiskyCommands(`index=a | ${name} x`), [name]);
    }
  });

  it('is case-insensitive and reports lower-case names', () => {
    assert.deepEqual(findRiskyCommands('index=a | DELETE'), ['delete']);
    assert.deepEqual(findRiskyCommands('index=a | OutputLookup x.csv'), ['outputlookup']);
  });

  it('flags a pipe with no space and a command on the next line', () => {
    assert.deepEqual(findRiskyCommands('index=a |delete'), ['delete']);
    assert.deepEqual(findRiskyCommands('index=a\n|\n  collect index=summary'), ['collect']);
  });

  it('flags the first command of the query', () => {
    assert.deepEqual(findRiskyCommands('| outputlookup x.csv'), ['outputlookup']);
    assert.deepEqual(findRiskyCommands('  delete'), ['delete']);
  });

  it('returns distinct names in order of appearance', () => {
    const spl = '| makeresults | outputcsv a.csv | collect index=x | outputcsv b.csv | sendemail to=a@b.c';
    assert.deepEqual(findRiskyCommands(spl), ['outputcsv', 'collect', 'sendemail']);
  });

  it('flags commands inside subsearches', () => {
    assert.deepEqual(findRiskyCommands('index=a [ search index=b | delete ] | head 1'), ['delete']);
    assert.deepEqual(findRiskyCommands('index=a [| inputlookup x.csv | outputlookup y.csv]'), ['outputlookup']);
    assert.deepEqual(findRiskyCommands('index=a [[search x | sendalert foo]]'), ['sendalert']);
    assert.deepEqual(findRiskyCommands('index=a [dump basefilename=x]'), ['dump']);
  });

  it('ignores the words inside quoted strings, with escaped quotes', () => {
    assert.deepEqual(findRiskyCommands('index=a "| delete"'), []);
    assert.deepEqual(findRiskyCommands('index=a | eval x="he said \\" | delete"'), []);
    assert.deepEqual(findRiskyCommands('index=a | eval x="c:\\\\" | head 1'), []);
    assert.deepEqual(findRiskyCommands('index=a | eval x="c:\\\\" | delete'), ['delete']);
  });

  it('ignores the words inside comments, including multi-line ones', () => {
    assert.deepEqual(findRiskyCommands('index=a ``` | delete ``` | head 1'), []);
    assert.deepEqual(findRiskyCommands('index=a ```\n| outputlookup x.csv\n``` | stats count'), []);
    assert.deepEqual(findRiskyCommands('index=a | ``` note ``` delete'), ['delete'], 'a comment between pipe and command');
  });

  it('ignores field values and search terms', () => {
    assert.deepEqual(findRiskyCommands('index=a action=delete'), []);
    assert.deepEqual(findRiskyCommands('index=a action="delete" | where action!="collect"'), []);
    assert.deepEqual(findRiskyCommands('index=a delete OR script'), []);
    assert.deepEqual(findRiskyCommands('index=a | search delete'), []);
    assert.deepEqual(findRiskyCommands('index=a | stats count by script, run'), []);
    assert.deepEqual(findRiskyCommands('search delete'), []);
  });

  it('ignores risky-looking words that are only prefixes or suffixes', () => {
    assert.deepEqual(findRiskyCommands('index=a | deleted | collection | runtime'), []);
  });

  it('ignores macros (their expansion is unknown)', () => {
    assert.deepEqual(findRiskyCommands('index=a | `delete_things`'), []);
  });

  it('is not fooled by backticks inside strings', () => {
    assert.deepEqual(findRiskyCommands('index=a x="```" | delete'), ['delete']);
  });

  it('returns nothing for empty input', () => {
    assert.deepEqual(findRiskyCommands(''), []);
  });
});
