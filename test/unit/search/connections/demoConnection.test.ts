import assert from 'node:assert/strict';
import { decideDemoConnection, demoTicketPath } from '../../../../src/search/connections/demoConnection';

const NONCE = 'a3'.repeat(32);
const spec = (over: Record<string, unknown> = {}): string =>
  JSON.stringify({ url: 'http://127.0.0.1:8089', username: 'hunter', password: 'pw-1234', ticket: '/tmp/spl-demo-x/ticket', nonce: NONCE, ...over });

describe('decideDemoConnection', () => {
  it('is no demo at all without the environment value', () => {
    assert.deepEqual(decideDemoConnection(undefined, NONCE), { kind: 'none' });
    assert.deepEqual(decideDemoConnection('', undefined), { kind: 'none' });
  });

  it('accepts the demo\'s launch: matching ticket, loopback URL, a credential', () => {
    const d = decideDemoConnection(spec(), `${NONCE}\n`);
    assert.equal(d.kind, 'accepted');
    if (d.kind !== 'accepted') return;
    assert.equal(d.secret, 'pw-1234');
    assert.deepEqual(d.profile, { id: 'demo', label: 'Demo server (local)', url: 'http://127.0.0.1:8089', auth: 'password', username: 'hunter', tls: 'system' });
  });

  it('refuses the environment once the ticket is consumed (a reload, another window)', () => {
    const d = decideDemoConnection(spec(), undefined);
    assert.equal(d.kind, 'refused');
    assert.match(d.kind === 'refused' ? d.reason : '', /ticket is gone/);
  });

  it('refuses a ticket that does not match, and an environment without a proper nonce', () => {
    assert.equal(decideDemoConnection(spec(), 'b4'.repeat(32)).kind, 'refused');
    assert.equal(decideDemoConnection(spec(), NONCE.slice(1)).kind, 'refused');
    assert.equal(decideDemoConnection(spec({ nonce: undefined }), NONCE).kind, 'refused');
    assert.equal(decideDemoConnection(spec({ nonce: 'short', }), 'short').kind, 'refused');
    assert.equal(decideDemoConnection('{not json', NONCE).kind, 'refused');
  });

  it('refuses a host that is not this machine, and a spec without a credential', () => {
    assert.equal(decideDemoConnection(spec({ url: 'https://splunk.example.com:8089' }), NONCE).kind, 'refused');
    assert.equal(decideDemoConnection(spec({ url: 'http://127.0.0.1.evil.example:8089' }), NONCE).kind, 'refused');
    assert.equal(decideDemoConnection(spec({ password: undefined }), NONCE).kind, 'refused');
  });

  it('takes a token over a password and pins a fingerprint when given', () => {
    const d = decideDemoConnection(spec({ token: 'tok-5678', fingerprint: 'ab'.repeat(32) }), NONCE);
    assert.equal(d.kind, 'accepted');
    if (d.kind !== 'accepted') return;
    assert.equal(d.secret, 'tok-5678');
    assert.equal(d.profile.auth, 'token');
    assert.equal(d.profile.tls, 'fingerprint');
  });
});

describe('demoTicketPath', () => {
  it('names the ticket only for a well-formed spec', () => {
    assert.equal(demoTicketPath(spec()), '/tmp/spl-demo-x/ticket');
    assert.equal(demoTicketPath(undefined), undefined);
    assert.equal(demoTicketPath('{'), undefined);
    assert.equal(demoTicketPath(spec({ ticket: 7 })), undefined);
  });
});
