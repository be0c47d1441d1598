import assert from 'node:assert/strict';
import { parseProfile } from '../../../src/search/connections/profile';
import { defaultWebUrl, jobWebUrl, parseWebUrl } from '../../../src/search/connections/webUrl';
import { jobDetailsText, printable } from '../../../src/search/jobDetails';
import { DEFAULT_SEARCH_MODE, parseSearchMode } from '../../../src/search/searchMode';

describe('Splunk Web address', () => {
  it('defaults to the management host on port 8000 with the same scheme', () => {
    assert.equal(defaultWebUrl('https://splunk.example.com:8089'), 'https://splunk.example.com:8000');
    assert.equal(defaultWebUrl('http://127.0.0.1:8089'), 'http://127.0.0.1:8000');
    assert.equal(defaultWebUrl('https://[::1]:8089'), 'https://[::1]:8000');
  });

  it('links a job by its sid, escaped', () => {
    assert.equal(jobWebUrl('https://w:8000/', 'a b&c', 'my app'), 'https://w:8000/app/my%20app/search?sid=a%20b%26c');
  });

  it('takes a profile webUrl, refusing credentials and non-http schemes', () => {
    const base = { id: 'p', label: 'P', url: 'https://s:8089', auth: 'token' };
    assert.equal(parseProfile({ ...base, webUrl: 'https://web.example.com/en-US/' }).webUrl, 'https://web.example.com/en-US');
    assert.throws(() => parseProfile({ ...base, webUrl: 'javascript:alert(1)' }), /webUrl must be https/);
    assert.throws(() => parseProfile({ ...base, webUrl: 'https://u:p@w' }), /no credentials/);
    assert.equal(parseWebUrl('not a url').ok, false);
  });
});

describe('search mode', () => {
  it('accepts Splunk\'s three modes and defaults to verbose', () => {
    assert.equal(parseSearchMode('fast'), 'fast');
    assert.equal(parseSearchMode('FAST'), undefined);
    assert.equal(DEFAULT_SEARCH_MODE, 'verbose');
  });
});

describe('jobDetailsText', () => {
  const input = {
    query: 'search index=main\n| head 1', target: 'prod', kind: 'splunk' as const, state: 'done', sid: '1.2', startedAt: 0, finishedAt: 2500,
    earliest: '-24h', latest: 'now', searchMode: 'verbose' as const,
    status: { kind: 'status' as const, sid: '1.2', state: 'DONE' as const, doneProgress: 1, scanCount: 1234, eventCount: 100, resultCount: 10, runDuration: 1.5, messages: [] },
    complete: { kind: 'done' as const, sid: '1.2', totalResults: 10, fetchedResults: 10, truncated: false, incomplete: false, messages: [] },
    fetchedRows: 10, messages: [{ type: 'WARN' as const, text: 'evil\u001b[2J\rline' }], error: undefined, webUrl: 'https://w:8000/app/search/search?sid=1.2', jobKept: false,
  };

  it('lists counts, timings, mode and messages', () => {
    const text = jobDetailsText(input);
    assert.match(text, /Scanned events: +1,234/);
    assert.match(text, /Matched events: +100/);
    assert.match(text, /Duration: +2\.500 s/);
    assert.match(text, /adhoc_search_level=verbose/);
    assert.match(text, /keepFinishedJobs/);
  });

  it('shows control characters in server text as escapes', () => {
    const text = jobDetailsText(input);
    assert.ok(!text.includes('\u001b') && !text.includes('\r'));
    assert.match(text, /evil\\u001b\[2J\\u000dline/);
    assert.equal(printable('a\u202eb\tc'), 'a\\u202eb\tc');
  });
});
