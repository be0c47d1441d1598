/**
 * How much real detection content the local engine runs: every shared security_content detection, with
 * its own macros expanded, is parsed and run over the Sysmon sample data (the project's generated set
 * plus the OTRF capture). Prints the share that parse and run, for event searches and for data-model
 * searches (`| tstats`, `| datamodel`, `| from datamodel`), and the top remaining blockers by count.
 *
 *   npm run conformance [-- --events 2000 --show 15 --list <blocker substring>]
 *
 * security_content's lookup files are not in the shared data set. The detections run twice: without
 * lookup files (a lookup is then an error, as in Splunk), and with a header-only CSV for each lookup a
 * detection names (columns from its own lookup command), which measures the engine rather than the data.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { concatSources, execute, fileSource, parseSpl, type EventSource } from '../src/engine';
import { writeSampleData } from '../src/search/local/sampleData';
import { expandMacros, MacroTable, parseMacrosJson } from '../src/spl/macros';
import { sharedPath } from '../test/support/sharedDir';

interface Detection { file: string; search: string }
type Outcome = { stage: 'macro' | 'parse' | 'run'; reason: string } | { stage: 'ok' };

function arg(name: string, def: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : def;
}

/** One blocker name for an error: the command or function it names, else the message without specifics. */
export function blocker(message: string): string {
  const m = /^The '([^']+)' command is not supported/.exec(message)
    ?? /^Unknown search command '([^']+)'/.exec(message);
  if (m) return `command ${m[1]!.toLowerCase()}`;
  const f = /eval function '([^']+)'|'([^']+)' eval function/.exec(message);
  if (f) return `eval function ${f[1] ?? f[2]}`;
  const s = /The (\w+) function '([^']+)' is not supported/.exec(message);
  if (s) return `${s[1]} function ${s[2]}`;
  return message.replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N').slice(0, 120);
}

const DATA_MODEL = /^\s*\|\s*(tstats|datamodel|from\s+datamodel)/i;

/** Header-only CSVs for the lookups a query names, with the columns its lookup commands use. */
function writeEmptyLookups(query: string, folder: string): void {
  for (const m of query.matchAll(/\|\s*(input|output)?lookup\s+((?:\w+=\S+\s+)*)([^\s|=]+)([^|]*)/gi)) {
    const name = m[3]!.replace(/"/g, '');
    if (!/^[\w.-]+$/.test(name)) continue;
    const file = join(folder, /\.csv$/i.test(name) ? name : `${name}.csv`);
    const cols = m[1] ? [] : m[4]!.replace(/"/g, ' ').split(/[\s,]+/).filter((w) => w !== '' && !/^(as|output|outputnew)$/i.test(w));
    if (!existsSync(file)) writeFileSync(file, `${[...new Set(cols.length ? cols : ['value'])].join(',')}\n`);
  }
}

async function runOne(query: string, source: EventSource, timeoutMs: number, lookupsFolder?: string): Promise<void> {
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(), timeoutMs);
  try {
    for await (const batch of execute(query, source, { signal: ac.signal, ...(lookupsFolder ? { lookupsFolder } : {}) })) void batch;
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<void> {
  const shared = sharedPath('datasets');
  const detections = JSON.parse(readFileSync(join(shared, 'spl-detections', 'detections.json'), 'utf8')) as Detection[];
  const table = new MacroTable(parseMacrosJson(readFileSync(join(shared, 'spl-detections', 'macros.json'), 'utf8')));
  // security_content leaves each `<name>_filter` macro for the deployment to define; empty, it is `search *`.
  const fallback = (name: string, n: number) => (n === 0 && name.endsWith('_filter') ? { name, args: [], definition: 'search *' } : undefined);

  const events = Number(arg('events', '2000'));
  const sample = join(tmpdir(), `spl-conformance-sysmon-${events}.jsonl`);
  await writeSampleData(sample, events, 7);
  const otrf = join(shared, 'sysmon-otrf', 'psh_python_webserver_2020-10-2900161507.json');
  const source = concatSources([fileSource(sample), fileSource(otrf)]);

  const groups = { event: [] as Outcome[], datamodel: [] as Outcome[] };
  const ranWithLookups = { event: 0, datamodel: 0 };
  const lookups = mkdtempSync(join(tmpdir(), 'spl-conformance-lookups-'));
  const listing = arg('list', '');
  for (const d of detections) {
    const kind = DATA_MODEL.test(d.search) ? 'datamodel' : 'event';
    let outcome: Outcome;
    const x = expandMacros(d.search, table, { fallback });
    if (x.error) outcome = { stage: 'macro', reason: x.error.message };
    else {
      try {
        parseSpl(x.text);
        try {
          await runOne(x.text, source, 10_000);
          outcome = { stage: 'ok' };
        } catch (e) {
          outcome = { stage: 'run', reason: (e as Error).message };
        }
        try {
          writeEmptyLookups(x.text, lookups);
          await runOne(x.text, source, 10_000, lookups);
          ranWithLookups[kind]++;
        } catch { /* counted by the first run's blockers */ }
      } catch (e) {
        outcome = { stage: 'parse', reason: (e as Error).message };
      }
    }
    groups[kind].push(outcome);
    if (listing !== '' && outcome.stage !== 'ok' && blocker(outcome.reason).includes(listing)) {
      console.log(`--- ${d.file}\n${outcome.reason}\n${x.text}\n`);
    }
  }

  const pct = (n: number, of: number): string => `${of === 0 ? 0 : ((100 * n) / of).toFixed(1)}%`;
  const show = Number(arg('show', '15'));
  for (const [kind, outcomes] of Object.entries(groups)) {
    const total = outcomes.length;
    const parsed = outcomes.filter((o) => o.stage === 'ok' || o.stage === 'run').length;
    const ran = outcomes.filter((o) => o.stage === 'ok').length;
    const withLookups = ranWithLookups[kind as keyof typeof ranWithLookups];
    console.log(`${kind} searches: ${total}; parse ${parsed} (${pct(parsed, total)}); run ${ran} (${pct(ran, total)}); run with empty lookup files ${withLookups} (${pct(withLookups, total)})`);
    const counts = new Map<string, number>();
    for (const o of outcomes) if (o.stage !== 'ok') counts.set(`${o.stage}: ${blocker(o.reason)}`, (counts.get(`${o.stage}: ${blocker(o.reason)}`) ?? 0) + 1);
    for (const [b, n] of [...counts].sort((a, c) => c[1] - a[1]).slice(0, show)) console.log(`  ${String(n).padStart(4)}  ${b}`);
  }
  rmSync(lookups, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
