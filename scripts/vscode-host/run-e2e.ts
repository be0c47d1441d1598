/**
 * `npm run test:e2e`: UI end-to-end tests (test/e2e/**\/*.e2e.ts) with Mocha, each suite driving a real
 * VS Code workbench (code-server + headless chromium) through test/e2e/lib/. Builds the extension first.
 *
 * Env: E2E_VSIX=<file.vsix> installs that package instead of a copy of the built folder;
 * E2E_GREP (mocha grep); KEEP_RUN=1 keeps code-server's run directory; VERBOSE=1 prints page errors.
 * Flags: --no-build.
 */
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { SCREENSHOT_DIR } from '../../test/e2e/lib/workbench';
import { exitWith, hostMissingExitCode, npmRun, ROOT } from './host';

const E2E_DIR = path.join(ROOT, 'test', 'e2e');

async function main(): Promise<number> {
  const t0 = Date.now();
  const missing = hostMissingExitCode('test:e2e');
  if (missing !== undefined) return missing;
  if (!process.argv.includes('--no-build')) npmRun('build');
  // Screenshots of this run only.
  rmSync(SCREENSHOT_DIR, { recursive: true, force: true });

  const files = (readdirSync(E2E_DIR, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.e2e.ts'))
    .sort()
    .map((f) => path.join(E2E_DIR, f));
  if (files.length === 0) {
    console.error(`test:e2e: no *.e2e.ts files under ${path.relative(ROOT, E2E_DIR)}`);
    return 1;
  }
  // A workbench start takes 5-20 s on a busy 2-core machine; single steps wait on the UI.
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', color: process.stdout.isTTY });
  if (process.env['E2E_GREP']) mocha.grep(process.env['E2E_GREP']);
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
  });
  const ok = stats.failures === 0 && stats.passes > 0;
  console.log(`\nUI end-to-end (real VS Code via code-server): ${stats.passes} passing, ${stats.failures} failing, ${stats.pending} pending ` +
    `in ${((Date.now() - t0) / 1000).toFixed(1)} s; screenshots in ${path.relative(ROOT, SCREENSHOT_DIR)}/`);
  console.log(`TEST-RESULT ${JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending, ok })}`);
  return ok ? 0 : 1;
}

exitWith('test:e2e', main);
