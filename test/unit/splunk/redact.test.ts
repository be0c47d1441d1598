import assert from 'node:assert/strict';
import { redact, Redactor, redactingLogger, type Logger } from '../../../src/search/splunk/redact';

describe('redact', () => {
  const cases: [string, string][] = [
    ['Authorization: Bearer eyJhbGciOi.abcdefgh.sig-part', 'eyJhbGciOi'],
    ['header Authorization: Splunk 0123456789abcdef0123', '0123456789abcdef0123'],
    ['sent Splunk AbCdEf0123456789 to host', 'AbCdEf0123456789'],
    ['Basic YWRtaW46cGFzc3dvcmQ=', 'YWRtaW46cGFzc3dvcmQ='],
    ['body username=admin&password=hunter22&cookie=1', 'hunter22'],
    ['{"sessionKey":"Zm9vYmFyYmF6cXV4"}', 'Zm9vYmFyYmF6cXV4'],
    ['sessionKey=Zm9vYmFyYmF6cXV4; other', 'Zm9vYmFyYmF6cXV4'],
    ['Cookie: splunkd_8089=sessval123; theme=dark', 'sessval123'],
    ['set-cookie: splunkd_8089=sessval456; Path=/', 'sessval456'],
    ['token=abc123xyz&x=1', 'abc123xyz'],
    ['a jwt eyJraWQiOiJ4In0.eyJzdWIiOiJhIn0.c2ln in text', 'eyJzdWIiOiJhIn0'],
  ];
  for (const [input, secret] of cases) {
    it(`removes the secret from: ${input.slice(0, 40)}`, () => {
      const out = redact(input);
      assert.ok(!out.includes(secret), out);
      assert.ok(out.includes('[REDACTED]'), out);
    });
  }

  it('leaves ordinary text alone', () => {
    const text = 'POST /services/search/v2/jobs/ -> 201 (12 ms); search index=main EventCode=1 | head 5';
    assert.equal(redact(text), text);
  });

  it('a Redactor removes known secrets wherever they appear, raw or URL-encoded', () => {
    const r = new Redactor();
    r.add('p@ss word!');
    r.add('ab'); // too short to register; patterns still apply
    assert.equal(r.apply('x p@ss word! y p%40ss%20word! z ab'), 'x [REDACTED] y [REDACTED] z ab');
  });

  it('a redacting logger redacts every level', () => {
    const lines: string[] = [];
    const inner: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m), debug: (m) => lines.push(m) };
    const r = new Redactor(); r.add('sekrit-value');
    const log = redactingLogger(inner, r);
    log.info('a sekrit-value'); log.warn('password=x1y2z3'); log.error('Bearer abcdefghijk'); log.debug('sekrit-value');
    assert.deepEqual(lines, ['a [REDACTED]', 'password=[REDACTED]', 'Bearer [REDACTED]', '[REDACTED]']);
  });
});
