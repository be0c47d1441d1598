/** `npm run sample-data -- --events N --out <file.jsonl> [--seed S]`: writes the Sysmon sample data set. */
import { writeSampleData } from '../src/search/local/sampleData';

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const count = Number(argValue(args, '--events') ?? '10000');
  const out = argValue(args, '--out') ?? 'sample-data/sysmon.jsonl';
  const seed = Number(argValue(args, '--seed') ?? '1');
  if (!Number.isInteger(count) || count < 0 || !Number.isFinite(seed)) {
    console.error('usage: npm run sample-data -- --events N --out <file.jsonl> [--seed S]');
    process.exit(2);
  }
  const started = Date.now();
  writeSampleData(out, count, seed).then(
    () => console.log(`wrote ${count.toLocaleString('en-US')} events to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`),
    (e: unknown) => { console.error(e); process.exit(1); },
  );
}
