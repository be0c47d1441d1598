import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { expandMacros, findMacroCalls, MacroFileError, MacroTable, parseMacrosConf, parseMacrosJson, splitMacroArgs } from '../../../src/spl/macros';
import { sharedPath } from '../../support/sharedDir';

const CONF = `
# comment
[default]

[sysmon]
definition = sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational

[security_content_ctime(1)]
args = field
definition = convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)
description = converts

[two(2)]
args = a, b
definition = eval $a$=$b$ \\
| fields $a$
`;

describe('macros', () => {
  it('reads macros.conf: stanzas with arity, args, continuation lines, [default] and comments', () => {
    const defs = parseMacrosConf(CONF);
    assert.deepEqual(defs.map((d) => [d.name, d.args, d.definition]), [
      ['sysmon', [], 'sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational'],
      ['security_content_ctime', ['field'], 'convert timeformat="%Y-%m-%dT%H:%M:%S" ctime($field$)'],
      ['two', ['a', 'b'], 'eval $a$=$b$ \n| fields $a$'],
    ]);
  });

  it('rejects a stanza whose args do not match its arity, with the line', () => {
    assert.throws(() => parseMacrosConf('[m(2)]\nargs = a\ndefinition = x'), (e: unknown) => e instanceof MacroFileError && e.line === 1 && /names 1 argument \(a\), expected 2/.test(e.message));
    assert.throws(() => parseMacrosConf('[m]\nargs'), /expected 'key = value'/);
  });

  it('reads the JSON form of the shared macros.json', () => {
    const table = new MacroTable(parseMacrosJson(readFileSync(sharedPath('datasets', 'spl-detections', 'macros.json'), 'utf8')));
    assert.equal(table.get('security_content_ctime', 1)?.args[0], 'field');
    assert.equal(table.get('drop_dm_object_name', 1)?.definition, 'rename $object$.* AS *');
    assert.throws(() => parseMacrosJson('{"m(1)": [[], "x"]}'), /names 0 arguments/);
    assert.throws(() => parseMacrosJson('[1]'), /expected an object/);
  });

  const table = new MacroTable(parseMacrosConf(CONF + '\n[outer(1)]\nargs = f\ndefinition = `sysmon` | `security_content_ctime($f$)`\n[loop]\ndefinition = `loop2`\n[loop2]\ndefinition = `loop`\n'));

  it('expands recursively with argument substitution, keeping quoted text and removing comments', () => {
    const r = expandMacros('`outer(firstTime)` ```a `comment` ``` | eval s="`sysmon`"', table);
    assert.equal(r.error, undefined);
    assert.equal(r.text, 'sourcetype=XmlWinEventLog:Microsoft-Windows-Sysmon/Operational | convert timeformat="%Y-%m-%dT%H:%M:%S" ctime(firstTime)   | eval s="`sysmon`"');
  });

  it('binds arguments by name when every argument names one', () => {
    assert.equal(expandMacros('`two(b=y, a=x)`', table).text, 'eval x=y \n| fields x');
    assert.equal(expandMacros('`two(y, x)`', table).text, 'eval y=x \n| fields y');
  });

  it('splits arguments at commas outside quotes and parentheses', () => {
    assert.deepEqual(splitMacroArgs(' a , "b,c", f(x, y) '), ['a', '"b,c"', 'f(x, y)']);
    assert.deepEqual(splitMacroArgs(''), []);
  });

  it('names an undefined macro with the range of its call, and the arities it has', () => {
    const r = expandMacros('search x | `nope` | `sysmon(1)`', table);
    assert.deepEqual(r.error, { message: "The macro 'nope(0)' is not defined.", start: 11, end: 17 });
    assert.equal(r.text, 'search x | `nope` | `sysmon(1)`');
    assert.match(expandMacros('`sysmon(1)`', table).error!.message, /'sysmon\(1\)' is not defined; it is defined with 0 arguments/);
    assert.match(expandMacros('`outer(`', table).error!.message, /Invalid macro call|Unclosed/);
  });

  it('detects cycles and limits the expanded size', () => {
    assert.match(expandMacros('`loop`', table).error!.message, /'loop\(0\)' expands to itself \('loop\(0\)' → 'loop2\(0\)' → 'loop\(0\)'\)/);
    const big = new MacroTable([{ name: 'a', args: [], definition: 'x'.repeat(100) }, { name: 'b', args: [], definition: '`a``a``a``a`' }]);
    assert.match(expandMacros('`b``b``b`', big, { maxLength: 1000 }).error!.message, /longer than 1,000 characters/);
  });

  it('uses the fallback for macros the table lacks, and lists calls for the language service', () => {
    const r = expandMacros('x | `rule_filter`', table, { fallback: (n) => (n.endsWith('_filter') ? { name: n, args: [], definition: 'search *' } : undefined) });
    assert.equal(r.text, 'x | search *');
    assert.deepEqual(findMacroCalls('a `m(1, "x`y")` "`q`" ```c `z` ```'), [{ name: 'm', args: ['1', '"x`y"'], start: 2, end: 15 }]);
  });
});
