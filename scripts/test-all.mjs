// `npm test`: every test layer in order, then one summary table. Exits non-zero if any layer fails.
// It is the first command on a fresh clone, so it installs what the layers need first (scripts/bootstrap.mjs).
// Nothing is skipped: a layer whose prerequisites could not be installed fails and says why.
// Layers without an npm script are listed as "not defined" so the gap is visible.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies, ensureVsCodeHost, HOST, problemWith } from './bootstrap.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const scripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts ?? {};

const realVsCodePrereqs = [['chromium', HOST.chromium], ['Node 24', HOST.node24], ['code-server', HOST.codeServer]];

/** Counts from a layer's output; `undefined` when the tool prints none. */
const count = (text, re) => [...text.matchAll(re)].reduce((n, m) => n + Number(m[1] ?? 1), 0);
function mochaCounts(out) {
  const result = [...out.matchAll(/^TEST-RESULT (\{.*\})$/gm)].pop();
  if (result) return JSON.parse(result[1]);
  return { passed: count(out, /^\s*(\d+) passing/gm), failed: count(out, /^\s*(\d+) failing/gm), pending: count(out, /^\s*(\d+) pending/gm) };
}

const layers = [
  { name: 'lint', script: 'lint', counts: (out) => ({ problems: count(out, /(\d+) problems?/g) }) },
  { name: 'types', script: 'typecheck', counts: (out) => ({ errors: count(out, /error TS\d+/g) }) },
  { name: 'unit', script: 'test:unit', counts: mochaCounts },
  {
    name: 'grammar', script: 'test:grammar',
    counts: (out) => ({ passed: count(out, /run successfuly\./g), failed: count(out, /( failed$|aborted due to an error)/gm) }),
  },
  { name: 'integration', script: 'test:integration', counts: mochaCounts },
  { name: 'webview (Chromium)', script: 'test:webview', counts: mochaCounts, prereqs: [['chromium', HOST.chromium]] },
  { name: 'extension host', script: 'test:vscode', counts: mochaCounts, prereqs: realVsCodePrereqs },
  { name: 'UI end-to-end', script: 'test:e2e', counts: mochaCounts, prereqs: realVsCodePrereqs },
];

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let out = '';
    const tee = (stream) => (chunk) => {
      out += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', tee(process.stdout));
    child.stderr.on('data', tee(process.stderr));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const t0 = Date.now();
const dependencyProblem = await problemWith(ensureDependencies);
if (dependencyProblem) {
  console.error(`npm test: ${dependencyProblem}`);
  process.exit(1);
}
// Without the real VS Code the other layers still run; the ones that need it fail with this reason.
const hostProblem = await problemWith(ensureVsCodeHost);
const setupSeconds = (Date.now() - t0) / 1000;

const results = [];
for (const layer of layers) {
  if (!scripts[layer.script]) {
    console.log(`\n##### ${layer.name}: no npm script "${layer.script}" in package.json: NOT DEFINED, did not run`);
    results.push({ layer, status: 'NOT DEFINED', detail: `add an npm script "${layer.script}"`, seconds: 0 });
    continue;
  }
  const missing = (layer.prereqs ?? []).filter(([, p]) => !existsSync(p)).map(([what, p]) => `${what} (${p})`);
  if (missing.length > 0) {
    const detail = `missing ${missing.join(', ')}: ${hostProblem ?? 'install with npm run setup:vscode'}`;
    console.error(`\n##### ${layer.name}: CANNOT RUN, ${detail}`);
    results.push({ layer, status: 'FAIL', detail, seconds: 0 });
    continue;
  }
  console.log(`\n##### ${layer.name}: npm run ${layer.script}`);
  const started = Date.now();
  const { code, out } = await run(layer.script);
  const counts = layer.counts(out);
  let detail = Object.entries(counts).filter(([k]) => k !== 'ok').map(([k, v]) => `${v} ${k}`).join(', ');
  // Say plainly when a layer failed only because it has nothing to test yet.
  if (/No test files found|no test cases found|No inputs were found in config file/i.test(out)) detail += ' (NO TESTS/INPUTS FOUND)';
  results.push({ layer, status: code === 0 ? 'PASS' : 'FAIL', detail: code === 0 ? detail : `${detail}${detail ? '; ' : ''}exit ${code}`, seconds: (Date.now() - started) / 1000 });
}

const width = Math.max(...layers.map((l) => l.name.length));
console.log('\n================ npm test summary ================');
console.log(`${'set-up'.padEnd(width)}  ${(hostProblem ? 'INCOMPLETE' : 'READY').padEnd(11)} ${setupSeconds.toFixed(1).padStart(6)} s  scripts/bootstrap.mjs`);
for (const r of results) {
  console.log(`${r.layer.name.padEnd(width)}  ${r.status.padEnd(11)} ${r.seconds.toFixed(1).padStart(6)} s  ${r.detail}`);
}
const ran = results.filter((r) => r.status !== 'NOT DEFINED').map((r) => r.layer.name);
console.log(`layers run: ${ran.join(', ')}`);
const notDefined = results.filter((r) => r.status === 'NOT DEFINED').map((r) => r.layer.name);
if (notDefined.length) console.log(`layers NOT DEFINED (no npm script): ${notDefined.join(', ')}`);
const failed = results.filter((r) => r.status === 'FAIL');
console.log(`${failed.length === 0 ? 'ALL LAYERS PASSED' : `FAILED: ${failed.map((r) => r.layer.name).join(', ')}`} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(failed.length === 0 ? 0 : 1);
