import assert from 'node:assert/strict';
import { neutraliseFormula, needsNeutralising, neutraliseSegments, FORMULA_TRIGGER } from '../../../src/results/neutralise';

describe('neutraliseFormula', () => {
  const triggers = ['=', '+', '-', '@', '\t', '\r', '\n', '\0', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'];

  for (const t of triggers) {
    it(`prefixes a value starting with ${JSON.stringify(t)}`, () => {
      assert.equal(neutraliseFormula(`${t}cmd|' /C calc'!A0`), `'${t}cmd|' /C calc'!A0`);
    });
  }

  it('catches multi-line formulas that papaparse\'s default pattern misses', () => {
    assert.equal(neutraliseFormula('=HYPERLINK("http://x")\nline2'), '\'=HYPERLINK("http://x")\nline2');
    assert.equal(neutraliseFormula('\n=1+1'), "'\n=1+1");
    assert.equal(neutraliseFormula('=1+1\r\n'), "'=1+1\r\n");
  });

  it('gives the same answer on repeated calls (no stateful g flag)', () => {
    assert.equal(FORMULA_TRIGGER.flags.includes('g'), false);
    for (let i = 0; i < 5; i++) assert.equal(needsNeutralising('=A1'), true);
  });

  it('leaves ordinary text, embedded triggers, and plain numbers alone', () => {
    for (const v of ['', 'cmd.exe', 'a=b', 'C:\\Windows\\System32\\netsh.exe', ' =1+1', "'=already", '-1', '+3.5', '-2e-3', '.5', '42']) {
      assert.equal(neutraliseFormula(v), v, v);
    }
  });

  it('still prefixes formula-like values that merely start like a number', () => {
    for (const v of ['-1+1', '-2+3+cmd|\' /C calc\'!A0', '+1)', '-', '@SUM(A1:A2)', '-enc SQBFAFgA']) {
      assert.equal(neutraliseFormula(v), `'${v}`, v);
    }
  });
});

describe('neutraliseSegments', () => {
  it('checks every line and every tab-separated segment of an unquoted list', () => {
    assert.equal(neutraliseSegments('ok\n=cmd\r\n@x\tfine\t+y'), "ok\n'=cmd\r\n'@x\tfine\t'+y");
    assert.equal(neutraliseSegments('-5\n-a'), "-5\n'-a");
    assert.equal(neutraliseSegments('=single'), "'=single");
    assert.equal(neutraliseSegments('plain'), 'plain');
  });
});
