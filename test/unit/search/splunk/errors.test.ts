import assert from 'node:assert/strict';
import { SplunkError, splunkMessages, toSplunkError, type ErrorContext } from '../../../../src/search/splunk/errors';
import { normaliseFingerprint } from '../../../../src/search/splunk/verifying-http';

const ctx = (over: Partial<ErrorContext> = {}): ErrorContext => ({ phase: 'poll', authKind: 'password', origin: 'https://splunk:8089', sid: '1.2', ...over });
const sdkReject = (status: number | 'abort', data: unknown = {}, error: unknown = null) => ({ status, data, error, response: { statusCode: status, headers: {} } });

describe('toSplunkError', () => {
  it('401 at login with a password is auth-failed; with a token, token-rejected', () => {
    assert.equal(toSplunkError(sdkReject(401), ctx({ phase: 'login' })).kind, 'auth-failed');
    assert.equal(toSplunkError(sdkReject(401), ctx({ authKind: 'token' })).kind, 'token-rejected');
  });

  it('400 on create is spl-syntax carrying Splunk\'s FATAL text and any position', () => {
    const e = toSplunkError(sdkReject(400, { messages: [{ type: 'FATAL', text: 'Error in \'search\' command: bad at position 14' }] }), ctx({ phase: 'create' }));
    assert.equal(e.kind, 'spl-syntax');
    assert.equal(e.message, "Error in 'search' command: bad at position 14");
    assert.equal(e.position, 14);
    assert.deepEqual(e.messages, [{ type: 'FATAL', text: "Error in 'search' command: bad at position 14" }]);
  });

  it('404 while polling is job-cancelled-elsewhere and names the sid', () => {
    const e = toSplunkError(sdkReject(404, { messages: [{ type: 'FATAL', text: 'Unknown sid.' }] }), ctx());
    assert.equal(e.kind, 'job-cancelled-elsewhere');
    assert.match(e.message, /1\.2/);
  });

  it('5xx is server-error with the status and splunkd\'s text', () => {
    const e = toSplunkError(sdkReject(503, { messages: [{ type: 'ERROR', text: 'Service Unavailable' }] }), ctx());
    assert.equal(e.kind, 'server-error');
    assert.match(e.message, /503: Service Unavailable/);
  });

  it('network failures map by code', () => {
    const net = (code: string) => toSplunkError(sdkReject(600, {}, Object.assign(new Error('x'), { code })), ctx()).kind;
    assert.equal(net('ECONNREFUSED'), 'connection-refused');
    assert.equal(net('ENOTFOUND'), 'dns');
    assert.equal(net('ETIMEDOUT'), 'timeout');
    assert.equal(net('ECONNRESET'), 'connection-dropped');
    assert.equal(toSplunkError(sdkReject('abort'), ctx()).kind, 'timeout');
  });

  it('passes our own errors through, from the transport\'s error slot too', () => {
    const own = new SplunkError('tls-untrusted', 'nope', { fingerprint256: 'AA:BB' });
    assert.equal(toSplunkError(own, ctx()), own);
    assert.equal(toSplunkError(sdkReject(600, {}, own), ctx()), own);
  });

  it('redirects are refused with a clear message', () => {
    assert.match(toSplunkError(sdkReject(303), ctx()).message, /redirect/);
  });

  it('splunkMessages reads messages leniently', () => {
    assert.deepEqual(splunkMessages({ messages: [{ type: 'fatal', text: 'a' }, { type: 'X', text: 'b' }, { text: 3 }, null] }),
      [{ type: 'FATAL', text: 'a' }, { type: 'INFO', text: 'b' }]);
    assert.deepEqual(splunkMessages('junk'), []);
  });
});

describe('normaliseFingerprint', () => {
  it('accepts any case and separator, and a sha256 prefix', () => {
    assert.equal(normaliseFingerprint('sha256:ab cd:EF-01'), 'AB:CD:EF:01');
    assert.equal(normaliseFingerprint('abcdef'), 'AB:CD:EF');
  });
});
