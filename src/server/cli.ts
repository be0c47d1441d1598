/**
 * `npm run server -- --data <file> [--port 8089] [--http] [--user admin --password <pw>] [--token <t>]
 *  [--version 9.1.2] [--sample N] [--preload] [--reread] [--cert cert.pem --key key.pem] [--host 127.0.0.1]`
 * `--verbose` prints one line per request (method, path, status). `--preload` keeps the parsed events in memory (like an index) so searches skip re-reading the file;
 * `--sample` data is always kept so (it is generated for searching), unless `--reread` asks for the file path per search.
 * `npm run server` gives Node a 64 MB semi-space: the engine allocates a row object per event, and with the default young
 * generation the collector takes most of a search's time (0.33 s instead of 1.7-4.8 s for 100,000 rows, measured).
 * Secrets may also come from SPLWB_SERVER_PASSWORD / SPLWB_SERVER_TOKEN so they stay out of shell history.
 * Prints the URL (and the certificate fingerprint for HTTPS); never prints a password or token.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileSource, preloadSource, sampleSource, type EventSource } from './engine-port';
import { startServer } from './server';

function usage(message: string): never {
  process.stderr.write(`${message}\nusage: npm run server -- (--data <file.jsonl|json|csv> | --sample N) [--port 8089] [--http] [--user admin] [--password <pw>] [--token <t>] [--version 9.1.2] [--preload] [--reread] [--verbose] [--cert <pem> --key <pem>]\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' }, sample: { type: 'string' }, seed: { type: 'string' },
      port: { type: 'string' }, host: { type: 'string' }, http: { type: 'boolean' },
      user: { type: 'string' }, password: { type: 'string' }, token: { type: 'string', multiple: true },
      version: { type: 'string' }, cert: { type: 'string' }, key: { type: 'string' }, preload: { type: 'boolean' }, reread: { type: 'boolean' }, verbose: { type: 'boolean' },
    },
    strict: true,
  });
  let source: EventSource;
  if (values.data) source = fileSource(values.data);
  else if (values.sample) {
    const n = Number(values.sample);
    if (!Number.isInteger(n) || n < 0) usage('--sample needs a whole number');
    source = await sampleSource(n, Number(values.seed ?? 1));
  } else usage('give --data <file> or --sample N');
  if (values.preload && values.reread) usage('--preload and --reread exclude each other');
  // Generated data exists to be searched: keep it in memory like an index, unless asked to re-read it per search.
  if (values.preload || (values.sample !== undefined && !values.reread)) source = await preloadSource(source);

  const password = values.password ?? process.env['SPLWB_SERVER_PASSWORD'];
  const tokens = [...(values.token ?? []), ...(process.env['SPLWB_SERVER_TOKEN'] ? [process.env['SPLWB_SERVER_TOKEN']] : [])];
  if (!password && tokens.length === 0) usage('give --password (or SPLWB_SERVER_PASSWORD) and/or --token (or SPLWB_SERVER_TOKEN)');
  if ((values.cert === undefined) !== (values.key === undefined)) usage('--cert and --key go together');
  const user = values.user ?? 'admin';

  const server = await startServer({
    source,
    protocol: values.http ? 'http' : 'https',
    host: values.host ?? '127.0.0.1',
    port: Number(values.port ?? 8089),
    users: password ? { [user]: password } : {},
    tokens,
    ...(values.version ? { version: values.version } : {}),
    // request lines carry method, path and status only: never credentials or query strings
    ...(values.verbose ? { log: (line: string) => process.stdout.write(`${new Date().toISOString()} ${line}\n`) } : {}),
    ...(values.cert && values.key ? { certificate: { certPem: readFileSync(values.cert, 'utf8'), keyPem: readFileSync(values.key, 'utf8') } } : {}),
  });
  process.stdout.write(`SPL Workbench test server listening on ${server.url}\n`);
  if (password) process.stdout.write(`user: ${user} (password as given)\n`);
  if (tokens.length) process.stdout.write(`bearer tokens accepted: ${tokens.length}\n`);
  if (server.fingerprint256) process.stdout.write(`certificate SHA-256 fingerprint: ${server.fingerprint256}\n`);
  process.stdout.write('ready\n');
  const stop = () => { void server.close().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`server failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
