import * as assert from 'node:assert/strict';
import { normaliseFingerprint, originOf, parseProfile, ProfileError, secretKey } from '../../../../src/search/connections/profile';

const base = { id: 'prod', label: 'Prod', url: 'https://splunk.example.com:8089', auth: 'token' };

describe('connection profiles', () => {
  it('accepts a token profile and keeps only the origin of the URL', () => {
    const p = parseProfile({ ...base, url: 'https://Splunk.Example.com:8089/some/path?x=1' });
    assert.equal(p.url, 'https://splunk.example.com:8089');
    assert.equal(p.tls, 'system');
    assert.equal(p.auth, 'token');
  });

  it('refuses plain http to another machine, but allows it to localhost', () => {
    assert.throws(() => parseProfile({ ...base, url: 'http://splunk.example.com:8089' }), /only allowed to localhost/);
    assert.equal(parseProfile({ ...base, url: 'http://127.0.0.1:8089' }).url, 'http://127.0.0.1:8089');
  });

  it('refuses credentials in the URL and unknown schemes', () => {
    assert.throws(() => parseProfile({ ...base, url: 'https://admin:pw@splunk.example.com:8089' }), /no credentials in the URL/);
    assert.throws(() => parseProfile({ ...base, url: 'ftp://splunk.example.com' }), ProfileError);
    assert.throws(() => parseProfile({ ...base, url: 'not a url' }), /is not a URL/);
  });

  it('needs a user name for password sign-in, and the files or fingerprints its TLS mode names', () => {
    assert.throws(() => parseProfile({ ...base, auth: 'password' }), /needs a "username"/);
    assert.throws(() => parseProfile({ ...base, tls: 'caBundle' }), /needs "caBundlePath"/);
    assert.throws(() => parseProfile({ ...base, tls: 'fingerprint', fingerprint: 'abc' }), /64 hexadecimal digits/);
    const p = parseProfile({ ...base, tls: 'fingerprint', fingerprint: 'ab'.repeat(32) });
    assert.equal(p.fingerprint, Array(32).fill('AB').join(':'));
  });

  it('falls back to verifying with the system roots for an unknown TLS mode', () => {
    assert.equal(parseProfile({ ...base, tls: 'none' }).tls, 'system');
  });

  it('keys secrets by origin and identity, so a secret never follows a profile to another host', () => {
    const a = parseProfile(base);
    const b = parseProfile({ ...base, url: 'https://evil.example.net:8089' });
    const c = parseProfile({ ...base, auth: 'password', username: 'alice' });
    assert.notEqual(secretKey(a), secretKey(b));
    assert.notEqual(secretKey(a), secretKey(c));
    assert.equal(secretKey(a), secretKey(parseProfile({ ...base, id: 'other', label: 'Other' })));
    assert.equal(originOf('https://h.example:443/x'), 'https://h.example:443');
    assert.equal(originOf('https://h.example'), 'https://h.example:443');
  });

  it('normalises fingerprints written with colons, spaces or a sha256 prefix', () => {
    const colons = 'AB:'.repeat(31) + 'AB';
    assert.equal(normaliseFingerprint(`SHA256 ${colons.toLowerCase()}`), colons);
    assert.throws(() => normaliseFingerprint('GG'.repeat(32)), ProfileError);
  });
});
