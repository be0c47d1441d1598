/** `npm run bench [filter]`: runs every bench/*.bench.ts, prints one line per figure, writes bench/results/latest.json. */
import { readdirSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import os from 'node:os';
import { type Benchmark, type Figure, summarise, formatFigure } from './lib';

async function main(): Promise<void> {
  const filter = process.argv[2];
  const files = readdirSync(__dirname).filter((f) => f.endsWith('.bench.ts')).sort();
  const figures: Figure[] = [];
  for (const file of files) {
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
  }
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
  writeFileSync(join(dir, 'latest.json'), JSON.stringify({ date: new Date().toISOString(), machine, figures }, null, 2));
  console.log(`\nwrote ${join(dir, 'latest.json')}`);
}

main().catch((e) => { console.error(e); process.exit(1); });
