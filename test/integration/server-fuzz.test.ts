/**
 * The local server in its own process under a few thousand hostile or broken requests over raw
 * sockets: it must answer or close each one, stay alive, and then serve a normal splunk-sdk search.
 */
import assert from 'node:assert/strict';
import net from 'node:net';
import { seededRandom } from '../../src/search/local/sampleData';
import { sdkService, startCliServer, type CliServer } from './helpers';

const PASSWORD = 'fuzz-Secret-pw-1';
const FUZZ_REQUESTS = 3000;
const CONCURRENCY = 40;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const bytes = (r: Rand, n: number) => Buffer.from(Array.from({ length: n }, () => Math.floor(r() * 256)));

const PATHS = ['/services/auth/login', '/services/search/v2/jobs', '/services/search/jobs/x/results', '/servicesNS/a/b/search/jobs',
  '/services/server/info', '/%', '/%E0%A4%A', '//', '/services/search/v2/jobs/' + 'a'.repeat(5000), 'http://[::1', '*'];
const METHODS = ['GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'OPTIONS', 'G\0T', 'X'.repeat(300)];

/** One request's bytes, and whether to close the socket abruptly part-way. */
function fuzzCase(r: Rand): { chunks: Buffer[]; abortAfter?: number } {
  const path = pick(r, PATHS);
  const method = pick(r, METHODS);
  const body = Buffer.from(pick(r, ['username=admin&password=x', 'search=search%20%7C%20head%201&exec_mode=normal', '%%%&&==', 'a'.repeat(3000)]));
  switch (Math.floor(r() * 9)) {
    case 0: // the issue's case: announce more than is sent, then close
      return { chunks: [Buffer.from(`POST /services/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nusername=a`)], abortAfter: 1 };
    case 1: // truncated body of a random request
      return { chunks: [Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${body.length + 50}\r\n\r\n`), body.subarray(0, Math.floor(body.length * r()))], abortAfter: 2 };
    case 2: // a huge announced length
      return { chunks: [Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Length: ${pick(r, ['99999999999', '2147483648', '1048577', '-1', '1e9', 'abc'])}\r\n\r\n`), body] };
    case 3: // a bad request line
      return { chunks: [Buffer.from(pick(r, ['GET\r\n\r\n', 'GET / HTTP/9.9\r\n\r\n', ' / HTTP/1.1\r\n\r\n', `${method} ${path}\r\n\r\n`, 'GET / HTTP/1.1 extra\r\n\r\n', '\r\n\r\n\r\n']))] };
    case 4: // bad headers
      return { chunks: [Buffer.from(`GET ${path} HTTP/1.1\r\n${pick(r, ['Host x', ': v', 'Bad Header: v', `X: ${'v'.repeat(20000)}`, 'Transfer-Encoding: chunked\r\nContent-Length: 5', 'Authorization: Splunk \0\0', 'Cookie: splunkd_1=;;;;', 'Content-Length: 1\r\nContent-Length: 2'])}\r\n\r\n`)] };
    case 5: // random bytes
      return { chunks: [bytes(r, 1 + Math.floor(r() * 400))], ...(r() < 0.5 ? { abortAfter: 1 } : {}) };
    case 6: // a broken chunked body
      return { chunks: [Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${pick(r, ['zz\r\nabc\r\n', '5\r\nab', 'FFFFFFFFFF\r\n', '3\r\nabc\r\n0\r\n'])}`)], ...(r() < 0.5 ? { abortAfter: 1 } : {}) };
    case 7: // a chunked body over the size limit
      return { chunks: [Buffer.from(`POST ${path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n`), ...Array.from({ length: 3 }, () => Buffer.from(`80000\r\n${'a'.repeat(0x80000)}\r\n`))] };
    default: // a well-formed request, sometimes cut off right after the headers
      return { chunks: [Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`), body], ...(r() < 0.3 ? { abortAfter: 1 } : {}) };
  }
}

/** Sends one case; resolves when the server closes, answers, or after a short wait (then we close). */
function send(port: number, c: { chunks: Buffer[]; abortAfter?: number }): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let reply = '';
    const finish = () => { clearTimeout(timer); socket.destroy(); resolve(reply.slice(0, 12)); };
    const timer = setTimeout(finish, 1500);
    socket.on('data', (d: Buffer) => { reply += d.toString('latin1'); if (reply.includes('\r\n\r\n')) finish(); });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      c.chunks.forEach((chunk, i) => {
        if (c.abortAfter !== undefined && i >= c.abortAfter) return;
        socket.write(chunk);
      });
      if (c.abortAfter !== undefined && c.abortAfter <= c.chunks.length) setTimeout(() => socket.resetAndDestroy(), 5);
    });
  });
}

describe('local server under malformed and dropped requests (its own process)', function () {
  this.timeout(120_000);
  let cli: CliServer;
  before(async () => { cli = await startCliServer(['--sample', '200', '--port', '0', '--http', '--password', PASSWORD]); });
  after(() => { cli.child.kill(); });

  it('survives a login POST that announces 1,000 bytes, sends 10 and closes', async () => {
    await send(cli.port, { chunks: [Buffer.from('POST /services/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nusername=a')], abortAfter: 1 });
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(cli.child.exitCode, null, `the server exited: ${cli.output()}`);
    const svc = sdkService({ protocol: 'http', port: cli.port }, { username: 'admin', password: PASSWORD });
    await svc.login();
  });

  it('answers 413 to a body over the limit before authentication', async () => {
    const reply = await send(cli.port, { chunks: [Buffer.from('POST /services/search/v2/jobs HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\nsearch=x')] });
    assert.equal(reply.slice(0, 12), 'HTTP/1.1 413');
  });

  it(`stays up through ${FUZZ_REQUESTS} random and malformed requests, then runs a normal search`, async () => {
    const r = seededRandom(20240514);
    const cases = Array.from({ length: FUZZ_REQUESTS }, () => fuzzCase(r));
    const statuses = new Map<string, number>();
    let next = 0;
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      while (next < cases.length) {
        const reply = await send(cli.port, cases[next++]!);
        const key = /^HTTP\/1\.1 \d{3}/.test(reply) ? reply.slice(9, 12) : 'closed';
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
      }
    }));
    assert.equal(cli.child.exitCode, null, `the server exited: ${cli.output()}`);
    assert.ok((statuses.get('413') ?? 0) > 0, JSON.stringify([...statuses]));
    const svc = sdkService({ protocol: 'http', port: cli.port }, { username: 'admin', password: PASSWORD });
    await svc.login();
    const res = await svc.oneshotSearch('search | stats count', { count: 0 }) as { rows: string[][] };
    assert.deepEqual(res.rows, [['200']]);
  });
});
