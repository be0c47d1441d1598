/**
 * Bundles the extension-host suites: test/vscode/index.ts and every test/vscode/**\/*.test.ts become one
 * CommonJS file each under out/test/vscode/. `vscode` is provided by the extension host and `mocha` is
 * resolved at run time from the extension's node_modules, so both stay external.
 */
import * as esbuild from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
export const TEST_SRC = path.join(ROOT, 'test', 'vscode');
export const TEST_OUT = path.join(ROOT, 'out', 'test', 'vscode');

export async function buildVscodeTests(): Promise<string[]> {
  const entries = (readdirSync(TEST_SRC, { recursive: true }) as string[])
    .filter((f) => f === 'index.ts' || f.endsWith('.test.ts'))
    .map((f) => path.join(TEST_SRC, f));
  // Stale bundles of deleted suites would still be picked up by index.js.
  rmSync(TEST_OUT, { recursive: true, force: true });
  await esbuild.build({
    entryPoints: entries,
    outbase: TEST_SRC,
    outdir: TEST_OUT,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    sourcemap: 'inline',
    sourcesContent: false,
    external: ['vscode', 'mocha'],
    alias: { dotenv: path.join(ROOT, 'scripts', 'empty-module.cjs') },
    logLevel: 'warning',
  });
  return entries;
}

if (require.main === module) {
  buildVscodeTests().then(
    (entries) => console.log(`built ${entries.length} extension-host test bundles into ${path.relative(ROOT, TEST_OUT)}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
