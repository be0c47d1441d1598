/** Eval values and the coercions every eval function shares. */
import type { SplEvent } from './types';
import { formatNumber, toNumber } from './values';

export type EvalValue = null | string | number | boolean | string[];

export interface EvalContext {
  /** Search start, epoch seconds (now()). */
  nowSeconds: number;
}

export type Compiled = (e: SplEvent) => EvalValue;

export function asNumber(v: EvalValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return toNumber(v) ?? null;
  if (Array.isArray(v) && v.length > 0) return toNumber(v[0]!) ?? null;
  return null;
}

export function asString(v: EvalValue): string | null {
  if (v === null) return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v.length > 0 ? v[0]! : null;
}

export function isTrue(v: EvalValue): boolean {
  return v === true;
}


/** An eval value as its list of strings (null: none). */
export function list(v: EvalValue): string[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  const s = asString(v);
  return s === null ? [] : [s];
}

/** Values back to an eval value: null, one string, or a multivalue. */
export function mv(values: string[]): EvalValue {
  return values.length === 0 ? null : values.length === 1 ? values[0]! : values;
}
