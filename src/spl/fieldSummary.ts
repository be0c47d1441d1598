/**
 * A small summary of each field of the first events of a local data file (distinct count, most frequent
 * values), for the language service. The last results of a run are summarised once, by results/fieldSummary.ts.
 */
import type { Cell } from '../shared/cell';
import type { FieldFacts } from './documentFacts';

export interface SummaryLimits {
  /** Rows looked at (the first ones). */
  maxRows: number;
  /** Values kept per field. */
  topValues: number;
  /** Values longer than this are cut in the summary. */
  maxValueLength: number;
}

export const SUMMARY_LIMITS: SummaryLimits = { maxRows: 50_000, topValues: 10, maxValueLength: 200 };

/** Summaries of `fields`, whose values `valuesOf` gives row by row. */
export function summariseFields(
  fields: readonly string[],
  valuesOf: (field: string) => readonly Cell[] | undefined,
  rowCount: number,
  origin: string,
  limits: SummaryLimits = SUMMARY_LIMITS,
): FieldFacts[] {
  const rows = Math.min(rowCount, limits.maxRows);
  return fields.map((name) => {
    const values = valuesOf(name) ?? [];
    const counts = new Map<string, number>();
    const add = (v: string) => counts.set(v, (counts.get(v) ?? 0) + 1);
    for (let r = 0; r < rows; r++) {
      const cell = values[r];
      if (cell === null || cell === undefined) continue;
      if (Array.isArray(cell)) for (const v of cell) add(v);
      else add(cell);
    }
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limits.topValues);
    return {
      name,
      origin,
      distinctCount: counts.size,
      rows,
      topValues: top.map(([value, count]) => ({ value: value.length > limits.maxValueLength ? `${value.slice(0, limits.maxValueLength - 1)}…` : value, count })),
    };
  });
}
