/**
 * Spreadsheet formula neutralisation (CSV/formula injection, CWE-1236) for CSV, TSV and multi-cell copies.
 *
 * A value that a spreadsheet would read as a formula gets a leading apostrophe, which spreadsheets show as text.
 * The trigger set is OWASP's (`=`, `+`, `-`, `@`, TAB, CR, LF), ASVS's NUL, and the full-width forms
 * (`＝＋－＠`) that some spreadsheet apps also accept. Our own test instead of papaparse's `escapeFormulae`, whose
 * default `/^[=+\-@\t\r].*$/` misses LF and lets multi-line values through (`.` does not match `\n`).
 *
 * Trade-off (documented for users): Sysmon command lines such as `-enc …` come out as `'-enc …`. Plain numbers
 * (`-1`, `+3.5`, `2e-3`) are left alone: a spreadsheet reads them as numbers, never as formulas.
 *
 * The patterns have no `g` flag: `RegExp.test` with `g` keeps `lastIndex` between calls and would skip matches.
 */
export const FORMULA_TRIGGER = /^[=+\-@\t\r\n\0\uFF1D\uFF0B\uFF0D\uFF20]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function needsNeutralising(value: string): boolean {
  return FORMULA_TRIGGER.test(value) && !PLAIN_NUMBER.test(value);
}

/** The value with a leading apostrophe when a spreadsheet would evaluate it; otherwise unchanged. */
export function neutraliseFormula(value: string): string {
  return needsNeutralising(value) ? `'${value}` : value;
}

const SEGMENT_BREAK = /([\t\r\n])/;

/**
 * For unquoted line lists (column values): pasting splits cells at every line break and tab, so each segment is
 * checked, not just the start of the text.
 */
export function neutraliseSegments(text: string): string {
  if (!/[\t\r\n]/.test(text)) return neutraliseFormula(text);
  return text.split(SEGMENT_BREAK).map((s, i) => (i % 2 === 1 ? s : neutraliseFormula(s))).join('');
}
