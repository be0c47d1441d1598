/**
 * The REST server in a child process for the benchmarks, so the client's CPU and memory are its own, and
 * /proc readings of the child's CPU time and peak memory.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVER_NODE_FLAGS } from '../src/server/launch';

export interface ChildServer { proc: ChildProcess; url: string; port: number; fingerprint: string | undefined }

export const BENCH_PASSWORD = `bench-${process.pid}-${Date.now()}`;

/** `--sample events` (and `--preload`, `--http` as asked) on a free port; resolves once it says ready. */
export function startChildServer(events: number, options: { preload?: boolean; http?: boolean } = {}): Promise<ChildServer> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', join(__dirname, '../src/server/cli.ts'), '--sample', String(events), '--port', '0',
      ...(options.preload ? ['--preload'] : []), ...(options.http ? ['--http'] : [])], {
      env: { ...process.env, SPLWB_SERVER_PASSWORD: BENCH_PASSWORD },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (!out.includes('ready\n')) return;
      const url = /listening on (\S+)/.exec(out)?.[1];
      const fingerprint = /fingerprint: (\S+)/.exec(out)?.[1];
      if (!url || (!options.http && !fingerprint)) { reject(new Error(`unexpected server output: ${out}`)); return; }
      resolve({ proc, url, port: Number(new URL(url).port), fingerprint });
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

/** CPU time (user + system) another process has used so far, in ms. */
export function childCpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  // utime and stime are fields 14 and 15 of stat (11 and 12 after the command name), in clock ticks (100/s here)
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Peak RSS of another process so far (VmHWM), in MB. */
export function childPeakMb(pid: number | undefined): number {
  if (!pid) return NaN;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}
