/**
 * What a Splunk server says exists, read from its REST answers for the language service: index
 * names (`/services/data/indexes`), search commands (`/services/data/commands`) and macros
 * (`/servicesNS/-/-/admin/macros`). The bodies are the server's, so every field is checked and
 * bounded: only strings are kept, names are cut to a sane length and lists to a sane size.
 */
import type { MacroFacts } from '../../spl/documentFacts';

export const CATALOG_PATHS = {
  indexes: 'data/indexes',
  commands: 'data/commands',
  macros: 'admin/macros',
} as const;

/** The most entries kept from one answer, and the longest name and macro definition. */
export const MAX_ENTRIES = 5000;
const MAX_NAME = 200;
const MAX_DEFINITION = 20_000;

interface Entry {
  name: string;
  content: Record<string, unknown>;
}

function entries(body: unknown): Entry[] {
  if (typeof body !== 'object' || body === null) throw new Error('The server\'s answer is not a JSON object.');
  const list = (body as { entry?: unknown }).entry;
  if (!Array.isArray(list)) throw new Error('The server\'s answer has no entry list.');
  const out: Entry[] = [];
  for (const e of list.slice(0, MAX_ENTRIES)) {
    if (typeof e !== 'object' || e === null) continue;
    const { name, content } = e as { name?: unknown; content?: unknown };
    if (typeof name !== 'string' || name === '' || name.length > MAX_NAME) continue;
    out.push({ name, content: typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : {} });
  }
  return out;
}

function isDisabled(content: Record<string, unknown>): boolean {
  const d = content.disabled;
  return d === true || d === 1 || d === '1' || d === 'true';
}

/** Enabled index names, internal ones (`_internal`) included: people search those too. */
export function indexNames(body: unknown): string[] {
  return entries(body).filter((e) => !isDisabled(e.content)).map((e) => e.name);
}

/** Search command names, lower case. */
export function commandNames(body: unknown): string[] {
  return entries(body).map((e) => e.name.toLowerCase());
}

/** Macro definitions: stanza `name(2)` with `args` "a,b" and `definition`. */
export function macroDefinitions(body: unknown, source: string): MacroFacts[] {
  const out: MacroFacts[] = [];
  for (const e of entries(body)) {
    if (isDisabled(e.content)) continue;
    const m = /^([^()]+?)(?:\((\d+)\))?$/.exec(e.name.trim());
    if (!m) continue;
    const count = m[2] === undefined ? 0 : Number(m[2]);
    const rawArgs = typeof e.content.args === 'string' ? e.content.args.split(',').map((a) => a.trim()).filter((a) => a !== '') : [];
    const args = rawArgs.length === count ? rawArgs : Array.from({ length: count }, (_, k) => rawArgs[k] ?? `arg${k + 1}`);
    const definition = typeof e.content.definition === 'string' ? e.content.definition.slice(0, MAX_DEFINITION) : '';
    out.push({ name: m[1]!, args, definition, source });
  }
  return out;
}

/** Values of one column in a search's result rows (the sourcetypes of `| metadata`), distinct. */
export function distinctStrings(values: Iterable<unknown>): string[] {
  const out = new Set<string>();
  for (const v of values) {
    if (out.size >= MAX_ENTRIES) break;
    if (typeof v === 'string' && v !== '' && v.length <= MAX_NAME) out.add(v);
  }
  return [...out];
}
