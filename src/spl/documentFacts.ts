/**
 * What the language service may know beyond the text: the fields of a document's last results and
 * of the local data files, index and sourcetype names from the connected server or the local data,
 * and macro definitions. Plain data, gathered by the vscode layer; all of it may be attacker-
 * controlled (results and server text), so whoever renders it escapes it.
 */

export interface FieldFacts {
  name: string;
  /** Where the field was seen, for the completion detail: 'last results', 'local data'. */
  origin: string;
  /** Distinct values and rows looked at, when known. */
  distinctCount?: number;
  rows?: number;
  /** Most frequent values first. */
  topValues?: ReadonlyArray<{ value: string; count: number }>;
}

/** The shape of a macro definition (src/spl/macros.ts's MacroDefinition fits it). */
export interface MacroFacts {
  name: string;
  args: readonly string[];
  definition: string;
  /** Where it is defined: a file path or the server. */
  source?: string;
}

export interface DocumentFacts {
  fields: readonly FieldFacts[];
  indexes: readonly string[];
  sourcetypes: readonly string[];
  macros: readonly MacroFacts[];
}

export const NO_FACTS: DocumentFacts = { fields: [], indexes: [], sourcetypes: [], macros: [] };

/** Merges fact sets; the first one that names a field or macro wins (last results before local data). */
export function mergeFacts(...sets: ReadonlyArray<Partial<DocumentFacts>>): DocumentFacts {
  const fields = new Map<string, FieldFacts>();
  const macros = new Map<string, MacroFacts>();
  const indexes = new Set<string>();
  const sourcetypes = new Set<string>();
  for (const s of sets) {
    for (const f of s.fields ?? []) if (!fields.has(f.name)) fields.set(f.name, f);
    for (const m of s.macros ?? []) if (!macros.has(`${m.name}(${m.args.length})`)) macros.set(`${m.name}(${m.args.length})`, m);
    for (const i of s.indexes ?? []) indexes.add(i);
    for (const t of s.sourcetypes ?? []) sourcetypes.add(t);
  }
  return { fields: [...fields.values()], indexes: [...indexes], sourcetypes: [...sourcetypes], macros: [...macros.values()] };
}

/** Markdown-safe text: every ASCII punctuation mark escaped, line breaks as spaces, long text cut. */
export function escapeMarkdown(s: string, max = 80): string {
  const cut = s.length > max ? `${s.slice(0, max - 1)}…` : s;
  return cut.replace(/[\r\n\t]+/g, ' ').replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);
}

/** A fenced code block that no run of tildes in `code` can close early. */
export function fencedCode(code: string, language = 'spl'): string {
  const longest = Math.max(2, ...(code.match(/~+/g) ?? []).map((r) => r.length));
  const fence = '~'.repeat(longest + 1);
  return `${fence}${language}\n${code}\n${fence}`;
}
