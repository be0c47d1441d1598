/** What a parsed command turns into: an operator over event batches, plus what it does to field order. */
import type { SplEvent } from '../types';

export interface ExecContext {
  nowMs: number;
  /** now() for eval and makeresults' _time: integer epoch seconds at search start. */
  nowSeconds: number;
  /** A warning for the user (a truncated subsearch, a missing lookup field). */
  warn(message: string): void;
}

export interface SubsearchLimits {
  maxResults: number;
  maxSeconds: number;
}

/** What a command may do before the run starts: run its sub-pipeline, read a lookup file. */
export interface PrepareContext {
  exec: ExecContext;
  /** Runs a sub-pipeline over the same events; results beyond the limits are dropped with a warning. */
  runSubsearch(text: string, pos: number, limits: SubsearchLimits): Promise<SplEvent[]>;
  /** Folder of CSV lookup files (splWorkbench.local.lookupsFolder), when set. */
  lookupsFolder: string | undefined;
  signal: AbortSignal | undefined;
}

/**
 * A pipeline stage. `push` takes a batch and returns what it can emit now; `flush` is called once at
 * the end. Operators never mutate the events they receive (sources may share them), they copy.
 */
export interface Operator {
  push(rows: SplEvent[]): SplEvent[];
  flush(): SplEvent[];
  /**
   * Called instead of `flush` when present: an operator whose end work is asynchronous (map runs a
   * search per result).
   */
  flushAsync?(): Promise<SplEvent[]>;
  /** Awaited after the last flush: work the operator started there (outputlookup's file write). */
  settle?(): Promise<void>;
  /** True once the operator will emit nothing more whatever it receives (head): reading can stop. */
  readonly exhausted?: boolean;
}

/**
 * The field order of a command's output. `raw`: Splunk's order for events (`_` fields first, sorted).
 * `explicit`: the listed names (wildcards expand against the rows' fields), then with `keepInternal`
 * any `_` fields that are present.
 */
export type FieldOrder = { kind: 'raw' } | { kind: 'explicit'; fields: string[]; keepInternal: boolean };

export interface Command {
  readonly name: string;
  /** Offset of the command name in the query. */
  readonly pos: number;
  /** Generating commands (makeresults) produce events instead of reading the source. */
  readonly generating?: boolean;
  /**
   * A generating command that reads the source's events itself (tstats, datamodel over the events):
   * the executor hands it every event in the time range, with no leading search to filter them.
   */
  readonly readsEvents?: boolean;
  /** Awaited once before the run, in pipeline order (subsearches, lookup files). */
  prepare?(ctx: PrepareContext): Promise<void>;
  create(ctx: ExecContext): Operator;
  fieldOrder(previous: FieldOrder): FieldOrder;
  /** Set when all the command does is remove the fields this matches (`fields -`). */
  readonly drops?: (field: string) => boolean;
  /**
   * This command, also leaving out the fields `drop` matches, for a command that builds its output
   * from named fields (table, `fields +`): the executor folds a `fields -` just before it into it, so
   * each event is copied once instead of twice.
   */
  without?(drop: (field: string) => boolean): Command;
}

export const keepOrder = (previous: FieldOrder): FieldOrder => previous;

/** Adds names to an explicit order (eval, rex, eventstats after stats or table). */
export function appendFields(previous: FieldOrder, names: string[]): FieldOrder {
  if (previous.kind === 'raw') return previous;
  const fields = [...previous.fields];
  for (const n of names) if (!fields.includes(n)) fields.push(n);
  return { ...previous, fields };
}

/** A stateless per-batch transform. */
export function mapOperator(f: (e: SplEvent) => SplEvent | undefined): Operator {
  return {
    push(rows) {
      const out: SplEvent[] = [];
      for (const r of rows) { const x = f(r); if (x) out.push(x); }
      return out;
    },
    flush: () => [],
  };
}

export function filterOperator(pred: (e: SplEvent) => boolean): Operator {
  return { push: (rows) => rows.filter(pred), flush: () => [] };
}
