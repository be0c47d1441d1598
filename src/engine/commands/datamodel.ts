/**
 * `| datamodel [<Model> [<Dataset>] [search | flat]]`: with no arguments, the data models the engine
 * knows (one row per dataset); with `search`, the dataset's events with their CIM fields
 * (`Processes.process_name`); with `flat`, the same without the dataset prefix; otherwise the dataset's
 * description (its fields).
 */
import { CIM_DATASETS, compileDatasetMapper, datasetId, resolveDatamodel, type CimDataset } from '../datamodels';
import { parseBool } from '../lexer';
import type { SplEvent } from '../types';
import { tokens, type CommandSource } from './commandSource';
import type { Command, Operator } from './types';

export type DatasetView = 'search' | 'flat';

/** The events of `datasets`, each with its CIM fields added (prefixed for `search`, bare for `flat`). */
export function datasetEventsCommand(name: string, pos: number, datasets: CimDataset[], view: DatasetView): Command {
  return {
    name, pos, generating: true, readsEvents: true,
    create: (ctx): Operator => {
      const toRows = compileDatasetMapper(datasets, ctx);
      return {
        push(events) {
          const out: SplEvent[] = [];
          for (const e of events) {
            for (const row of toRows(e)) {
              const prefix = `${String(row.nodename)}.`;
              const merged: SplEvent = { ...e };
              for (const k in row) {
                if (k === 'nodename' || !k.startsWith(prefix)) continue;
                merged[view === 'flat' ? k.slice(prefix.length) : k] = row[k]!;
              }
              out.push(merged);
            }
          }
          return out;
        },
        flush: () => [],
      };
    },
    fieldOrder: () => ({ kind: 'raw' }),
  };
}

function describe(datasets: readonly CimDataset[]): SplEvent[] {
  return datasets.map((d) => ({ datamodel: d.model, dataset: d.dataset, id: datasetId(d), tags: [...d.tags], fields: [...d.fields] }));
}

export function parseDatamodel(src: CommandSource): Command {
  const ts = tokens(src);
  const words: { text: string; pos: number }[] = [];
  while (!ts.atEnd()) {
    if (ts.atOption()) {
      const o = ts.next()!;
      ts.next();
      const v = ts.expectValue(`a value for ${o.text}`);
      if (!['summariesonly', 'allow_old_summaries', 'strict_fields'].includes(o.text.toLowerCase())) throw ts.error(`unknown option '${o.text}'`, o.pos);
      parseBool(v, ts);
      continue;
    }
    const t = ts.next()!;
    if (t.kind !== 'word' && t.kind !== 'str') throw ts.error(`unexpected '${t.text}'`, t.pos);
    words.push(t);
  }
  const last = words[words.length - 1];
  const view = last && ['search', 'flat'].includes(last.text.toLowerCase()) ? (last.text.toLowerCase() as DatasetView) : undefined;
  if (view) words.pop();
  if (words.length > 2) throw ts.error(`unexpected '${words[2]!.text}'`, words[2]!.pos);
  const [model, dataset] = words;
  if (!model) {
    if (view) throw ts.error(`'${view}' needs a data model name first`, src.pos);
    return describeCommand(src.pos, CIM_DATASETS);
  }
  const datasets = resolveDatamodel(dataset ? `${model.text}.${dataset.text}` : model.text, model.pos);
  return view ? datasetEventsCommand('datamodel', src.pos, datasets, view) : describeCommand(src.pos, datasets);
}

function describeCommand(pos: number, datasets: readonly CimDataset[]): Command {
  return {
    name: 'datamodel', pos, generating: true,
    create: (): Operator => ({ push: () => [], flush: () => describe(datasets) }),
    fieldOrder: () => ({ kind: 'explicit', fields: ['datamodel', 'dataset', 'id', 'tags', 'fields'], keepInternal: false }),
  };
}
