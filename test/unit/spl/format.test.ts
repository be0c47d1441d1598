import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { formatRangeEdits, formatSpl } from '../../../src/spl/format';
import { tokenize } from '../../../src/spl/tokenize';
import { sharedPath } from '../../support/sharedDir';

const DETECTIONS = sharedPath('datasets', 'spl-detections', 'detections.json');

/** The tokens of a text as kind and exact text, which formatting must not change. */
const tokensOf = (s: string): string[] => tokenize(s).map((t) => `${t.kind}:${s.slice(t.start, t.end)}`);

describe('formatSpl', () => {
  it('puts each command on its own line with the pipe leading', () => {
    assert.equal(formatSpl('index=a  sourcetype=b |stats count by host|   sort - count'), 'index=a sourcetype=b\n| stats count by host\n| sort - count');
    assert.equal(formatSpl('index=a |\n  stats count'), 'index=a\n| stats count');
    assert.equal(formatSpl('| tstats count from datamodel=X by host | where count > 5'), '| tstats count from datamodel=X by host\n| where count > 5');
  });

  it('indents a subsearch that holds a pipeline, and keeps a one-command subsearch inline', () => {
    assert.equal(
      formatSpl('index=a | join host [search index=b | stats count by host] | table host count'),
      'index=a\n| join host [\n    search index=b\n    | stats count by host\n]\n| table host count',
    );
    assert.equal(formatSpl('index=a [| inputlookup hosts.csv | fields host] | stats count'), 'index=a [\n    | inputlookup hosts.csv\n    | fields host\n]\n| stats count');
    assert.equal(formatSpl('index=a [search index=b] | stats count'), 'index=a [search index=b]\n| stats count');
    assert.equal(formatSpl('index=a [| inputlookup hosts.csv]'), 'index=a [| inputlookup hosts.csv]');
    assert.equal(
      formatSpl('a | append [search b | join x [search c | head 1]] | head 2'),
      'a\n| append [\n    search b\n    | join x [\n        search c\n        | head 1\n    ]\n]\n| head 2',
    );
  });

  it('leaves strings, comments and macros untouched, and a comment on its own line where it was', () => {
    const text = 'index=a msg="x  |  y"  `my_macro(a,  b)`\n```  a   comment | not a pipe ```\n| eval  s="a\\"  | b" ```trailing```';
    assert.equal(formatSpl(text), 'index=a msg="x  |  y" `my_macro(a,  b)`\n```  a   comment | not a pipe ```\n| eval s="a\\"  | b" ```trailing```');
  });

  it('keeps blank lines between query blocks as one blank line, and the line breaks of the text', () => {
    assert.equal(formatSpl('index=a | head 1\n\n\n\nindex=b|head 2\n'), 'index=a\n| head 1\n\nindex=b\n| head 2\n');
    assert.equal(formatSpl('index=a | head 1\r\n\r\nindex=b|head 2'), 'index=a\r\n| head 1\r\n\r\nindex=b\r\n| head 2');
    assert.equal(formatSpl('a | b [c | d]', { indent: '\t' }), 'a\n| b [\n\tc\n\t| d\n]');
  });

  it('keeps the line break that ends an unclosed macro call, which would otherwise run on', () => {
    const text = 'index=a `oops\nhost=b | head 1';
    const formatted = formatSpl(text);
    assert.deepEqual(tokensOf(formatted), tokensOf(text));
    assert.equal(formatted, 'index=a `oops\nhost=b\n| head 1');
  });

  it('formats a selection as the whole blocks it touches, and nothing else', () => {
    const text = 'a|b\n\nc|d\n\ne|f\n';
    const edits = formatRangeEdits(text, text.indexOf('c'), text.indexOf('d'));
    assert.deepEqual(edits, [{ start: 5, end: 8, newText: 'c\n| d' }]);
    assert.deepEqual(formatRangeEdits('a\n| b\n', 0, 3), []);
  });

  describe('on the 856 shared detections', () => {
    if (!existsSync(DETECTIONS)) {
      it('needs the shared detections', () => assert.fail(`NOT RUN: the shared detections are missing at ${DETECTIONS}`));
      return;
    }
    const detections = (JSON.parse(readFileSync(DETECTIONS, 'utf8')) as Array<{ file: string; search: string }>);

    it('keeps every token, and formatting twice equals formatting once', () => {
      assert.ok(detections.length > 800);
      const changedTokens: string[] = [];
      const notIdempotent: string[] = [];
      for (const d of detections) {
        const once = formatSpl(d.search);
        if (JSON.stringify(tokensOf(once)) !== JSON.stringify(tokensOf(d.search))) changedTokens.push(d.file);
        if (formatSpl(once) !== once) notIdempotent.push(d.file);
      }
      assert.deepEqual(changedTokens, [], 'tokens changed');
      assert.deepEqual(notIdempotent, [], 'a second format changed the text');
    });

    it('formats all of them in one file block by block, as each alone', () => {
      const all = detections.map((d) => d.search).join('\n\n');
      assert.equal(formatSpl(all), detections.map((d) => formatSpl(d.search)).join('\n\n'));
    });
  });
});
