import assert from 'node:assert/strict';
import { findCommentSpans, stripComments, stripCommentsInRange } from '../../../src/spl';

describe('stripComments', () => {
  it('removes inline, whole-line and multi-line comments', () => {
    const spl = [
      '``` hunt: encoded PowerShell ```',
      'index=sysmon EventCode=1 ``` process creation ```',
      '| where match(CommandLine, "-enc") ``` starts',
      'and ends ``` | table Image',
    ].join('\n');
    assert.equal(stripComments(spl), 'index=sysmon EventCode=1\n| where match(CommandLine, "-enc")\n| table Image');
  });

  it('keeps genuinely blank lines and text without comments unchanged', () => {
    assert.equal(stripComments('index=a\n\n| head 1'), 'index=a\n\n| head 1');
  });

  it('keeps macros and backticks inside strings', () => {
    const spl = '`cim_Endpoint_indexes` x="```" y="\\"```" `m("a")`';
    assert.equal(stripComments(spl), spl);
  });

  it('closes a string at an escaped backslash before the quote', () => {
    assert.equal(stripComments('x="c:\\\\" ``` gone ``` | head 1'), 'x="c:\\\\"   | head 1');
  });

  it('stops an unclosed string at a blank line so later comments are still found', () => {
    const spl = 'x="unclosed\n\n``` comment ``` index=b';
    const start = spl.indexOf('```');
    assert.deepEqual(findCommentSpans(spl), [{ start, end: start + '``` comment ```'.length }]);
  });

  it('uses whole-text state when stripping a range', () => {
    const spl = 'a ``` one\ntwo ``` b';
    const from = spl.indexOf('two');
    assert.equal(stripCommentsInRange(spl, from, spl.length), 'b');
    assert.equal(stripCommentsInRange(spl, 0, spl.indexOf('\n')), 'a');
  });
});
