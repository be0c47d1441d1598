/**
 * The data-model layer: CIM datasets (cim.ts) fed by raw events through mapping tables (sysmon.ts,
 * windowsSecurity.ts). `compileDatasetMapper` turns a raw event into the dataset rows tstats, datamodel
 * and `from datamodel:` read, with fields named as Splunk names them (`Processes.process_name`).
 */
import { SplError } from '../errors';
import { compileEval, parseEvalExpression, toFieldValue, type Compiled } from '../evalExpr';
import type { EvalContext } from '../evalValue';
import { compileSearch, parseSearchExpression, type EventPredicate } from '../search';
import type { SplEvent } from '../types';
import { CIM_DATASETS, INHERITED_FIELDS, type CimDataset } from './cim';
import type { EventMapping } from './mapping';
import { SYSMON_MAPPINGS } from './sysmon';
import { WINDOWS_SECURITY_MAPPINGS } from './windowsSecurity';

export { CIM_DATASETS, INHERITED_FIELDS, type CimDataset } from './cim';
export type { EventMapping } from './mapping';

/** Every mapping the engine applies, in order; add a table here to feed the datasets from another source. */
export const EVENT_MAPPINGS: readonly EventMapping[] = [...SYSMON_MAPPINGS, ...WINDOWS_SECURITY_MAPPINGS];

export function datasetId(d: CimDataset): string {
  return `${d.model}.${d.dataset}`;
}

/**
 * The datasets a `datamodel=` value names: `Endpoint.Processes` one dataset, `Endpoint` the model's root
 * datasets. Names compare case-insensitively; an unknown name is an error listing the known models.
 */
export function resolveDatamodel(spec: string, pos: number): CimDataset[] {
  const name = spec.replace(/^"|"$/g, '');
  const lower = name.toLowerCase();
  const exact = CIM_DATASETS.filter((d) => datasetId(d).toLowerCase() === lower);
  if (exact.length > 0) return exact;
  const model = CIM_DATASETS.filter((d) => d.model.toLowerCase() === lower && d.root);
  if (model.length > 0) return model;
  const models = [...new Set(CIM_DATASETS.map((d) => d.model))].join(', ');
  throw new SplError(`The data model '${name}' is not known to the local engine (it knows ${models}).`, pos);
}

interface CompiledMapping {
  dataset: CimDataset;
  when: EventPredicate;
  fields: [name: string, value: Compiled][];
}

function compileMapping(m: EventMapping, dataset: CimDataset, ctx: EvalContext): CompiledMapping {
  // The tables are part of the engine: a parse error in one is a bug, reported with the row it is in.
  const where = `mapping for ${m.dataset} (${m.when})`;
  try {
    const when = compileSearch(parseSearchExpression(m.when, 0).node);
    const fields = Object.entries(m.fields).map(([name, expr]): [string, Compiled] => [`${dataset.dataset}.${name}`, compileEval(parseEvalExpression(expr, 0), ctx)]);
    return { dataset, when, fields };
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
  }
}

export type DatasetMapper = (e: SplEvent) => SplEvent[];

/**
 * A function from a raw event to its rows in `datasets` (none when no mapping matches). Each row holds
 * the inherited fields, the mapped CIM fields with the dataset prefix, and `nodename` (the dataset name).
 */
export interface MapperOptions {
  /** Only these (prefixed) CIM fields are computed, when the caller knows which it reads (tstats). */
  only?: ReadonlySet<string>;
  mappings?: readonly EventMapping[];
}

export function compileDatasetMapper(datasets: readonly CimDataset[], ctx: EvalContext, options: MapperOptions = {}): DatasetMapper {
  const wanted = new Map(datasets.map((d) => [datasetId(d), d]));
  const compiled: CompiledMapping[] = [];
  for (const m of options.mappings ?? EVENT_MAPPINGS) {
    const d = wanted.get(m.dataset);
    if (!d) continue;
    const only = options.only;
    compiled.push(compileMapping(only ? { ...m, fields: Object.fromEntries(Object.entries(m.fields).filter(([f]) => only.has(`${d.dataset}.${f}`))) } : m, d, ctx));
  }
  return (e) => {
    const out: SplEvent[] = [];
    for (const m of compiled) {
      if (!m.when(e)) continue;
      const row: SplEvent = {};
      for (const f of INHERITED_FIELDS) { const v = e[f]; if (v !== undefined) row[f] = v; }
      for (const [name, value] of m.fields) {
        const v = toFieldValue(value(e));
        if (v !== null) row[name] = v;
      }
      row.nodename = m.dataset.dataset;
      out.push(row);
    }
    return out;
  };
}
