/**
 * The fields sidebar's side of the host: turns a run's field figures into a bounded `fields` message,
 * and resolves the grid's answer (a field and a value named by index) back to the full, uncut value.
 * The grid never sends a value as text, so nothing it sends can smuggle text into the query.
 */
import { LIMITS, type FieldsSummary, type SidebarField } from '../shared/protocol';
import type { FieldStats } from './fieldSummary';

export interface SidebarValueRef {
  field: string;
  value: string;
}

/** Lists kept for resolving answers: a click may cross the next update while rows arrive. */
const KEPT_LISTS = 4;

export class SidebarFields {
  private nextId = 1;
  private readonly lists = new Map<number, FieldStats[]>();

  /** The message for these figures; the least common fields beyond the limit are left out. */
  summarize(stats: readonly FieldStats[], rowCount: number): FieldsSummary {
    const kept = stats.slice(0, LIMITS.maxSidebarFields).map((f) => ({ ...f, top: f.top.slice(0, LIMITS.maxSidebarValues) }));
    const fieldsId = this.nextId++;
    this.lists.set(fieldsId, kept);
    for (const id of this.lists.keys()) if (id <= fieldsId - KEPT_LISTS) this.lists.delete(id);
    return { fieldsId, rowCount, truncated: stats.length > kept.length, fields: kept.map(toSidebarField) };
  }

  /** The field and full value at these indexes of list `fieldsId`, or undefined when there is none. */
  resolve(fieldsId: number, field: number, value: number): SidebarValueRef | undefined {
    const f = this.lists.get(fieldsId)?.[field];
    const v = f?.top[value];
    return f && v ? { field: f.field, value: v.value } : undefined;
  }
}

function toSidebarField(f: FieldStats): SidebarField {
  return {
    field: f.field.slice(0, LIMITS.maxNameLength),
    share: f.share,
    distinct: f.distinct,
    distinctCapped: f.distinctCapped,
    top: f.top.map((t) => ({
      value: t.value.length > LIMITS.displayChars ? t.value.slice(0, LIMITS.displayChars) : t.value,
      clipped: t.value.length > LIMITS.displayChars,
      count: t.count,
      share: t.share,
    })),
    ...(f.numeric ? { numeric: f.numeric } : {}),
  };
}
