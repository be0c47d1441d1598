import assert from 'node:assert/strict';
import { findCommentSpans, stripComments, stripCommentsInRange, tokenize } from '../../../src/spl';

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

describe('findCommentSpans', () => {
  it('agrees with the lexer on random text built from the characters that matter', () => {
    const alphabet = ['`', '```', '"', '\\', '\n', '\n\n', '\r\n', ' ', '  \n', 'a', '|', '[', ']', '='];
    let seed = 12345;
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    for (let n = 0; n < 3000; n++) {
      let text = '';
      const len = 1 + Math.floor(random() * 40);
      for (let k = 0; k < len; k++) text += alphabet[Math.floor(random() * alphabet.length)];
      const fromLexer = tokenize(text)
        .filter((t) => t.kind === 'comment')
        .map((t) => ({ start: t.start, end: t.end }));
      assert.deepEqual(findCommentSpans(text), fromLexer, JSON.stringify(text));
    }
  });
});
