/**
 * End to end through the real client: from job creation to the last row received by SplunkBackend,
 * against the REST server over HTTPS (pinned self-signed certificate), for a `| table` of 12 fields
 * over generated Sysmon-like events. The server runs in a child process so the client's peak RSS is
 * its own; the rows are kept, as the result store would keep them. CPU time is reported for both
 * sides because wall time on a shared machine moves with the load.
 */
import { SplunkBackend } from '../src/search/splunk';
import type { Cell } from '../src/search/backend';
import { type Benchmark, withPeakRss } from './lib';
import { BENCH_PASSWORD as PASSWORD, childCpuMs, childPeakMb, startChildServer, type ChildServer } from './childServer';

const FIELDS = ['_time', 'host', 'Computer', 'EventCode', 'Image', 'CommandLine', 'User', 'ProcessId', 'ParentImage', 'ParentProcessId', 'IntegrityLevel', 'Hashes'];
const QUERY = `search | table ${FIELDS.join(' ')}`;
const WARMUP = 1;
const RUNS = 3;

const servers = new Map<string, Promise<ChildServer>>();
process.on('exit', () => { for (const s of servers.values()) void s.then((c) => c.proc.kill()); });

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
      if (!servers.has(key)) servers.set(key, startChildServer(events, { preload }));
      const server = await servers.get(key)!;
      (globalThis as { gc?: () => void }).gc?.();
      const backend = new SplunkBackend(
        { url: server.url, auth: { kind: 'password', username: 'admin', password: PASSWORD }, tls: { mode: 'fingerprint', sha256: server.fingerprint! } },
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
