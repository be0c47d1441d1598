import assert from 'node:assert/strict';
import { applyFilter, filterClause, quoteSplString, QueryEditError } from '../../../src/spl/queryEdit';
import { tokenize } from '../../../src/spl/tokenize';
import { normalizeQuery, stripComments } from '../../../src/spl';
import { run } from '../engine/helpers';

const add = (q: string, field: string, value: string | null) => applyFilter(q, { field, value, exclude: false }).text;
const exclude = (q: string, field: string, value: string | null) => applyFilter(q, { field, value, exclude: true }).text;

/** The string tokens of SPL text, read back the way Splunk unescapes them. */
function strings(spl: string): string[] {
  return tokenize(spl).filter((t) => t.kind === 'string').map((t) => spl.slice(t.start + 1, t.end - 1).replace(/\\(.)/g, '$1'));
}

describe('queryEdit', () => {
  describe('where the term goes', () => {
    it('ends the base search, before the first pipe', () => {
      assert.equal(exclude('index=sysmon EventCode=1 | table _time host Image', 'Image', 'C:\\Windows\\explorer.exe'),
        'index=sysmon EventCode=1 NOT Image="C:\\\\Windows\\\\explorer.exe" | table _time host Image');
      assert.equal(add('search index=main', 'host', 'web-01'), 'search index=main host="web-01"');
    });

    it('skips pipes inside strings, subsearches and comments', () => {
      assert.equal(add('index=a "x | y" [search index=b | head 1] ```a | b``` | head 5', 'host', 'h'),
        'index=a "x | y" [search index=b | head 1] host="h" ```a | b``` | head 5');
    });

    it('becomes a | search clause after commands that make fields, and for generating commands', () => {
      assert.equal(add('index=sysmon | stats count by Image', 'Image', 'a.exe'), 'index=sysmon | stats count by Image | search Image="a.exe"');
      assert.equal(exclude('index=x | eval risk=1', 'risk', '1'), 'index=x | eval risk=1 | search NOT risk="1"');
      assert.equal(add('| makeresults count=3 | eval n=1', 'n', '1'), '| makeresults count=3 | eval n=1 | search n="1"');
      assert.equal(exclude('| tstats count where index=* by host', 'host', 'dc1'), '| tstats count where index=* by host | search NOT host="dc1"');
    });

    it('goes before a trailing comment, so an unclosed comment cannot swallow it', () => {
      assert.equal(add('| makeresults ```note', 'a', 'b'), '| makeresults | search a="b" ```note');
    });
  });

  describe('quoting hostile values', () => {
    const hostile = [
      'a"b',
      'ends with backslash\\',
      '\\"',
      '" OR 1=1 OR "',
      '" | delete | search "',
      '`macro`',
      'tab\there',
      '[search index=secret]',
      'NOT',
      '',
      'ﬁ unicode ✓ ‮rtl',
    ];
    for (const value of hostile) {
      it(`keeps ${JSON.stringify(value)} one string that reads back as itself`, () => {
        const out = exclude('index=main | table x', 'CommandLine', value);
        const inserted = out.slice('index=main'.length, out.indexOf(' | table x'));
        assert.deepEqual(strings(inserted), [value]);
        // Nothing escapes the string: the pipeline still has exactly one pipe, after the term.
        assert.equal(tokenize(out).filter((t) => t.kind === 'pipe').length, 1);
        assert.ok(normalizeQuery(stripComments(out)).ok);
      });
    }

    it('writes values with * through where, where * is literal', () => {
      assert.equal(add('index=a', 'CommandLine', 'dir *.txt'), 'index=a | where \'CommandLine\'="dir *.txt"');
      assert.equal(exclude('index=a', 'CommandLine', '*'), 'index=a | where (isnull(\'CommandLine\') OR \'CommandLine\'!="*")');
    });

    it('refuses values no quoting makes safe, with the reason', () => {
      assert.throws(() => add('index=a', 'f', 'line1\nline2'), (e) => e instanceof QueryEditError && /line break/.test(e.message));
      assert.throws(() => add('index=a', 'f', 'a\r'), QueryEditError);
      assert.throws(() => add('index=a', 'f', 'x```y'), /comment mark/);
      assert.throws(() => add('index=a', 'f', 'nul\0'), /NUL/);
    });
  });

  describe('field names', () => {
    it('writes plain names as they are, JSON paths included', () => {
      assert.equal(filterClause({ field: 'a.b{}.c', value: 'v', exclude: false }).clause, 'a.b{}.c="v"');
      assert.equal(filterClause({ field: 'tag::eventtype', value: 'v', exclude: true }).clause, 'NOT tag::eventtype="v"');
    });

    it('quotes other names as eval field names, in a where clause', () => {
      assert.equal(add('index=a | table x', 'Process Name', 'cmd.exe'), 'index=a | table x | where \'Process Name\'="cmd.exe"');
      assert.equal(add('index=a', '1st', 'x'), 'index=a | where \'1st\'="x"');
      assert.equal(add('index=a', 'a=b', 'x'), 'index=a | where \'a=b\'="x"');
    });

    it('refuses names that no quoting can hold', () => {
      for (const field of ["it's", 'back\\slash', 'tick`', 'new\nline', '']) {
        assert.throws(() => add('index=a', field, 'x'), QueryEditError, JSON.stringify(field));
      }
    });
  });

  describe('absent values', () => {
    it('adds NOT field=* to keep rows without the field, field=* to drop them', () => {
      assert.equal(add('index=a', 'user', null), 'index=a NOT user=*');
      assert.equal(exclude('index=a', 'user', null), 'index=a user=*');
      assert.equal(add('index=a', 'odd name', null), 'index=a | where isnull(\'odd name\')');
    });
  });

  it('quoteSplString escapes backslashes before quotes', () => {
    assert.equal(quoteSplString('a\\"b'), '"a\\\\\\"b"');
  });
});

describe('queryEdit, run by the engine', () => {
  // Values as attackers write them into events: quotes, backslashes, pipes, wildcards.
  const events = [
    { _raw: 'a', _time: '1', CommandLine: 'cmd /c "echo | x" \\\\share\\', host: 'h1' },
    { _raw: 'b', _time: '2', CommandLine: 'dir *.txt', host: 'h1' },
    { _raw: 'c', _time: '3', CommandLine: 'dir a.txt', host: 'h2' },
    { _raw: 'd', _time: '4', host: 'h2' },
  ];
  const count = async (q: string) => (await run(normalized(q), events)).rows.length;
  const normalized = (q: string) => {
    const n = normalizeQuery(stripComments(q));
    assert.ok(n.ok);
    return n.query;
  };

  it('Exclude drops exactly the rows with that value, and keeps rows without the field', async () => {
    assert.equal(await count(exclude('host=*', 'CommandLine', 'cmd /c "echo | x" \\\\share\\')), 3);
    assert.equal(await count(exclude('host=*', 'CommandLine', 'dir *.txt')), 3);
    assert.equal(await count(add('host=*', 'CommandLine', 'dir *.txt')), 1);
    assert.equal(await count(add('host=* | table host CommandLine', 'CommandLine', 'cmd /c "echo | x" \\\\share\\')), 1);
    assert.equal(await count(add('host=*', 'CommandLine', null)), 1);
    assert.equal(await count(exclude('host=* | stats count by host', 'host', 'h1')), 1);
  });
});
