import assert from 'node:assert/strict';
import { normalizeQuery, REASON_EMPTY_QUERY } from '../../../src/spl';

function query(spl: string): string {
  const r = normalizeQuery(spl);
  if (!r.ok) assert.fail(r.reason);
  return r.query;
}

describe('normalizeQuery', () => {
  it('prepends search to a query that starts with a search term', () => {
    assert.equal(query('index=main | head 1'), 'search index=main | head 1');
    assert.equal(query('`sysmon` EventCode=1'), 'search `sysmon` EventCode=1');
    assert.equal(query('(a OR b)'), 'search (a OR b)');
    assert.equal(query('NOT x'), 'search NOT x');
  });

  it('keeps a leading pipe, after trimming', () => {
    assert.equal(query('  \n| makeresults count=1\n'), '| makeresults count=1');
    assert.equal(query('|tstats count'), '|tstats count');
  });

  it('keeps search in any case when followed by whitespace or the end', () => {
    assert.equal(query('search index=a'), 'search index=a');
    assert.equal(query('SEARCH index=a'), 'SEARCH index=a');
    assert.equal(query('Search\tindex=a'), 'Search\tindex=a');
    assert.equal(query('search\nindex=a'), 'search\nindex=a');
    assert.equal(query('search'), 'search');
  });

  it('prefixes words that only start with "search"', () => {
    assert.equal(query('searchfoo'), 'search searchfoo');
    assert.equal(query('search_term=1'), 'search search_term=1');
    assert.equal(query('search=1'), 'search search=1');
  });

  it('rejects an empty or blank query', () => {
    assert.deepEqual(normalizeQuery(''), { ok: false, reason: REASON_EMPTY_QUERY });
    assert.deepEqual(normalizeQuery(' \r\n\t'), { ok: false, reason: REASON_EMPTY_QUERY });
  });
});
