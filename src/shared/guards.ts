/**
 * Small runtime type guards for untrusted messages. Each one checks type and bounds; composite
 * guards reject unknown keys so nothing unexpected rides along.
 */

export function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function isString(v: unknown, maxLength = 10_000): v is string {
  return typeof v === 'string' && v.length <= maxLength;
}

export function isBool(v: unknown): v is boolean {
  return typeof v === 'boolean';
}

export function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;
}

export function isNumberIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max;
}

export function oneOf<T extends string>(values: readonly T[]): (v: unknown) => v is T {
  return (v: unknown): v is T => typeof v === 'string' && (values as readonly string[]).includes(v);
}

export function arrayOf<T>(v: unknown, maxLength: number, item: (x: unknown) => x is T): v is T[];
export function arrayOf(v: unknown, maxLength: number, item: (x: unknown) => boolean): v is unknown[];
export function arrayOf(v: unknown, maxLength: number, item: (x: unknown) => boolean): boolean {
  return Array.isArray(v) && v.length <= maxLength && v.every((x) => item(x));
}

/** Wraps a guard so that a missing key (undefined) also passes. */
export function optional(guard: (v: unknown) => boolean): (v: unknown) => boolean {
  const g = (v: unknown): boolean => v === undefined || guard(v);
  (g as { optional?: true }).optional = true;
  return g;
}

type Shape = Record<string, (v: unknown) => boolean>;

/** A plain object whose own keys are all in `shape`, each passing its guard; required keys present. */
export function exactKeys<S extends Shape>(v: unknown, shape: S): v is { [K in keyof S]: unknown } & Record<string, unknown> {
  if (!isRecord(v)) return false;
  for (const k of Object.keys(v)) if (!Object.prototype.hasOwnProperty.call(shape, k)) return false;
  for (const k of Object.keys(shape)) {
    const g = shape[k]!;
    const present = Object.prototype.hasOwnProperty.call(v, k);
    if (!present && !(g as { optional?: true }).optional) return false;
    if (!g(present ? v[k] : undefined)) return false;
  }
  return true;
}
