/**
 * The benchmark contract: each `bench/*.bench.ts` exports `benchmarks`, a list of figures.
 * `npm run bench` warms each one up, runs it several times and prints name, median, min, max, unit.
 */
export interface Benchmark {
  /** e.g. "engine.filter.jsonl 1,000,000 events" */
  name: string;
  /** e.g. "events/s", "ms", "MB/s", "MB" */
  unit: string;
  warmup?: number;
  runs?: number;
  /** One measurement. Return the figure in `unit`. May return several named figures at once. */
  measure: () => Promise<number | Record<string, { value: number; unit: string }>>;
}

export interface Figure {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  samples: number[];
}

export function summarise(name: string, unit: string, samples: number[]): Figure {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { name, unit, median, min: sorted[0]!, max: sorted[sorted.length - 1]!, samples };
}

export function formatFigure(f: Figure): string {
  const n = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(2));
  return `${f.name.padEnd(58)} median ${n(f.median).padStart(14)}  min ${n(f.min).padStart(14)}  max ${n(f.max).padStart(14)}  ${f.unit}`;
}

/** Peak resident set size of this process so far, in MB, sampled on an interval while `fn` runs. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage.rss()); }, 10);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage.rss());
    return { result, peakMb: peak / (1024 * 1024) };
  } finally {
    clearInterval(timer);
  }
}
