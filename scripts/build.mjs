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
    // tsconfig's strict mode would put "use strict" on top of the whole bundle, and splunk-sdk's class
    // helper reads arguments.callee, which strict mode forbids. Our own modules are ES modules, which
    // the type checker already holds to strict rules.
    tsconfigRaw: { compilerOptions: { alwaysStrict: false, strict: false, target: 'ES2022', useDefineForClassFields: true } },
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

// A webview whose script does not import its stylesheet gets media/<name>.css copied beside it.
async function copyStyles() {
  const { copyFileSync, mkdirSync } = await import('node:fs');
  mkdirSync('dist/webview', { recursive: true });
  for (const name of Object.keys(webviewEntries)) {
    if (!existsSync(`dist/webview/${name}.css`) && existsSync(`media/${name}.css`)) copyFileSync(`media/${name}.css`, `dist/webview/${name}.css`);
  }
}

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  await copyStyles();
}
