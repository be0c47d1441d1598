/**
 * CSV lookup files in the lookups folder (splWorkbench.local.lookupsFolder): the engine's only I/O
 * besides sources.ts. A lookup is named by its file (`users.csv`) or without the extension (`users`);
 * names cannot leave the folder.
 */
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import Papa from 'papaparse';
import { SplError } from './errors';
import type { SplEvent } from './types';
import { valuesOf } from './values';

export interface LookupTable {
  fields: string[];
  rows: Record<string, string>[];
}

/** The file a lookup name refers to; throws a clear error when there is no folder or the name is unsafe. */
export function lookupPath(folder: string | undefined, name: string, pos: number, mustExist: boolean): string {
  if (!folder) throw new SplError(`The lookup '${name}' needs a lookups folder: set splWorkbench.local.lookupsFolder to the folder of your CSV lookup files.`, pos);
  if (name !== basename(name) || name.startsWith('.') || /[\\/:]/.test(name)) throw new SplError(`Invalid lookup name '${name}': a file name inside the lookups folder.`, pos);
  const candidates = /\.csv$/i.test(name) ? [name] : [`${name}.csv`, name];
  if (!mustExist) return join(folder, candidates[0]!);
  for (const c of candidates) { const p = join(folder, c); if (existsSync(p)) return p; }
  throw new SplError(`The lookup table '${name}' does not exist in the lookups folder ${folder}.`, pos);
}

export async function readLookup(path: string): Promise<LookupTable> {
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  const fields = (parsed.meta.fields ?? []).filter((f) => f !== '' && f !== '__proto__');
  const rows = parsed.data.map((r) => {
    const o: Record<string, string> = {};
    for (const f of fields) { const v = r[f]; if (v !== undefined && v !== '') o[f] = v; }
    return o;
  });
  return { fields, rows };
}

/** Writes results as CSV (a temporary file, then renamed, so a failed write leaves the old table). */
export async function writeLookup(path: string, rows: SplEvent[], append: boolean): Promise<void> {
  const previous = append && existsSync(path) ? await readLookup(path) : undefined;
  const fields: string[] = [...(previous?.fields ?? [])];
  for (const r of rows) for (const k of Object.keys(r)) if (!fields.includes(k) && !k.startsWith('_')) fields.push(k);
  const data = [...(previous?.rows ?? []), ...rows.map((r) => Object.fromEntries(fields.map((f) => [f, valuesOf(r[f]).join('\n')])))];
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, Papa.unparse({ fields, data: data.map((r) => fields.map((f) => (r as Record<string, string>)[f] ?? '')) }) + '\n', 'utf8');
  await rename(tmp, path);
}
