import type { FieldValue } from './types';

const EPOCH = /^-?\d+(\.\d+)?$/;

/**
 * A field as Splunk's REST API returns it. Inside a search `_time` is epoch seconds (so `eval`,
 * `sort` and time bounds work on numbers); in results it is ISO 8601 with milliseconds and the zone
 * offset, e.g. `2024-05-01T12:00:00.503+00:00`.
 */
export function resultValue(field: string, value: FieldValue | undefined): FieldValue | null {
  if (value === undefined) return null;
  if (field !== '_time' || typeof value !== 'string' || !EPOCH.test(value)) return value;
  const ms = Math.round(Number(value) * 1000);
  if (!Number.isFinite(ms)) return value;
  return new Date(ms).toISOString().replace('Z', '+00:00');
}
