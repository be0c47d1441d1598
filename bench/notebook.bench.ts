/**
 * The project's path against the hunter's notebook loop, side by side: the same server (a child process,
 * `--sample 100000 --preload --http`), the same search, the same 100,000 rows, alternating which goes first.
 * The notebook: splunklib's JSONResultsReader pages into a pandas DataFrame, `Hashes` split into SHA256 and
 * MD5 with str.split (bench/python/notebook_loop.py). The project: SplunkBackend → ResultStore → the
 * SHA256 and MD5 columns. Wall and CPU of each client (the server's CPU is neither's), and the wall ratio
 * per pair (project / notebook; the target is ≤ 0.5). Where Python, pandas or the SDK are missing the
 * notebook side prints why and the project's figures still come out.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SplunkBackend } from '../src/search/splunk';
import { ResultStore } from '../src/results/store';
import { hashColumnsFor } from '../src/results/hashes';
import { sharedPath } from '../test/support/sharedDir';
import type { Benchmark } from './lib';
import { BENCH_PASSWORD, childCpuMs, startChildServer, type ChildServer } from './childServer';

const EVENTS = 100_000;
const QUERY = `search index=sysmon | head ${EVENTS} | fields - _* | table host Image CommandLine User ProcessId ParentImage Hashes`;
const PYTHON = '/usr/bin/python3';
const SDK = sharedPath('peers', 'splunk-sdk-python');
const SCRIPT = join(__dirname, 'python', 'notebook_loop.py');
const RUNS = 5;

/** Why the notebook side cannot run here, or undefined when it can. */
function pythonMissing(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  if (!existsSync(join(SDK, 'splunklib', 'client.py'))) return `Splunk's Python SDK is missing (${SDK} has no splunklib/client.py)`;
  try {
    execFileSync(PYTHON, ['-c', 'import pandas, deprecation'], { stdio: 'pipe', env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin' } });
  } catch {
    return `${PYTHON} cannot import pandas and deprecation (Debian: apt install python3-pandas python3-deprecation)`;
  }
  return undefined;
}

interface NotebookFigures { wall: number; cpu: number; rows: number; split: number; sha256: number }

function notebook(server: ChildServer): Promise<NotebookFigures> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, [SCRIPT, QUERY, String(EVENTS)], {
      maxBuffer: 16 * 1024 * 1024,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', PYTHONPATH: SDK, PYTHONDONTWRITEBYTECODE: '1',
        SPLWB_SCHEME: 'http', SPLWB_HOST: '127.0.0.1', SPLWB_PORT: String(server.port), SPLWB_USER: 'admin', SPLWB_PASSWORD: BENCH_PASSWORD },
    }, (err, stdout, stderr) => {
      if (err) reject(new Error(`notebook loop failed: ${err.message.split('\n')[0]}\n${stderr}`));
      else resolve(JSON.parse(stdout) as NotebookFigures);
    });
  });
}

/** SplunkBackend → ResultStore → SHA256 and MD5 for every row, as the grid would show them. */
async function project(server: ChildServer): Promise<{ wall: number; cpu: number; fetch: number; split: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const backend = new SplunkBackend({ url: server.url, auth: { kind: 'password', username: 'admin', password: BENCH_PASSWORD }, tls: { mode: 'insecure' } },
    { pollIntervalMs: 50, maxPollIntervalMs: 50 });
  const store = new ResultStore();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for await (const ev of backend.run(QUERY, { maxResults: EVENTS, pageSize: 50_000 }, new AbortController().signal)) {
    if (ev.kind === 'page') store.append(ev);
  }
  const t1 = performance.now();
  store.setDerivedColumns([hashColumnsFor('Hashes')]);
  const sha = store.columnValues('SHA256') ?? [];
  const md5 = store.columnValues('MD5') ?? [];
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  backend.dispose();
  if (store.rowCount !== EVENTS || sha.length !== EVENTS || md5.length !== EVENTS) throw new Error(`project path: ${store.rowCount} rows`);
  return { wall: (t2 - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, fetch: (t1 - t0) / 1000, split: (t2 - t1) / 1000 };
}

let server: Promise<ChildServer> | undefined;
let calls = 0;
let reported = false;
process.on('exit', () => { void server?.then((s) => s.proc.kill()); });

export const benchmarks: Benchmark[] = [{
  name: 'notebook loop vs project path, 100,000 results (http, preloaded)',
  unit: 'ratio',
  warmup: 1,
  runs: RUNS,
  measure: async () => {
    calls++;
    server ??= startChildServer(EVENTS, { preload: true, http: true });
    const s = await server;
    const missing = pythonMissing();
    if (missing && !reported) { console.log(`notebook loop NOT RUN: ${missing}; the project's figures follow alone`); reported = true; }
    const serverCpu0 = childCpuMs(s.proc.pid);
    let nb: NotebookFigures | undefined;
    let pr: Awaited<ReturnType<typeof project>>;
    // Alternate which goes first, so neither always meets a server (and page cache) warmed by the other.
    if (!missing && calls % 2 === 0) { nb = await notebook(s); pr = await project(s); } else { pr = await project(s); if (!missing) nb = await notebook(s); }
    const serverCpu = childCpuMs(s.proc.pid) - serverCpu0;
    if (nb && nb.rows !== EVENTS) throw new Error(`notebook loop: ${nb.rows} rows`);
    if (calls === RUNS + 1) { s.proc.kill(); server = undefined; }
    const out: Record<string, { value: number; unit: string }> = {
      'notebook.project path: wall': { value: pr.wall * 1000, unit: 'ms' },
      'notebook.project path: client CPU': { value: pr.cpu * 1000, unit: 'ms' },
      'notebook.project path: fetch (job create → last row in the store)': { value: pr.fetch * 1000, unit: 'ms' },
      'notebook.project path: SHA256 + MD5 split': { value: pr.split * 1000, unit: 'ms' },
    };
    if (nb) {
      out['notebook.notebook loop: wall'] = { value: nb.wall * 1000, unit: 'ms' };
      out['notebook.notebook loop: client CPU'] = { value: nb.cpu * 1000, unit: 'ms' };
      out['notebook.notebook loop: pandas split'] = { value: nb.split * 1000, unit: 'ms' };
      out['notebook.ratio project / notebook: wall'] = { value: pr.wall / nb.wall, unit: 'ratio (target <= 0.5)' };
      out['notebook.ratio project / notebook: client CPU'] = { value: pr.cpu / nb.cpu, unit: 'ratio' };
    }
    out['notebook.server CPU for both'] = { value: serverCpu, unit: 'ms' };
    return out;
  },
}];
