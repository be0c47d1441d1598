/**
 * The copy formats, in one table: the grid's context menus build their entries from it, the protocol
 * accepts exactly these ids, and the host's formatter table (results/formats.ts) has one formatter per id.
 * To add a format: a row here and a formatter there; the compiler asks for the second.
 */
export const COPY_FORMAT_TABLE = [
  { id: 'cell', name: 'cell', scope: 'cell' },
  { id: 'tsv', name: 'TSV', scope: 'rows' },
  { id: 'csv', name: 'CSV', scope: 'rows' },
  { id: 'json', name: 'JSON', scope: 'rows' },
  { id: 'markdown', name: 'Markdown', scope: 'rows' },
  { id: 'column-values', name: 'column values', scope: 'column' },
  { id: 'column-unique', name: 'unique column values', scope: 'column' },
] as const satisfies readonly { id: string; name: string; scope: 'cell' | 'rows' | 'column' }[];

export type CopyFormat = (typeof COPY_FORMAT_TABLE)[number]['id'];
export type CopyFormatInfo = (typeof COPY_FORMAT_TABLE)[number];

export const COPY_FORMATS: readonly CopyFormat[] = COPY_FORMAT_TABLE.map((f) => f.id);

export function copyFormatsFor(scope: CopyFormatInfo['scope']): CopyFormatInfo[] {
  return COPY_FORMAT_TABLE.filter((f) => f.scope === scope);
}
