import assert from 'node:assert/strict';
import {
  queryAtCursor,
  queryBlocks,
  REASON_BLANK_LINE,
  REASON_EMPTY_DOCUMENT,
  REASON_EMPTY_SELECTION,
  REASON_ONLY_COMMENT,
  type QueryAtCursorResult,
} from '../../../src/spl';

function ok(r: QueryAtCursorResult): Extract<QueryAtCursorResult, { ok: true }> {
  if (!r.ok) assert.fail(`expected a query, got: ${r.reason}`);
  return r;
}

const DOC = [
  'index=sysmon EventCode=1',
  '| stats count by Image',
  '',
  '| makeresults count=3',
  '| eval x=1',
  '',
  'index=main error',
].join('\n');

describe('queryAtCursor', () => {
  describe('blocks separated by blank lines', () => {
    it('returns the block around the cursor with its range', () => {
      const r = ok(queryAtCursor(DOC, { line: 1, character: 4 }));
      assert.equal(r.source, 'block');
      assert.equal(r.query, 'index=sysmon EventCode=1\n| stats count by Image');
      assert.equal(r.text, r.query);
      assert.deepEqual(r.range.start, { line: 0, character: 0 });
      assert.deepEqual(r.range.end, { line: 1, character: 22 });
      assert.equal(r.range.startOffset, 0);
      assert.equal(r.range.endOffset, DOC.indexOf('\n\n'));
    });

    it('finds the middle block from its first line and keeps a leading pipe', () => {
      const r = ok(queryAtCursor(DOC, { line: 3, character: 0 }));
      assert.equal(r.query, '| makeresults count=3\n| eval x=1');
      assert.equal(r.range.start.line, 3);
      assert.equal(r.range.end.line, 4);
    });

    it('accepts an offset instead of a position', () => {
      const offset = DOC.indexOf('index=main');
      const r = ok(queryAtCursor(DOC, offset + 3));
      assert.equal(r.query, 'index=main error');
      assert.equal(r.range.start.line, 6);
    });

    it('treats whitespace-only lines as block separators', () => {
      const doc = 'index=a\n   \t\nindex=b\n  \n';
      assert.equal(ok(queryAtCursor(doc, { line: 0, character: 0 })).query, 'index=a');
      assert.equal(ok(queryAtCursor(doc, { line: 2, character: 2 })).query, 'index=b');
    });

    it('explains a cursor on a blank line', () => {
      assert.deepEqual(queryAtCursor(DOC, { line: 2, character: 0 }), { ok: false, reason: REASON_BLANK_LINE });
    });

    it('explains a cursor on a whitespace-only line', () => {
      const r = queryAtCursor('index=a\n    \nindex=b', { line: 1, character: 2 });
      assert.deepEqual(r, { ok: false, reason: REASON_BLANK_LINE });
    });

    it('explains an empty document and a whitespace-only document', () => {
      assert.deepEqual(queryAtCursor('', 0), { ok: false, reason: REASON_EMPTY_DOCUMENT });
      assert.deepEqual(queryAtCursor(' \n\t\n', { line: 1, character: 0 }), { ok: false, reason: REASON_EMPTY_DOCUMENT });
    });

    it('handles a cursor at the very end of the file', () => {
      const doc = 'index=a\n\nindex=b | head 1';
      const r = ok(queryAtCursor(doc, doc.length));
      assert.equal(r.query, 'index=b | head 1');
      assert.deepEqual(r.range.end, { line: 2, character: 16 });
    });

    it('reports a blank line when the file ends with a newline and the cursor sits after it', () => {
      const doc = 'index=a\n';
      assert.deepEqual(queryAtCursor(doc, doc.length), { ok: false, reason: REASON_BLANK_LINE });
      assert.equal(ok(queryAtCursor(doc, doc.length - 1)).query, 'index=a');
    });

    it('clamps a cursor past the last line or character', () => {
      const r = ok(queryAtCursor('index=a\nindex=b', { line: 99, character: 99 }));
      assert.equal(r.query, 'index=a\nindex=b');
    });
  });

  describe('CRLF', () => {
    const crlf = DOC.replace(/\n/g, '\r\n');

    it('finds the same blocks and reports offsets in the CRLF text', () => {
      const r = ok(queryAtCursor(crlf, { line: 4, character: 3 }));
      assert.equal(r.query, '| makeresults count=3\n| eval x=1');
      assert.equal(r.text, '| makeresults count=3\r\n| eval x=1');
      assert.equal(crlf.slice(r.range.startOffset, r.range.endOffset), r.text);
      assert.deepEqual(r.range.start, { line: 3, character: 0 });
      assert.deepEqual(r.range.end, { line: 4, character: 10 });
    });

    it('sees a blank CRLF line as blank', () => {
      assert.deepEqual(queryAtCursor(crlf, { line: 2, character: 0 }), { ok: false, reason: REASON_BLANK_LINE });
    });

    it('maps an offset between \\r and \\n to the end of its line', () => {
      const doc = 'index=a\r\n\r\nindex=b';
      const r = ok(queryAtCursor(doc, 8));
      assert.equal(r.query, 'index=a');
    });
  });

  describe('selection', () => {
    it('prefers a non-empty selection over the block', () => {
      const start = { line: 0, character: 0 };
      const end = { line: 0, character: 24 };
      const r = ok(queryAtCursor(DOC, end, { start, end }));
      assert.equal(r.source, 'selection');
      assert.equal(r.query, 'index=sysmon EventCode=1');
      assert.deepEqual(r.range.start, start);
      assert.deepEqual(r.range.end, end);
    });

    it('accepts a reversed selection', () => {
      const r = ok(queryAtCursor(DOC, 0, { start: { line: 1, character: 22 }, end: { line: 1, character: 2 } }));
      assert.equal(r.query, 'stats count by Image');
      assert.deepEqual(r.range.start, { line: 1, character: 2 });
      assert.deepEqual(r.range.end, { line: 1, character: 22 });
    });

    it('falls back to the block when the selection is empty', () => {
      const here = { line: 6, character: 4 };
      const r = ok(queryAtCursor(DOC, here, { start: here, end: here }));
      assert.equal(r.source, 'block');
      assert.equal(r.query, 'index=main error');
    });

    it('may span several blocks', () => {
      const r = ok(queryAtCursor(DOC, 0, { start: 0, end: DOC.length }));
      assert.equal(r.query, DOC);
    });

    it('strips comments from a selection, with comment state from the whole document', () => {
      const doc = '``` starts before the selection\nstill comment ``` index=a | head 1';
      const start = doc.indexOf('still');
      const r = ok(queryAtCursor(doc, start, { start, end: doc.length }));
      assert.equal(r.query, 'index=a | head 1');
    });

    it('explains a selection that holds only a comment or whitespace', () => {
      const doc = '``` just a note ```\n\nindex=a';
      assert.deepEqual(queryAtCursor(doc, 0, { start: 0, end: 19 }), { ok: false, reason: REASON_EMPTY_SELECTION });
      assert.deepEqual(queryAtCursor(doc, 0, { start: 19, end: 21 }), { ok: false, reason: REASON_EMPTY_SELECTION });
    });
  });

  describe('comments', () => {
    it('strips a comment on its own line and keeps the query lines', () => {
      const doc = '``` Sysmon process creation ```\nindex=sysmon EventCode=1\n| table Image';
      const r = ok(queryAtCursor(doc, { line: 1, character: 0 }));
      assert.equal(r.query, 'index=sysmon EventCode=1\n| table Image');
      assert.equal(r.text, doc);
      assert.equal(r.range.start.line, 0, 'the range still covers the comment line, for the CodeLens');
    });

    it('strips an inline comment without gluing words together', () => {
      const r = ok(queryAtCursor('index=a```x```sourcetype=b | head 1', 0));
      assert.equal(r.query, 'index=a sourcetype=b | head 1');
    });

    it('strips a comment spanning lines inside the block', () => {
      const doc = 'index=a ``` first line\nsecond line\nthird ``` | head 5';
      assert.equal(ok(queryAtCursor(doc, { line: 1, character: 0 })).query, 'index=a\n| head 5');
    });

    it('counts a block made only of comments as empty', () => {
      const doc = '``` note one ```\n``` note two\nstill note ```\n\nindex=a';
      assert.deepEqual(queryAtCursor(doc, { line: 1, character: 3 }), { ok: false, reason: REASON_ONLY_COMMENT });
    });

    it('handles a comment that started in an earlier block and ends inside this one', () => {
      const doc = 'index=a\n``` this comment\n\ncrosses the blank line ```\n| makeresults';
      const first = ok(queryAtCursor(doc, { line: 0, character: 0 }));
      assert.equal(first.query, 'index=a');
      const second = ok(queryAtCursor(doc, { line: 4, character: 0 }));
      assert.equal(second.query, '| makeresults', 'the text before ``` is still comment');
    });

    it('handles a comment that starts in this block and continues past the blank line', () => {
      const doc = 'index=a ``` opens here\n\nand closes ``` index=b';
      assert.equal(ok(queryAtCursor(doc, 0)).query, 'index=a');
      assert.equal(ok(queryAtCursor(doc, { line: 2, character: 0 })).query, 'index=b');
    });

    it('treats a block inside a long comment as comment-only', () => {
      const doc = '``` opens\n\nmiddle of the comment\n\ncloses ```\nindex=a';
      assert.deepEqual(queryAtCursor(doc, { line: 2, character: 0 }), { ok: false, reason: REASON_ONLY_COMMENT });
      assert.equal(ok(queryAtCursor(doc, { line: 5, character: 0 })).query, 'index=a');
    });

    it('runs an unclosed comment to the end of the document', () => {
      const doc = 'index=a\n``` unclosed\n\nindex=b';
      assert.equal(ok(queryAtCursor(doc, 0)).query, 'index=a');
      assert.deepEqual(queryAtCursor(doc, { line: 3, character: 0 }), { ok: false, reason: REASON_ONLY_COMMENT });
    });

    it('does not treat backticks inside quoted strings as comment markers', () => {
      const doc = 'index=a CommandLine="*```*" | eval s="a \\" ``` b" | head 1';
      assert.equal(ok(queryAtCursor(doc, 0)).query, doc);
    });

    it('keeps single-backtick macros', () => {
      const doc = '`sysmon` EventCode=1 `security_content_ctime(firstTime)` ``` a comment ```';
      assert.equal(ok(queryAtCursor(doc, 0)).query, '`sysmon` EventCode=1 `security_content_ctime(firstTime)`');
    });

    it('strips comments across CRLF lines', () => {
      const doc = 'index=a ```x\r\ny``` | head 1\r\n\r\nindex=b';
      assert.equal(ok(queryAtCursor(doc, 0)).query, 'index=a\n| head 1');
    });
  });
});

describe('queryBlocks', () => {
  it('lists every query block with its range, skipping comment-only blocks', () => {
    const doc = '``` header ```\n\nindex=a\n| head 1\n\n\n``` note ```\n| makeresults\n\n```only\ncomment```\n';
    const blocks = queryBlocks(doc);
    assert.deepEqual(
      blocks.map((b) => [b.query, b.range.start.line, b.range.end.line]),
      [
        ['index=a\n| head 1', 2, 3],
        ['| makeresults', 6, 7],
      ],
    );
  });

  it('returns nothing for an empty or blank document', () => {
    assert.deepEqual(queryBlocks(''), []);
    assert.deepEqual(queryBlocks('\n  \n\t'), []);
  });

  it('agrees with queryAtCursor on every line of a CRLF document', () => {
    const doc = DOC.replace(/\n/g, '\r\n');
    const blocks = queryBlocks(doc);
    assert.equal(blocks.length, 3);
    for (const b of blocks) {
      for (let line = b.range.start.line; line <= b.range.end.line; line++) {
        const r = ok(queryAtCursor(doc, { line, character: 0 }));
        assert.deepEqual(r.range, b.range);
        assert.equal(r.query, b.query);
      }
    }
  });
});
