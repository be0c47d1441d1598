import assert from 'node:assert/strict';
import { TransportError } from '../../../src/net/errors';
import { hostPort, proxyFor, type ProxySettings } from '../../../src/net/proxy';

const base: ProxySettings = { support: 'override', proxy: '', noProxy: [], strictSSL: true, env: {} };
const route = (url: string, s: Partial<ProxySettings>) => proxyFor(new URL(url), { ...base, ...s });

describe('proxyFor (VS Code proxy settings and the environment)', () => {
  it('uses http.proxy first, then HTTPS_PROXY/https_proxy for https, HTTP_PROXY for http', () => {
    assert.equal(route('https://splunk:8089', { proxy: 'http://p:3128', env: { HTTPS_PROXY: 'http://e:1' } })?.url.origin, 'http://p:3128');
    assert.equal(route('https://splunk:8089', { env: { https_proxy: 'http://e:1' } })?.url.origin, 'http://e:1');
    assert.equal(route('https://splunk:8089', { env: { HTTP_PROXY: 'http://h:2' } })?.url.origin, 'http://h:2');
    assert.equal(route('http://splunk:8089', { env: { HTTPS_PROXY: 'http://e:1' } }), undefined);
    assert.equal(route('https://splunk:8089', {}), undefined);
  });

  it('connects directly when http.proxySupport is off or no settings are given', () => {
    assert.equal(route('https://splunk:8089', { support: 'off', proxy: 'http://p:3128' }), undefined);
    assert.equal(proxyFor(new URL('https://splunk:8089'), undefined), undefined);
  });

  it('accepts a proxy without a scheme and takes credentials from its URL as Basic', () => {
    const r = route('https://splunk:8089', { proxy: 'user:p%40ss@p:3128' });
    assert.equal(r?.url.href, 'http://p:3128/');
    assert.equal(r?.authorization, `Basic ${Buffer.from('user:p@ss').toString('base64')}`);
    assert.equal(route('https://splunk:8089', { proxy: 'http://u:x@p:1', proxyAuthorization: 'Negotiate abc' })?.authorization, 'Negotiate abc');
  });

  it('refuses SOCKS and unparsable proxies with a clear error', () => {
    assert.throws(() => route('https://splunk:8089', { proxy: 'socks5://p:1080' }), (e: TransportError) => e.kind === 'proxy-failed' && /socks5 are not supported/.test(e.message));
    assert.throws(() => route('https://splunk:8089', { proxy: 'http://[bad' }), (e: TransportError) => e.kind === 'proxy-failed');
  });

  it('exempts hosts by http.noProxy and NO_PROXY: exact, domain suffix, *, ports, IPv6', () => {
    const p = { proxy: 'http://p:3128' };
    const exempt = (url: string, entries: string[]) => route(url, { ...p, noProxy: entries }) === undefined;
    assert.ok(exempt('https://splunk.corp.example:8089', ['.corp.example']));
    assert.ok(exempt('https://splunk.corp.example:8089', ['corp.example']));
    assert.ok(exempt('https://splunk.corp.example:8089', ['*.corp.example']));
    assert.ok(!exempt('https://notcorp.example:8089', ['corp.example']));
    assert.ok(exempt('https://splunk:8089', ['*']));
    assert.ok(exempt('https://splunk:8089', ['splunk:8089']));
    assert.ok(!exempt('https://splunk:8089', ['splunk:443']));
    assert.ok(exempt('https://[::1]:8089', ['::1']));
    assert.ok(exempt('https://[::1]:8089', ['[::1]:8089']));
    assert.ok(exempt('https://SPLUNK:8089', ['splunk']));
    assert.ok(route('https://splunk:8089', { ...p, env: { NO_PROXY: 'a, splunk ,b' } }) === undefined);
    assert.ok(route('https://splunk:8089', { ...p, env: { no_proxy: 'other' } }) !== undefined);
  });

  it('writes CONNECT targets with IPv6 brackets', () => {
    assert.equal(hostPort('::1', 8089), '[::1]:8089');
    assert.equal(hostPort('127.0.0.2', 8089), '127.0.0.2:8089');
  });
});
