/**
 * A new user connects to a Splunk server that is not on 127.0.0.1, in a real VS Code, through the
 * real prompts: Add Splunk Connection → URL → name → user name and password → pin the fingerprint →
 * (proxy or direct) → password, then Ctrl+Enter in an .spl file shows the rows. VS Code has
 * http.proxy set to a loopback CONNECT proxy: the first connection goes directly, the second through
 * the proxy. A guard in front of the server's TLS port and the proxy record anything sent in clear.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { issueCertificate, startServer, type RunningServer } from '../../src/server';
import { sampleSource } from '../../src/server/engine-port';
import { startConnectProxy, startTlsGuard, type ConnectProxy, type Recorder } from '../support/netGuards';
import type { BrowserGlobals } from './lib/dom-types';
import { waitForGrid, type GridRead } from './lib/grid';
import { Workbench } from './lib/workbench';

const PASSWORD = 'e2e-remote-password';
// One block per test, each marking its rows, so a test never reads the previous one's grid.
const HUNT = '| makeresults count=3\n| eval where="direct"\n\n| makeresults count=3\n| eval where="proxy"\n';

describe('Connecting to a remote Splunk server through the prompts', function () {
  this.timeout(300_000);
  let server: RunningServer;
  let guard: Recorder;
  let proxy: ConnectProxy;
  let wb: Workbench;
  let dir: string;

  before(async () => {
    server = await startServer({ source: await sampleSource(100, 5), users: { admin: PASSWORD }, protocol: 'https', certificate: issueCertificate(['127.0.0.2']) });
    guard = await startTlsGuard('127.0.0.2', { host: '127.0.0.1', port: server.port });
    proxy = await startConnectProxy();
    dir = mkdtempSync(path.join(tmpdir(), 'spl-e2e-remote-'));
    writeFileSync(path.join(dir, 'remote.spl'), HUNT);
    wb = await Workbench.launch({ name: 'connect', folder: dir, userSettings: { 'http.proxy': `http://${proxy.address}` } });
    await wb.openFile('remote.spl');
    await wb.page.waitForSelector('.codelens-decoration a', { timeout: 90_000 });
  });
  after(async () => {
    await wb?.close();
    await Promise.all([guard?.close(), proxy?.close()]);
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && wb) console.log(`    screenshot: ${await wb.screenshot(`failed ${this.currentTest.title}`)}`);
    assert.deepEqual(guard.violations, [], 'something reached the TLS port in the clear');
    assert.deepEqual(proxy.violations, [], 'the proxy saw a request line instead of CONNECT');
  });

  async function addConnection(name: string, route: 'Connect directly' | 'Through the proxy'): Promise<void> {
    await wb.runCommand('SPL Workbench: Add Splunk Connection');
    await wb.answerInput('Splunk server', 'Management URL', `https://${guard.address}`);
    await wb.answerInput('Splunk server', 'A name for this connection', name);
    await wb.pickQuickInputs([{ title: 'How do you sign in?', label: 'User name and password' }]);
    await wb.answerInput('User name', '', 'admin');
    await wb.pickQuickInputs([{ title: 'How should the server\'s certificate be checked?', label: 'Pin the certificate' }]);
    await wb.answerInput('Certificate fingerprint', 'SHA-256', server.fingerprint256!);
    await wb.pickQuickInputs([{ title: 'How should SPL Workbench reach this server?', label: route }]);
    await wb.answerInput(`Sign in to ${name}`, 'password for admin', PASSWORD);
    // The command saves the profile and makes it active after the last box closes; a user sees that
    // in the status bar, and a run started before it would still go to the previous connection.
    await wb.page.waitForFunction(
      (label) => [...(globalThis as unknown as BrowserGlobals).document.querySelectorAll('.statusbar-item')].some((e) => (e.textContent ?? '').includes(`SPL: ${label}`)),
      name,
      { timeout: 60_000 },
    );
  }

  async function runAndReadRows(where: 'direct' | 'proxy'): Promise<string[][]> {
    await wb.openFile('remote.spl');
    await wb.goToLine(where === 'direct' ? 1 : 4);
    await wb.pressInEditor('Control+Enter');
    const at = (g: GridRead): number => g.headers.indexOf('where');
    try {
      const { grid } = await waitForGrid(wb, (g) => at(g) >= 0 && g.rows.length === 3 && g.rows.every((r) => r[at(g)] === where), `the ${where} rows`);
      return grid.rows;
    } catch (e) {
      // A failed connection shows as a notification, not in the grid: say what it said.
      throw new Error(`${(e as Error).message}; ${await wb.page.locator('.notifications-toasts').innerText().catch(() => 'no notification')}`, { cause: e });
    }
  }

  it('adds https://127.0.0.2 through the prompts, connecting directly although http.proxy is set, and shows the rows', async () => {
    const accepted = guard.accepted;
    await addConnection('remote-direct', 'Connect directly');
    assert.equal((await runAndReadRows('direct')).length, 3);
    assert.ok(guard.accepted > accepted, 'no TLS connection reached the server');
    assert.deepEqual(proxy.tunnels, [], 'the direct connection went through the proxy');
    await wb.screenshot('remote rows direct');
  });

  it('adds it again through the proxy: a CONNECT tunnel with TLS inside, and the same rows', async () => {
    await addConnection('remote-proxy', 'Through the proxy');
    assert.equal((await runAndReadRows('proxy')).length, 3);
    assert.ok(proxy.tunnels.length > 0 && proxy.tunnels.every((t) => t === guard.address), `tunnels: ${proxy.tunnels.join(', ')}`);
    await wb.screenshot('remote rows through proxy');
  });
});
