import assert from 'node:assert/strict';
import { commandNames, distinctStrings, indexNames, macroDefinitions, MAX_ENTRIES } from '../../../../src/search/splunk/catalog';

describe('Splunk catalog answers (indexes, commands, macros)', () => {
  it('reads index names, leaving disabled ones out', () => {
    const body = { entry: [{ name: 'main', content: { disabled: false } }, { name: 'old', content: { disabled: true } }, { name: '_internal', content: {} }] };
    assert.deepEqual(indexNames(body), ['main', '_internal']);
  });

  it('reads command names in lower case', () => {
    assert.deepEqual(commandNames({ entry: [{ name: 'Stats' }, { name: 'fit' }] }), ['stats', 'fit']);
  });

  it('reads macros with their arguments and definitions, numbered stanzas included', () => {
    const body = { entry: [
      { name: 'security_content_ctime(1)', content: { args: 'field', definition: 'convert ctime($field$)' } },
      { name: 'sysmon', content: { definition: 'index=sysmon' } },
      { name: 'two(2)', content: { args: 'a', definition: '$a$' } },
      { name: 'off', content: { disabled: '1', definition: 'x' } },
    ] };
    assert.deepEqual(macroDefinitions(body, 'prod'), [
      { name: 'security_content_ctime', args: ['field'], definition: 'convert ctime($field$)', source: 'prod' },
      { name: 'sysmon', args: [], definition: 'index=sysmon', source: 'prod' },
      { name: 'two', args: ['a', 'arg2'], definition: '$a$', source: 'prod' },
    ]);
  });

  it('refuses answers of the wrong shape and drops entries that are not names', () => {
    assert.throws(() => indexNames('<html>'), /not a JSON object/);
    assert.throws(() => indexNames({ entries: [] }), /no entry list/);
    const hostile = { entry: [null, 7, { name: 42 }, { name: '' }, { name: 'x'.repeat(201) }, { name: 'ok', content: 'not an object' }, { name: 'm', content: { definition: { toString: 'x' }, args: 3 } }] };
    assert.deepEqual(indexNames(hostile), ['ok', 'm']);
    assert.deepEqual(macroDefinitions(hostile, 's').map((m) => [m.name, m.definition, m.args]), [['ok', '', []], ['m', '', []]]);
    assert.equal(commandNames({ entry: Array.from({ length: MAX_ENTRIES + 10 }, (_, i) => ({ name: `c${i}` })) }).length, MAX_ENTRIES);
    assert.deepEqual(distinctStrings(['a', 'a', null, ['b'], '', 'c']), ['a', 'c']);
  });
});
