/**
 * Splunk's search modes (Splunk Web's Fast / Smart / Verbose), sent with a job as `adhoc_search_level`.
 * Fast skips field discovery; Smart discovers fields for event searches only; Verbose discovers every
 * field and keeps the events of transforming searches too.
 */
export type SearchMode = 'fast' | 'smart' | 'verbose';

export const SEARCH_MODES: readonly { mode: SearchMode; label: string; detail: string }[] = [
  { mode: 'fast', label: 'Fast', detail: 'No field discovery: only the fields the search names. Quickest.' },
  { mode: 'smart', label: 'Smart', detail: 'Field discovery for event searches; transforming searches return only their results.' },
  { mode: 'verbose', label: 'Verbose', detail: 'Every field the search extracts, as Splunk Web shows them. Slowest on large transforming searches.' },
];

/**
 * Verbose: through the REST API, fields a search does not name are missing from the results in Smart
 * and Fast (splunkd's default when the parameter is absent is Smart), while Splunk Web's events view
 * shows them. Hunters expect those fields.
 */
export const DEFAULT_SEARCH_MODE: SearchMode = 'verbose';

export function parseSearchMode(value: unknown): SearchMode | undefined {
  return SEARCH_MODES.find((m) => m.mode === value)?.mode;
}

export function searchModeLabel(mode: SearchMode): string {
  return SEARCH_MODES.find((m) => m.mode === mode)?.label ?? mode;
}
