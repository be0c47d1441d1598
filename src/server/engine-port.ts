/** The server's view of the SPL engine and of the project's sample-data generator. */
import { existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { generateSysmonEvents as generate, writeSampleData } from '../search/local/sampleData';
import { arraySource, fileSource, type EventSource, type FileSource, type SplEvent } from '../engine';

export * from '../engine';
export { generateSysmonEvents, writeSampleData } from '../search/local/sampleData';

/**
 * A file source over `count` generated Sysmon-like events (deterministic per seed), written once as
 * JSON Lines under the temp directory and reused, so searches go through the engine's real file path
 * (normalisation to _time/host/source, prefilter, progress).
 */
export async function sampleSource(count: number, seed = 1, dir = tmpdir()): Promise<FileSource> {
  // The name carries a digest of the generator's first events, so a changed generator never reuses a stale file.
  const digest = createHash('sha256').update(JSON.stringify([...generate(20, seed)])).digest('hex').slice(0, 10);
  const path = join(dir, `splwb-sample-${count}-${seed}-${digest}.jsonl`);
  if (!existsSync(path) || statSync(path).size === 0) {
    const partial = `${path}.${process.pid}.tmp`;
    await writeSampleData(partial, count, seed);
    const { renameSync } = await import('node:fs');
    renameSync(partial, path);
  }
  return fileSource(path);
}

/**
 * Reads a source once and keeps its (normalised) events in memory, the way an index holds data:
 * later searches skip parsing. Costs memory roughly proportional to the data.
 */
export async function preloadSource(source: EventSource): Promise<EventSource> {
  const events: SplEvent[] = [];
  for await (const batch of source.batches()) for (const e of batch) events.push(e);
  return arraySource(events);
}
