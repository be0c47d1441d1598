/**
 * Entry point loaded by VS Code's extension host through `extensionTestsPath` (the @vscode/test-electron
 * contract: export `run(): Promise<void>`, reject on failure). Works the same under code-server
 * (npm run test:vscode) and desktop VS Code (npm run test:electron, F5 "Extension Tests").
 *
 * Environment (set by the runners; the extension host inherits the server's environment):
 *   SPL_TEST_PASS    'trusted' (default) runs every suite except untrusted/; 'untrusted' runs only untrusted/
 *   SPL_TEST_GREP    mocha --grep
 *   SPL_TEST_RESULT  file to write {passed, failed, pending} to, for the runner's summary
 */
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './support';

export async function run(): Promise<void> {
  // Recorded before any suite runs, so the activation test can tell "activated by opening an .spl file"
  // from "already active at startup".
  (globalThis as { splWorkbenchActiveAtStart?: boolean }).splWorkbenchActiveAtStart =
    vscode.extensions.getExtension(EXTENSION_ID)?.isActive ?? false;

  const pass = process.env['SPL_TEST_PASS'] ?? 'trusted';
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const grep = process.env['SPL_TEST_GREP'];
  if (grep) mocha.grep(grep);

  const files = (readdirSync(__dirname, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => (pass === 'untrusted') === f.startsWith(`untrusted${path.sep}`))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  console.log(`extension-host tests (${pass}): ${files.length} files, VS Code ${vscode.version}, Node ${process.version}`);

  const stats = await new Promise<Mocha.Stats>((resolve) => {
    const runner = mocha.run(() => resolve(runner.stats ?? ({ passes: 0, failures: 1, pending: 0 } as Mocha.Stats)));
  });
  const result = { passed: stats.passes, failed: stats.failures, pending: stats.pending };
  const resultFile = process.env['SPL_TEST_RESULT'];
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
  if (files.length === 0) throw new Error(`no extension-host test files for pass '${pass}' in ${__dirname}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} extension-host test(s) failed`);
}
