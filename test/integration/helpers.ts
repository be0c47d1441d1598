/** Shared set-up for the integration suites: servers over the real engine, real splunk-sdk services, log capture. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import Service = require('splunk-sdk/lib/service');
import { startServer, type RunningServer, type ServerOptions } from '../../src/server';
import { sampleSource } from '../../src/server/engine-port';
import type { Logger } from '../../src/search/splunk';

export const PASSWORD = 'Sup3r-Secret-pw!';
export const TOKEN = 'eyJraWQiOiJzcGx1bmsuc2VjcmV0IiwiYWxnIjoiSFM1MTIifQ.eyJpc3MiOiJhZG1pbiJ9.c2lnbmF0dXJlLXNlY3JldA';

/** Searches run over generated Sysmon-like events in a JSON Lines file, through the engine's file source. */
export async function testServer(options: Partial<ServerOptions> & { events?: number } = {}): Promise<RunningServer> {
  const { events = 1000, ...rest } = options;
  return startServer({
    source: await sampleSource(events, 7),
    users: { admin: PASSWORD },
    tokens: [TOKEN],
    ...rest,
  });
}

/** A splunk-sdk Service with the SDK's own transport (needle), pointed at `server`. */
export function sdkService(server: Pick<RunningServer, 'protocol' | 'port'>, params: Service.Params = {}): Service {
  return new Service({ scheme: server.protocol, host: '127.0.0.1', port: server.port, ...params });
}

export interface CliServer { child: ChildProcess; port: number; url: string; output(): string }

/** The server as users run it: its own process through the CLI, resolved once it prints `ready`. */
export async function startCliServer(args: string[]): Promise<CliServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '../../src/server/cli.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (c: Buffer) => { out += c.toString(); if (out.includes('ready\n')) resolve(); });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
  } catch (e) { child.kill(); throw e; }
  const url = /listening on (https?:\/\/127\.0\.0\.1:(\d+))/.exec(out);
  if (!url) { child.kill(); throw new Error(`no URL in: ${out}`); }
  return { child, port: Number(url[2]), url: url[1]!, output: () => out };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `check` is true or fails after `ms`. */
export async function eventually(check: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached in time');
    await sleep(10);
  }
}

/** A Logger that keeps every line, for asserting what the client logs (and that it leaks nothing). */
export class CapturingLogger implements Logger {
  readonly lines: string[] = [];
  info(m: string) { this.lines.push(`info ${m}`); }
  warn(m: string) { this.lines.push(`warn ${m}`); }
  error(m: string) { this.lines.push(`error ${m}`); }
  debug(m: string) { this.lines.push(`debug ${m}`); }
}

/** Paths the server saw, without sids, for v1/v2 assertions. */
export function seenPaths(server: RunningServer): string[] {
  return server.requests.map((r) => `${r.method} ${r.path.replace(/\/\d+\.\d+(?=\/|$)/, '/<sid>')}`);
}

// The SDK prints every server message to the console; the suites assert on them instead.
(require('splunk-sdk/lib/log') as typeof import('splunk-sdk/lib/log')).Logger.setLevel('NONE');
