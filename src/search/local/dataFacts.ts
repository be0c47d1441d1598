/**
 * What the local data files hold, for completion: field names (with a summary over the first
 * events of each file) and the index and sourcetype values the local engine gives them.
 */
import { fileSource, type SplEvent } from '../../engine';
import { summariseFields } from '../../spl/fieldSummary';
import type { DocumentFacts } from '../../spl/documentFacts';

/** Events read from the start of each file: enough to name its fields, cheap on a large file. */
export const SAMPLE_EVENTS_PER_FILE = 1000;

export async function localDataFacts(paths: readonly string[], signal?: AbortSignal, perFile = SAMPLE_EVENTS_PER_FILE): Promise<Pick<DocumentFacts, 'fields' | 'indexes' | 'sourcetypes'>> {
  const events: SplEvent[] = [];
  for (const path of paths) {
    const taken: SplEvent[] = [];
    for await (const batch of fileSource(path, { batchSize: Math.min(perFile, 1000) }).batches(signal)) {
      taken.push(...batch.slice(0, perFile - taken.length));
      if (taken.length >= perFile) break;
    }
    events.push(...taken);
  }
  const names: string[] = [];
  const seen = new Set<string>();
  for (const e of events) for (const k of Object.keys(e)) if (!seen.has(k)) { seen.add(k); names.push(k); }
  const fields = summariseFields(names, (f) => events.map((e) => e[f] ?? null), events.length, 'local data');
  const valuesOf = (name: string) => (fields.find((f) => f.name === name)?.topValues ?? []).map((v) => v.value);
  return { fields: fields.filter((f) => !f.name.startsWith('_') || f.name === '_time' || f.name === '_raw'), indexes: valuesOf('index'), sourcetypes: valuesOf('sourcetype') };
}
