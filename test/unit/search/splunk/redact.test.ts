import assert from 'node:assert/strict';
import { Redactor, redactingLogger, type Logger } from '../../../../src/search/splunk/redact';
import { SplunkError, toSplunkError } from '../../../../src/search/splunk/errors';

describe('Redactor', () => {
  it('removes a known secret wherever it appears, raw, URL- or form-encoded, or JSON-escaped', () => {
    const r = new Redactor();
    r.add('p@ss "word"!');
    const text = 'x p@ss "word"! y p%40ss%20%22word%22! z p%40ss+%22word%22%21 w {"password":"p@ss \\"word\\"!"}';
    assert.equal(r.apply(text), 'x [REDACTED] y [REDACTED] z [REDACTED] w {"password":"[REDACTED]"}');
  });

  it('ignores strings too short to be a credential, so ordinary text survives', () => {
    const r = new Redactor();
    r.add('ab');
    r.add(undefined);
    assert.equal(r.apply('a b ab abc'), 'a b ab abc');
  });

  it('leaves the extension\'s own words and credential-looking text that is not in play alone', () => {
    const r = new Redactor();
    r.add('the-real-password');
    for (const text of [
      'Splunk server error 500: Search process crashed.',
      'Splunk rejected the token (expired, revoked, or token authentication is disabled).',
      'Basic authentication is disabled; Bearer tokens only',
      'index=main | eval password="example" | search token=abc123xyz',
    ]) assert.equal(r.apply(text), text);
  });

  it('removes a secret that contains another one whole', () => {
    const r = new Redactor();
    r.add('abcd');
    r.add('xxabcdxx');
    assert.equal(r.apply('k=xxabcdxx'), 'k=[REDACTED]');
  });

  it('a redacting logger redacts every level', () => {
    const lines: string[] = [];
    const inner: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m), debug: (m) => lines.push(m) };
    const r = new Redactor(); r.add('sekrit-value');
    const log = redactingLogger(inner, r);
    log.info('a sekrit-value'); log.warn('sekrit-value!'); log.error('Splunk server error 500'); log.debug('sekrit-value');
    assert.deepEqual(lines, ['a [REDACTED]', '[REDACTED]!', 'Splunk server error 500', '[REDACTED]']);
  });
});

describe('SplunkError.redacted', () => {
  it('removes the secrets in play from the message and splunkd\'s texts, keeping everything else', () => {
    const sessionKey = 'c2Vzc2lvbi1rZXktZWNob2Vk';
    const e = toSplunkError({ status: 500, data: { messages: [{ type: 'ERROR', text: `session ${sessionKey} is broken` }] } }, { phase: 'poll', authKind: 'password', origin: 'https://s:8089', sid: '1.2' });
    const r = new Redactor();
    r.add(sessionKey);
    const clean = e.redacted(r);
    assert.ok(clean instanceof SplunkError);
    assert.equal(clean.message, 'Splunk server error 500: session [REDACTED] is broken.');
    assert.deepEqual(clean.messages, [{ type: 'ERROR', text: 'session [REDACTED] is broken' }]);
    assert.equal(clean.kind, 'server-error');
    assert.equal(clean.status, 500);
  });
});
