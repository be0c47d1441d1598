/**
 * `npm run bench [filter]`: runs every bench/*.bench.ts, prints one line per figure, writes
 * bench/results/latest.json. Each file runs in a process of its own, so no figure pays for the heap
 * an earlier file left behind (half a million grid rows, a million hash lists): in one shared process
 * the later files measured their own work plus the collector marking everyone else's.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { type Benchmark, type Figure, summarise, formatFigure } from './lib';

const ONLY = '--only';

/** Runs the benchmarks of one file in this process and returns their figures. */
async function runFile(file: string, filter: string | undefined): Promise<Figure[]> {
  const figures: Figure[] = [];
  const mod = (await import(join(__dirname, file))) as { benchmarks: Benchmark[] };
  for (const b of mod.benchmarks) {
    if (filter && !b.name.includes(filter)) continue;
    for (let i = 0; i < (b.warmup ?? 1); i++) await b.measure();
    const samples = new Map<string, { unit: string; values: number[] }>();
    for (let i = 0; i < (b.runs ?? 5); i++) {
      const m = await b.measure();
      const entries = typeof m === 'number' ? { [b.name]: { value: m, unit: b.unit } } : m;
      for (const [name, { value, unit }] of Object.entries(entries)) {
        const s = samples.get(name) ?? { unit, values: [] };
        s.values.push(value);
        samples.set(name, s);
      }
    }
    for (const [name, s] of samples) {
      const f = summarise(name, s.unit, s.values);
      figures.push(f);
      console.log(formatFigure(f));
    }
  }
  return figures;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.indexOf(ONLY);
  if (only >= 0) {
    // A child: one file, its figures handed back through the file the parent named.
    const [file, out] = [args[only + 1]!, args[only + 2]!];
    const filter = args.filter((_, i) => i < only || i > only + 2)[0];
    writeFileSync(out, JSON.stringify(await runFile(file, filter)));
    process.exit(0); // benches may leave servers or timers behind; the figures are written
  }
  const filter = args[0];
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
  const tmp = mkdtempSync(join(os.tmpdir(), 'spl-bench-'));
  const figures: Figure[] = [];
  let failed = 0;
  try {
    for (const file of files) {
      const out = join(tmp, `${file}.json`);
      const r = spawnSync(process.execPath, [...process.execArgv, __filename, ...(filter ? [filter] : []), ONLY, file, out], { stdio: 'inherit' });
      if (r.status !== 0) {
        console.error(`bench: ${file} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`}); its figures are missing`);
        failed++;
        continue;
      }
      figures.push(...(JSON.parse(readFileSync(out, 'utf8')) as Figure[]));
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  writeFileSync(join(dir, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2));
  console.log(`\nwrote ${join(dir, 'latest.json')}`);
  if (failed > 0) process.exit(1);
}

main().catch((e) => { console.error(e); process.exit(1); });
