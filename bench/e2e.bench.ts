/**
 * End to end through the real client: from job creation to the last row received by SplunkBackend,
 * against the REST server over HTTPS (pinned self-signed certificate), for a `| table` of 12 fields
 * over generated Sysmon-like events. The server runs in a child process so the client's peak RSS is
 * its own; the rows are kept, as the result store would keep them. CPU time is reported for both
 * sides because wall time on a shared machine moves with the load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SplunkBackend } from '../src/search/splunk';
import type { Cell } from '../src/search/backend';
import { type Benchmark, withPeakRss } from './lib';

const FIELDS = ['_time', 'host', 'Computer', 'EventCode', 'Image', 'CommandLine', 'User', 'ProcessId', 'ParentImage', 'ParentProcessId', 'IntegrityLevel', 'Hashes'];
const QUERY = `search | table ${FIELDS.join(' ')}`;
const PASSWORD = `bench-${process.pid}-${Date.now()}`;
const WARMUP = 1;
const RUNS = 3;

interface ChildServer { proc: ChildProcess; url: string; fingerprint: string }
const servers = new Map<string, Promise<ChildServer>>();
process.on('exit', () => { for (const s of servers.values()) void s.then((c) => c.proc.kill()); });

function startChild(events: number, preload: boolean): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../src/server/cli.ts'), '--sample', String(events), '--port', '0', ...(preload ? ['--preload'] : [])], {
      env: { ...process.env, SPLWB_SERVER_PASSWORD: PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('ready\n')) return;
      const url = /listening on (\S+)/.exec(out)?.[1];
      const fingerprint = /fingerprint: (\S+)/.exec(out)?.[1];
      if (!url || !fingerprint) { reject(new Error(`unexpected server output: ${out}`)); return; }
      resolve({ proc, url, fingerprint });
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** CPU time (user + system) another process has used so far, in ms. */
function childCpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100/s here)
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Peak RSS of another process so far (VmHWM), in MB. */
function childPeakMb(pid: number | undefined): number {
  if (!pid) return NaN;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** `preload`: the server holds the parsed events in memory (like an index) instead of re-reading the JSONL file per search. */
function e2e(events: number, preload: boolean): Benchmark {
  let calls = 0;
  const label = `${events.toLocaleString('en-US')}${preload ? ' (preloaded)' : ''}`;
  const key = label;
  return {
    name: `e2e.splunk-backend.https ${label} results x 12 fields`,
    unit: 'rows/s',
    warmup: WARMUP,
    runs: RUNS,
    measure: async () => {
      calls++;
      if (!servers.has(key)) servers.set(key, startChild(events, preload));
      const server = await servers.get(key)!;
      (globalThis as { gc?: () => void }).gc?.();
      const backend = new SplunkBackend(
        { url: server.url, auth: { kind: 'password', username: 'admin', password: PASSWORD }, tls: { mode: 'fingerprint', sha256: server.fingerprint } },
        { pollIntervalMs: 50, maxPollIntervalMs: 200 },
      );
      const kept: Cell[][][] = [];
      const serverCpu0 = childCpuMs(server.proc.pid);
      const clientCpu0 = process.cpuUsage();
      const started = performance.now();
      const { result: rows, peakMb } = await withPeakRss(async () => {
        let n = 0;
        for await (const ev of backend.run(QUERY, { maxResults: events }, new AbortController().signal)) {
          if (ev.kind === 'page' && !ev.preview) { kept.push(ev.rows); n += ev.rows.length; }
        }
        return n;
      });
      const seconds = (performance.now() - started) / 1000;
      const clientCpu = process.cpuUsage(clientCpu0);
      const serverCpuMs = childCpuMs(server.proc.pid) - serverCpu0;
      backend.dispose();
      if (rows !== events) throw new Error(`expected ${events} rows, got ${rows}`);
      const serverPeak = childPeakMb(server.proc.pid);
      if (calls === WARMUP + RUNS) { server.proc.kill(); servers.delete(key); }
      return {
        [`e2e.https ${label} results: throughput`]: { value: rows / seconds, unit: 'rows/s' },
        [`e2e.https ${label} results: job create → last row`]: { value: seconds * 1000, unit: 'ms' },
        [`e2e.https ${label} results: client CPU`]: { value: (clientCpu.user + clientCpu.system) / 1000, unit: 'ms' },
        [`e2e.https ${label} results: server CPU (engine + REST)`]: { value: serverCpuMs, unit: 'ms' },
        [`e2e.https ${label} results: client peak RSS`]: { value: peakMb, unit: 'MB' },
        [`e2e.https ${label} results: server peak RSS`]: { value: serverPeak, unit: 'MB' },
      };
    },
  };
}

export const benchmarks: Benchmark[] = [
  e2e(10_000, false), e2e(100_000, false), e2e(500_000, false),
  e2e(100_000, true), e2e(500_000, true),
];
