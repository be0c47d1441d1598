export type NormalizeResult = { ok: true; query: string } | { ok: false; reason: string };

export const REASON_EMPTY_QUERY = 'The query is empty.';

/**
 * Adds the `search` command the way Splunk Web does, because the REST job endpoints do not: they
 * read the first word as a command, so `index=main | head 1` would fail with "Unknown search
 * command 'index'". Keeps queries that start with `|` or with the word `search` (any case).
 * Strip comments first (stripComments): a leading comment would otherwise hide a leading `|`.
 */
export function normalizeQuery(spl: string): NormalizeResult {
  const query = spl.trim();
  if (query === '') return { ok: false, reason: REASON_EMPTY_QUERY };
  if (query.startsWith('|') || /^search(?:\s|$)/i.test(query)) return { ok: true, query };
  return { ok: true, query: `search ${query}` };
}
