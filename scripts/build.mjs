// Builds the extension host bundle (Node, CommonJS, `vscode` external) and one browser bundle per webview.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'info',
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // splunk-sdk's index runs dotenv at import; we import submodules, and make sure dotenv can never load.
    alias: { dotenv: './scripts/empty-module.cjs' },
  },
];

const webviewEntries = {};
for (const name of ['grid', 'hashes']) {
  if (existsSync(`src/webview/${name}/main.ts`)) webviewEntries[name] = `src/webview/${name}/main.ts`;
}
if (Object.keys(webviewEntries).length > 0) {
  builds.push({
    ...common,
    entryPoints: webviewEntries,
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    loader: { '.css': 'css' },
  });
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
