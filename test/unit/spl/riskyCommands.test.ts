import assert from 'node:assert/strict';
import { findRiskyCommands, reviewRisk, riskConfirmation, RISKY_COMMANDS } from '../../../src/spl';

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

  it('covers the commands outside the safeguard list that write or act outside the search', () => {
    for (const name of ['summaryindex', 'dbxoutput', 'dbxquery', 'fit', 'deletemodel', 'ai', 'aiagent']) {
      assert.deepEqual(findRiskyCommands(`index=a | ${name} x=1`), [name], name);
    }
    assert.deepEqual(findRiskyCommands('| dbxquery connection=hr query="DELETE FROM staff"'), ['dbxquery']);
  });

  it('leaves commands that only shape results alone', () => {
    for (const name of ['sistats', 'sichart', 'outputtext', 'inputlookup', 'rest', 'stats']) {
      assert.deepEqual(findRiskyCommands(`index=a | ${name} x`), [], name);
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

describe('riskConfirmation', () => {
  it('asks nothing for a query without risky commands, macros or not', () => {
    assert.equal(riskConfirmation(reviewRisk('index=a | stats count')), undefined);
    assert.equal(riskConfirmation(reviewRisk('`sysmon` EventCode=1 | `drop_dm_object_name(x)`')), undefined);
  });

  it('names the risky commands', () => {
    assert.equal(
      riskConfirmation(reviewRisk('index=a | summaryindex index=s | outputlookup x.csv')),
      'This search uses "summaryindex", "outputlookup", which can change data or act outside the search. Run it?',
    );
  });

  it('says when macros could hide more risky commands, naming them once each', () => {
    const review = reviewRisk('`sysmon` EventCode=1 | `enrich(host)` | collect index=s | `sysmon`');
    assert.deepEqual(review.macros, ['`sysmon`', '`enrich(host)`']);
    const text = riskConfirmation(review)!;
    assert.match(text, /"collect"/);
    assert.match(text, /macros `sysmon`, `enrich\(host\)`, which the server expands and which could hide more such commands/);
  });

  it('does not take a comment or a quoted backtick for a macro', () => {
    assert.deepEqual(reviewRisk('index=a ``` `x` ``` | eval y="`z`" | delete').macros, []);
  });

  it('names a few macros and counts the rest', () => {
    const text = riskConfirmation(reviewRisk('`a` `b` `c` `d` `e` | delete'))!;
    assert.match(text, /macros `a`, `b`, `c` and 2 more,/);
  });
});
