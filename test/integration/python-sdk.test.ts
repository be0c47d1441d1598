/**
 * Splunk's Python SDK (splunklib, unchanged, from ../shared/peers/splunk-sdk-python) against the local
 * server over HTTP and HTTPS, in splunkd's default XML and in JSON; every result set is compared with what
 * the engine returns for the same query. Then the notebook loop (pandas, Hashes split per algorithm)
 * checked against the project's own splitter, and the README's Python example run as written.
 *
 * Where the SDK or Debian's python3-deprecation / python3-pandas are missing, the suite FAILS with
 * "NOT RUN: …": a layer that could not run never reports a pass.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import type { RunningServer } from '../../src/server';
import { sampleSource, validateSpl, SplError } from '../../src/server/engine-port';
import { xmlSafe } from '../../src/server/xml';
import { LocalBackend } from '../../src/search/local';
import type { Cell } from '../../src/search/backend';
import { firstValidHash, parseHashList } from '../../src/results/hashes';
import { sharedPath } from '../support/sharedDir';
import { PASSWORD, TOKEN, startCliServer, testServer } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const SDK_PATH = sharedPath('peers', 'splunk-sdk-python');
const PYTHON = '/usr/bin/python3';
const SCRIPTS = path.join(ROOT, 'test', 'python');
const EVENTS = 60_000;
const SEED = 7;

type Row = Record<string, string | string[]>;
interface ReaderOutput { rows: Row[]; messages: { type: string; text: string }[]; preview: boolean | null }

/** Fails the suite (never skips it) when the Python side cannot run here. */
function requirePythonPeer(): void {
  if (!existsSync(path.join(SDK_PATH, 'splunklib', 'client.py'))) {
    throw new Error(`NOT RUN: ../shared/peers/splunk-sdk-python is missing (${SDK_PATH} has no splunklib/client.py); ` +
      'this layer tests against Splunk\'s Python SDK kept there, so it cannot pass without it');
  }
  if (!existsSync(PYTHON)) throw new Error(`NOT RUN: ${PYTHON} is missing (Debian's python3 is needed for the Python SDK suite)`);
}

function run(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(PYTHON, args, {
      cwd: SCRIPTS, maxBuffer: 512 * 1024 * 1024,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', PYTHONPATH: SDK_PATH, PYTHONDONTWRITEBYTECODE: '1', ...env },
    }, (err, stdout, stderr) => {
      if (err) reject(new Error(`python ${args.join(' ')} failed (${err.message.split('\n')[0]}):\n${stderr}`));
      else resolve(stdout);
    });
  });
}

async function python<T>(server: RunningServer, script: string, ...args: string[]): Promise<T> {
  const out = await run([script, ...args], {
    SPLWB_SCHEME: server.protocol, SPLWB_HOST: '127.0.0.1', SPLWB_PORT: String(server.port),
    SPLWB_USER: 'admin', SPLWB_PASSWORD: PASSWORD, SPLWB_TOKEN: TOKEN,
  });
  return JSON.parse(out) as T;
}

/** The engine's answer for `query` over the same events, as rows without absent cells. */
async function engineRows(query: string): Promise<Row[]> {
  const backend = new LocalBackend(await sampleSource(EVENTS, SEED));
  const rows: Row[] = [];
  for await (const ev of backend.run(query, { maxResults: 10 * EVENTS, pageSize: 10_000 }, new AbortController().signal)) {
    if (ev.kind !== 'page') continue;
    for (const cells of ev.rows) {
      const row: Row = {};
      ev.fields.forEach((f, i) => { const c: Cell | undefined = cells[i]; if (c !== null && c !== undefined) row[f] = c; });
      rows.push(row);
    }
  }
  return rows;
}

/**
 * What an XML reader gets for those rows: characters XML 1.0 cannot carry arrive as U+FFFD (src/server/xml.ts),
 * and a one-value multivalue is indistinguishable from a single value in splunkd's XML.
 */
function asXmlReads(rows: Row[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => {
    if (!Array.isArray(v)) return [k, xmlSafe(v)];
    return [k, v.length === 1 ? xmlSafe(v[0]!) : v.map(xmlSafe)];
  })));
}

const TABLE = 'search EventCode=1 | head 300 | table _time host Image CommandLine Hashes ProcessGuid';
const HOSTILE = 'search EventCode=1 (CommandLine="*nul and*" OR CommandLine="*line one*" OR CommandLine="*<script>*") | table _time CommandLine';
const STATS = 'search * | stats count values(host) as hosts dc(Image) as images by EventCode';
const RAW = 'search EventCode=3 | head 25';
const PAGING = 'search * | table ProcessGuid _time';
const HASHES = 'search EventCode=1 | table _time host Image Hashes ProcessGuid';

describe('Splunk\'s Python SDK against the local server', function () {
  this.timeout(180_000);
  const expected = new Map<string, Row[]>();
  const want = async (q: string) => { if (!expected.has(q)) expected.set(q, await engineRows(q)); return expected.get(q)!; };

  before(async function () {
    requirePythonPeer();
    try {
      await run(['-c', 'import deprecation, pandas'], {});
    } catch (err) {
      throw new Error('NOT RUN: /usr/bin/python3 cannot import deprecation and pandas: apt-get install python3-deprecation ' +
        `python3-pandas (npm test runs scripts/vscode-host/setup.sh, which installs them). ${(err as Error).message}`, { cause: err });
    }
  });

  for (const protocol of ['http', 'https'] as const) {
    describe(`over ${protocol.toUpperCase()}`, () => {
      let server: RunningServer;
      before(async () => { server = await testServer({ protocol, events: EVENTS }); });
      after(() => server?.close());
      afterEach(() => server.faults.reset());

      it('signs in with a password (XML login, Atom server/info, v2 endpoints)', async () => {
        const out = await python<{ token_scheme: string; version: string; serverName: string; v2: boolean }>(server, 'sdk_scenarios.py', 'login-password');
        assert.deepEqual(out, { token_scheme: 'Splunk', version: '9.1.2', serverName: 'spl-workbench-emulator', v2: true });
      });

      it('signs in with a bearer token, and refuses a wrong password with AuthenticationError', async () => {
        assert.deepEqual(await python(server, 'sdk_scenarios.py', 'login-token'), { version: '9.1.2', jobs: 0 });
        const bad = await python<{ error: string; status: number; message: string }>(server, 'sdk_scenarios.py', 'login-wrong-password');
        assert.equal(bad.error, 'AuthenticationError');
        assert.equal(bad.status, 401);
      });

      it('jobs.create (normal) → job.is_done() polling → results through ResultsReader and JSONResultsReader', async () => {
        server.faults.set({ slowJobMs: 700 });
        const out = await python<{
          sid: string; states: string[]; listed: boolean; owner: string; content: Record<string, string>;
          xml: ReaderOutput; json: ReaderOutput;
        }>(server, 'sdk_scenarios.py', 'normal', STATS);
        const rows = await want(STATS);
        assert.ok(out.states.includes('RUNNING'), `polled through RUNNING: ${out.states.join(',')}`);
        assert.equal(out.states[out.states.length - 1], 'DONE');
        assert.ok(out.listed, 'jobs.list() shows the job');
        assert.equal(out.owner, 'admin');
        assert.deepEqual(out.content, { isDone: '1', isFailed: '0', dispatchState: 'DONE', resultCount: String(rows.length), doneProgress: '1' });
        assert.ok(rows.some((r) => Array.isArray(r['hosts']) && r['hosts'].length > 1), 'the query has multivalue cells');
        assert.deepEqual(out.xml, { rows: asXmlReads(rows), messages: [], preview: false });
        assert.deepEqual(out.json, { rows, messages: [], preview: false });
      });

      it('jobs.create (blocking) returns a finished job', async () => {
        const out = await python<{ dispatchState: string; isDone: string; resultCount: string; xml: ReaderOutput }>(server, 'sdk_scenarios.py', 'blocking', TABLE);
        const rows = await want(TABLE);
        assert.equal(rows.length, 300);
        assert.deepEqual({ ...out, xml: undefined }, { dispatchState: 'DONE', isDone: '1', resultCount: '300', xml: undefined });
        assert.deepEqual(out.xml.rows, asXmlReads(rows));
      });

      it('jobs.oneshot carries attacker-controlled text (<, &, NUL, CR) intact in JSON and safely in XML', async () => {
        const out = await python<{ xml: ReaderOutput; json: ReaderOutput }>(server, 'sdk_scenarios.py', 'oneshot', HOSTILE);
        const rows = await want(HOSTILE);
        const lines = rows.map((r) => String(r['CommandLine']));
        for (const needle of ['\u0000', '\r\n', '<script>']) assert.ok(lines.some((l) => l.includes(needle)), `the data holds ${JSON.stringify(needle)}`);
        assert.deepEqual(out.json.rows, rows);
        assert.deepEqual(out.xml.rows, asXmlReads(rows));
        assert.ok(out.xml.rows.some((r) => String(r['CommandLine']).includes('\r\n')), 'CR survives the XML parser');
      });

      it('jobs.export streams XML by default, and JSON or CSV when asked', async () => {
        const out = await python<{ xml: ReaderOutput; json: ReaderOutput; csv: string }>(server, 'sdk_scenarios.py', 'export', RAW);
        const rows = await want(RAW);
        assert.equal(rows.length, 25);
        assert.ok(rows.every((r) => typeof r['_raw'] === 'string'), 'event rows carry _raw');
        assert.deepEqual(out.xml.rows, asXmlReads(rows));
        // `_time` in the form results give it (ISO 8601), as splunkd does in every output.
        assert.deepEqual(out.json.rows, rows);
        const csv = Papa.parse<Record<string, string>>(out.csv, { header: true, skipEmptyLines: true });
        assert.equal(csv.data.length, 25);
        assert.deepEqual(csv.data.map((r) => r['ProcessGuid']), rows.map((r) => r['ProcessGuid']));
      });

      it('jobs.export as CSV has a header covering fields that only later rows bring', async () => {
        // One row past the engine's first batches gets a field no other row has.
        const guid = String((await want('search * | head 3000'))[2500]!['ProcessGuid']);
        const query = `search * | head 3000 | eval late=if(ProcessGuid=="${guid}", "yes", null())`;
        const rows = await want(query);
        assert.equal(rows.filter((r) => r['late'] === 'yes').length, 1);
        const out = await python<{ xml: ReaderOutput; json: ReaderOutput; csv: string }>(server, 'sdk_scenarios.py', 'export', query);
        const csv = Papa.parse<Record<string, string>>(out.csv, { header: true, skipEmptyLines: true });
        assert.ok(csv.meta.fields?.includes('late'), 'the header names the late field');
        assert.equal(csv.data.length, rows.length);
        assert.deepEqual(csv.data.filter((r) => r['late'] === 'yes').map((r) => r['ProcessGuid']), [guid]);
        assert.deepEqual(csv.data.map((r) => r['_time']), rows.map((r) => r['_time']), 'CSV _time as results show it');
        assert.deepEqual(out.json.rows, rows);
      });

      it('job.summary() and job.timeline() are splunkd\'s XML, counted from the job\'s rows', async () => {
        const query = 'search EventCode=1 | head 500';
        const rows = await want(query);
        const out = await python<{ count: number; fields: Record<string, { c: number; nc: number; dc: number; modes: [string, number][] }>;
          timeline: { c: number; buckets: [number, number, string][] } }>(server, 'sdk_scenarios.py', 'summary-timeline', query);
        assert.equal(out.count, rows.length);
        const images = rows.map((r) => r['Image']).filter((v): v is string => typeof v === 'string');
        const image = out.fields['Image']!;
        assert.equal(image.c, images.length);
        assert.equal(image.nc, rows.length - images.length);
        assert.equal(image.dc, new Set(images).size);
        const top = image.modes[0]!;
        assert.equal(top[1], images.filter((v) => v === top[0]).length);
        assert.ok(image.modes.every(([, n]) => n <= top[1]));
        assert.equal(out.timeline.c, rows.length);
        assert.equal(out.timeline.buckets.reduce((n, b) => n + b[1], 0), rows.length);
        for (const [a, , t] of out.timeline.buckets) assert.equal(Date.parse(t), a * 1000);
      });

      it('job.cancel() stops a running job; the SDK then gets 404 Unknown sid', async () => {
        server.faults.set({ slowJobMs: 20_000 });
        const out = await python<{ sid: string; before: string; after: { status: number; message: string } }>(server, 'sdk_scenarios.py', 'cancel', TABLE);
        assert.ok(['QUEUED', 'PARSING', 'RUNNING'].includes(out.before), out.before);
        assert.equal(out.after.status, 404);
        assert.match(out.after.message, /Unknown sid\./);
        assert.equal(server.jobs.get(out.sid), undefined);
      });

      it('a search that does not parse fails with the engine\'s error in splunkd\'s XML error shape', async () => {
        const query = 'search * | nosuchcommand x=1';
        let engineMessage = '';
        try { validateSpl(query); } catch (err) { if (err instanceof SplError) engineMessage = err.message; }
        assert.ok(engineMessage, 'the engine rejects it');
        const out = await python<{ rejected: { status: number; message: string } }>(server, 'sdk_scenarios.py', 'failed', query);
        assert.equal(out.rejected.status, 400);
        assert.ok(out.rejected.message.endsWith(` -- ${engineMessage}`), out.rejected.message);
      });

      it('a job that fails after dispatch reports FAILED with its message', async () => {
        server.faults.set({ failJobs: 'Error in \'lookup\' command: <table> & "file" missing' });
        const out = await python<{ dispatchState: string; isFailed: string; messages: Record<string, string[]>; xml: ReaderOutput }>(server, 'sdk_scenarios.py', 'failed-after-dispatch', TABLE);
        assert.equal(out.dispatchState, 'FAILED');
        assert.equal(out.isFailed, '1');
        assert.deepEqual(out.messages, { fatal: ['Error in \'lookup\' command: <table> & "file" missing'] });
        assert.deepEqual(out.xml.messages, [{ type: 'FATAL', text: 'Error in \'lookup\' command: <table> & "file" missing' }]);
      });

      it('pages past 50,000 rows with offset', async () => {
        const out = await python<{ resultCount: number; pages: { offset: number; rows: [string, string][] }[]; beyond: number }>(server, 'sdk_scenarios.py', 'paging', PAGING);
        const rows = await want(PAGING);
        assert.equal(rows.length, EVENTS);
        assert.equal(out.resultCount, EVENTS);
        assert.deepEqual(out.pages.map((p) => [p.offset, p.rows.length]), [[0, 50_000], [50_000, EVENTS - 50_000]]);
        assert.deepEqual(out.pages.flatMap((p) => p.rows), rows.map((r) => [r['ProcessGuid'], r['_time']]));
        assert.equal(out.beyond, 0);
      });

      it('the notebook loop: results into pandas, Hashes split into SHA256 and MD5 as the project splits them', async () => {
        const out = await python<{ rows: { ProcessGuid: string; Hashes: string; SHA256: string | null; MD5: string | null }[]; uniqueSha256: Record<string, number> }>(server, 'notebook.py', HASHES);
        const rows = await want(HASHES);
        assert.equal(out.rows.length, rows.length);
        const counts = new Map<string, number>();
        out.rows.forEach((got, i) => {
          const row = rows[i]!;
          assert.equal(got.ProcessGuid, row['ProcessGuid']);
          const parsed = parseHashList(String(row['Hashes']));
          const sha256 = firstValidHash(parsed, 'SHA256')?.value ?? null;
          assert.deepEqual([got.SHA256, got.MD5], [sha256, firstValidHash(parsed, 'MD5')?.value ?? null], `row ${i}: ${got.Hashes}`);
          if (sha256) counts.set(sha256, (counts.get(sha256) ?? 0) + 1);
        });
        assert.ok(out.rows.some((r) => r.MD5 === null) && out.rows.some((r) => r.MD5 !== null), 'some hosts hash without MD5');
        assert.deepEqual(out.uniqueSha256, Object.fromEntries(counts));
      });
    });
  }

  describe('the README example', () => {
    it('runs as written against `npm run server` (only the port changed)', async function () {
      const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
      const section = readme.slice(readme.indexOf('## Use the local server from Python or Jupyter'));
      const command = /```bash\n(npm run server -- [^\n]+)\n```/.exec(section)?.[1];
      const code = /```python\n([\s\S]*?)```/.exec(section)?.[1];
      assert.ok(command && code, 'the README section has the server command and a python block');
      assert.equal(code.trim().split('\n').length, 5, 'five lines');
      const args = command.replace('npm run server -- ', '').split(/\s+/);
      const cli = await startCliServer([...args, '--port', '0']);
      const dir = mkdtempSync(path.join(tmpdir(), 'splwb-readme-'));
      try {
        const file = path.join(dir, 'example.py');
        writeFileSync(file, code.replace('port=8089', `port=${cli.port}`));
        const out = await run([file], {});
        assert.match(out, /SHA256/);
        assert.match(out, /\b[0-9A-F]{64}\b/, `prints SHA256 values:\n${out}`);
      } finally {
        cli.child.kill();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
