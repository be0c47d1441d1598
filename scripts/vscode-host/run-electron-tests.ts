/**
 * `npm run test:electron`: the same extension-host suites (test/vscode/) in desktop VS Code through
 * @vscode/test-electron's runTests, for machines that can download VS Code (it downloads the build named
 * by VSCODE_VERSION, default 'stable', into .vscode-test/). This machine has no route to the download
 * server: use `npm run test:vscode` here, which runs the same suites in code-server.
 *
 * Only the 'trusted' pass runs here: runTests always adds --disable-workspace-trust, so the suites in
 * test/vscode/untrusted/ (Restricted Mode) run only under `npm run test:vscode`.
 * Env: VSCODE_VERSION, VSCODE_EXECUTABLE (use an installed VS Code instead of downloading), SPL_TEST_GREP.
 * On Linux without a display, run under xvfb-run.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildVscodeTests, TEST_OUT } from './build-tests';
import { exitWith, npmRun, ROOT } from './host';

const WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'workspace');

function profileWithSettings(settings: Record<string, unknown>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'splwb-electron-'));
  mkdirSync(path.join(dir, 'User'), { recursive: true });
  writeFileSync(path.join(dir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  return dir;
}

async function runPass(pass: 'trusted'): Promise<number> {
  const userData = profileWithSettings({
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
  });
  const extensionTestsEnv: Record<string, string> = { SPL_TEST_PASS: pass };
  if (process.env['SPL_TEST_GREP']) extensionTestsEnv['SPL_TEST_GREP'] = process.env['SPL_TEST_GREP'];
  try {
    return await runTests({
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(TEST_OUT, 'index.js'),
      ...(process.env['VSCODE_EXECUTABLE'] ? { vscodeExecutablePath: process.env['VSCODE_EXECUTABLE'] } : { version: process.env['VSCODE_VERSION'] ?? 'stable' }),
      cachePath: path.join(ROOT, '.vscode-test'),
      extensionTestsEnv,
      launchArgs: [WORKSPACE, '--disable-extensions', '--user-data-dir', userData],
    });
  } finally {
    rmSync(userData, { recursive: true, force: true });
  }
}

async function main(): Promise<number> {
  npmRun('build');
  await buildVscodeTests();
  const passes: Array<'trusted'> = ['trusted'];
  if (existsSync(path.join(TEST_OUT, 'untrusted')) && readdirSync(path.join(TEST_OUT, 'untrusted')).length > 0) {
    console.log('note: test/vscode/untrusted/ needs workspace trust on, which runTests always disables: those suites run only in npm run test:vscode');
  }
  let failed = false;
  for (const pass of passes) {
    console.log(`\n=== desktop VS Code (@vscode/test-electron), pass '${pass}'`);
    try {
      const code = await runPass(pass);
      if (code !== 0) failed = true;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|getaddrinfo|download|socket hang up/i.test(message)) {
        console.error(`test:electron could not download VS Code (${message}).\n` +
          'This machine has no route to the VS Code download server. Set VSCODE_EXECUTABLE to an installed VS Code,\n' +
          'or run the same suites in code-server instead: npm run test:vscode');
        return 2;
      }
      console.error(`test:electron pass '${pass}' failed: ${message}`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

exitWith('test:electron', main);
