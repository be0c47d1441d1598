/**
 * `npm run demo`: SPL Workbench in a real VS Code with sample data. The npm script has installed the
 * dependencies first (scripts/bootstrap.mjs), so this works as the first command on a fresh clone.
 *   0. installs code-server and chromium when it will use them and they are missing;
 *   1. builds the extension;
 *   2. writes sample Sysmon events (src/search/local/sampleData.ts) to sample-data/demo/sysmon.jsonl;
 *   3. starts the Splunk-compatible server (src/server/cli.ts) on loopback over them;
 *   4. prepares a workspace of .spl hunts in sample-data/demo/workspace;
 *   5. opens VS Code with the extension under development: desktop `code` when installed, otherwise
 *      code-server, whose loopback URL is printed.
 * Ctrl+C stops everything.
 *
 * Flags: --events N (default 20000), --seed S, --port P (code-server, default 8080), --server-port P
 * (default 8089), --code-server (use code-server even when `code` exists),
 * --check (headless self-test: open the workbench in chromium, take screenshots, stop).
 */
import { SERVER_NODE_FLAGS } from '../src/server/launch';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_CONNECTION_ENV, type DemoConnectionSpec } from '../src/search/connections/demoConnection';
import { writeSampleData } from '../src/search/local/sampleData';
import { Workbench } from '../test/e2e/lib/workbench';
import { freePort, npmRun, ROOT, startCodeServer, type CodeServer } from './vscode-host/host';

const DEMO_DIR = path.join(ROOT, 'sample-data', 'demo');
const DATA_FILE = path.join(DEMO_DIR, 'sysmon.jsonl');
const WORKSPACE = path.join(DEMO_DIR, 'workspace');
const SERVER_CLI = path.join(ROOT, 'src', 'server', 'cli.ts');

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '20000' },
    seed: { type: 'string', default: '7' },
    port: { type: 'string' },
    'server-port': { type: 'string', default: '8089' },
    'code-server': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
  },
});

interface DemoServer {
  url: string;
  user: string;
  password: string;
  process: ChildProcess;
}

const say = (msg: string): void => console.log(`demo: ${msg}`);

// What the demo started, so every exit path can stop it.
let splunk: DemoServer | undefined;
let codeServer: CodeServer | undefined;
let ticketDir: string | undefined;
async function stopAll(): Promise<void> {
  await codeServer?.stop();
  splunk?.process.kill('SIGTERM');
  if (ticketDir) rmSync(ticketDir, { recursive: true, force: true });
}

async function sampleData(): Promise<void> {
  const t0 = Date.now();
  await writeSampleData(DATA_FILE, Number(args.events), Number(args.seed));
  say(`wrote ${args.events} sample events to ${path.relative(ROOT, DATA_FILE)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function startSplunkServer(): Promise<DemoServer> {
  const user = 'hunter';
  // A fresh password per run, passed through the environment so it stays out of `ps`.
  const password = randomBytes(12).toString('base64url');
  const port = args['server-port'];
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', SERVER_CLI, '--data', DATA_FILE, '--port', port, '--http', '--user', user],
    { cwd: ROOT, env: { ...process.env, SPLWB_SERVER_PASSWORD: password }, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not print "ready" within 60 s:\n${out}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /listening on (\S+)/.exec(out);
      if (m?.[1] && /^ready$/m.test(out)) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code}:\n${out}`));
    });
  });
  say(`Splunk-compatible server at ${url} (user ${user}, password ${password})`);
  return { url, user, password, process: child };
}

function prepareWorkspace(): void {
  if (existsSync(WORKSPACE)) {
    say(`workspace ${path.relative(ROOT, WORKSPACE)} exists; keeping your edits`);
    return;
  }
  mkdirSync(WORKSPACE, { recursive: true });
  cpSync(path.join(ROOT, 'test', 'fixtures', 'workspace'), WORKSPACE, { recursive: true, filter: (src) => !src.endsWith('README.md') });
  say(`workspace of .spl hunts in ${path.relative(ROOT, WORKSPACE)}`);
}

/**
 * How the extension finds the demo server: SPL Workbench reads SPL_WORKBENCH_DEMO_CONNECTION at start-up
 * (loopback URLs only) and honours it once, when the ticket file it names holds the same random nonce;
 * it deletes the ticket, so a reload or another window started with this environment ignores it. The
 * connection and its password stay in that extension host's memory: nothing is saved to settings or
 * SecretStorage. The environment reaches the extension host of the VS Code started below; a workspace
 * cannot set it.
 */
function connectionEnv(server: DemoServer): Record<string, string> {
  const nonce = randomBytes(32).toString('hex');
  ticketDir = mkdtempSync(path.join(tmpdir(), 'spl-demo-'));
  const ticket = path.join(ticketDir, 'ticket');
  writeFileSync(ticket, nonce, { mode: 0o600 });
  const spec: DemoConnectionSpec = { url: server.url, username: server.user, password: server.password, ticket, nonce };
  return { [DEMO_CONNECTION_ENV]: JSON.stringify(spec) };
}

function hasDesktopCode(): boolean {
  return spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
}

/**
 * Installs code-server and chromium when they are missing, before anything starts. Only the code-server
 * path needs them, so a desktop-`code` user (on macOS, say) is never sent to apt. The bootstrap prints
 * its own one-line reason when it cannot.
 */
function installCodeServerHost(): void {
  const res = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'bootstrap.mjs'), '--vscode-host'], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

async function main(): Promise<void> {
  const desktop = hasDesktopCode() && !args['code-server'] && !args.check;
  if (!desktop) installCodeServerHost();
  npmRun('build');
  await sampleData();
  const server = await startSplunkServer();
  splunk = server;
  prepareWorkspace();
  const settings = { 'workbench.startupEditor': 'none' };
  const env = connectionEnv(server);

  process.once('SIGINT', () => void stopAll().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stopAll().then(() => process.exit(0)));

  if (desktop) {
    const userData = path.join(DEMO_DIR, 'vscode-user');
    mkdirSync(path.join(userData, 'User'), { recursive: true });
    writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
    spawnSync('code', ['--new-window', '--user-data-dir', userData, `--extensionDevelopmentPath=${ROOT}`, WORKSPACE], { stdio: 'inherit', env: { ...process.env, ...env } });
    say('opened desktop VS Code with SPL Workbench under development. Ctrl+C here stops the demo server.');
  } else {
    const port = args.port ? Number(args.port) : args.check ? await freePort() : 8080;
    // The smoke-test driver option lets the workbench load the extension from its folder (extensionDevelopmentPath),
    // so `npm run watch` plus "Developer: Reload Window" picks up changes (the demo connection is honoured
    // once, so after a reload add it with the URL and password printed above).
    codeServer = await startCodeServer({ smokeTestDriver: true, port, userSettings: settings, trust: 'off', env });
    const payload: Array<[string, string]> = [['extensionDevelopmentPath', codeServer.remoteUri(ROOT)], ['skipWelcome', 'true']];
    const url = codeServer.workbenchUrl(WORKSPACE, payload);
    say(`VS Code (code-server ${codeServer.url}, loopback only) with SPL Workbench:\n\n  ${url}\n`);
    if (args.check) {
      const screenshotDir = path.join(ROOT, 'test-output', 'screenshots', 'demo');
      const wb = await Workbench.attach(codeServer, { folder: WORKSPACE, payload, name: 'demo', screenshotDir });
      try {
        await wb.openFile('hunt.spl');
        const listed = await wb.findCommand('SPL Workbench: Run Query', 45_000, true);
        say(`screenshot ${path.relative(ROOT, await wb.screenshot('palette'))}`);
        await wb.page.keyboard.press('Escape');
        if (!listed) throw new Error('SPL Workbench: Run Query is not in the palette');
        // The server really answers the way splunk-sdk will talk to it.
        const auth = Buffer.from(`${server.user}:${server.password}`).toString('base64');
        const res = await fetch(`${server.url}/services/server/info?output_mode=json`, { headers: { Authorization: `Basic ${auth}` } });
        if (!res.ok) throw new Error(`the demo server answered ${res.status} to /services/server/info`);
        say(`demo server answers /services/server/info: ${res.status}`);
        // The first hunt, run the way a user does: cursor in the query, Ctrl+Enter, rows in the grid.
        await wb.page.waitForSelector('.codelens-decoration a', { timeout: 90_000 });
        await wb.goToLine(2);
        await wb.pressInEditor('Control+Enter');
        const grid = await wb.webviewFrame('SHA256', 90_000);
        await grid.waitForSelector('.grid-rows .row:not(.placeholder)', { timeout: 60_000 });
        await wb.runCommand('SPL Workbench: Show Hashes Panel');
        await wb.webviewFrame('Copy all unique', 60_000);
        await new Promise((r) => setTimeout(r, 1500));
        const shot = await wb.screenshot('hunt results');
        say(`screenshot ${path.relative(ROOT, shot)}`);
        say('check passed: the workbench opened the demo workspace with SPL Workbench loaded');
      } finally {
        await wb.close();
        await stopAll();
      }
      process.exit(0);
    }
    say('Ctrl+C stops the demo.');
  }
  // The demo server (and code-server) run until Ctrl+C.
  await new Promise(() => undefined);
}

main().catch(async (err: unknown) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  await stopAll();
  process.exit(1);
});
