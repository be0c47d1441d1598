/**
 * anomalydetection, histogram method (Splunk's default): an event's probability is the product of the
 * frequencies of its field values. A categorical value's frequency is its count over the number of
 * events; a numeric field (every value a number) is first put into a histogram of equal-width bins
 * (Sturges' rule: ceil(log2 n) + 1 bins) and a value's frequency is its bin's count over the number of
 * events. An event is anomalous when its probability is below `pthresh`, or, without `pthresh`, when
 * its log probability is below Q1 - 1.5 * IQR of all events' log probabilities (Splunk's formula for
 * `cutoff=false`; its tighter `cutoff=true` variant is not documented, so the same formula is used).
 *
 * `action=filter` (default) keeps the anomalous events; `annotate` keeps every event and adds to the
 * anomalous ones `log_event_prob`, `probable_cause` (the field whose value is rarest), `probable_cause_freq`
 * and `max_freq`; `summary` returns one row with the counts and the threshold. Without a field list, the
 * fields of the events not starting with `_`. The zscore and iqr methods need a Splunk server.
 */
import { SplError } from '../errors';
import type { Token } from '../lexer';
import type { SplEvent } from '../types';
import { formatNumber, toNumber, valuesOf } from '../values';
import { tokens, type CommandSource } from './commandSource';
import { appendFields, type Command, type FieldOrder, type Operator } from './types';

type Action = 'filter' | 'annotate' | 'summary';

interface FieldModel { freq(e: SplEvent): number }

function sortedQuantile(sorted: number[], q: number): number {
  const rank = q * (sorted.length - 1);
  const lo = Math.floor(rank), hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function fieldModel(rows: SplEvent[], field: string): FieldModel {
  const n = rows.length;
  const values = rows.map((e) => valuesOf(e[field])[0]);
  const nums = values.map((v) => (v === undefined ? undefined : toNumber(v)));
  const numeric = values.some((v) => v !== undefined) && values.every((v, i) => v === undefined || nums[i] !== undefined);
  if (numeric) {
    const present = nums.filter((x): x is number => x !== undefined);
    let lo = Infinity, hi = -Infinity;
    for (const x of present) { lo = Math.min(lo, x); hi = Math.max(hi, x); }
    const bins = Math.ceil(Math.log2(Math.max(1, present.length))) + 1;
    const width = hi > lo ? (hi - lo) / bins : 1;
    const binOf = (x: number): number => Math.min(bins - 1, Math.floor((x - lo) / width));
    const counts = new Array<number>(bins).fill(0);
    for (const x of present) counts[binOf(x)]!++;
    const missing = n - present.length;
    return { freq: (e) => { const x = toNumber(valuesOf(e[field])[0] ?? ''); return x === undefined ? missing / n : counts[binOf(x)]! / n; } };
  }
  const counts = new Map<string | undefined, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return { freq: (e) => (counts.get(valuesOf(e[field])[0]) ?? 0) / n };
}

export function parseAnomalydetection(src: CommandSource): Command {
  const ts = tokens(src);
  let action: Action = 'filter';
  let pthresh: number | undefined;
  const fields: string[] = [];
  while (!ts.atEnd()) {
    let t: Token | undefined;
    if ((t = ts.option('method'))) {
      const m = t.text.toLowerCase();
      if (m === 'zscore' || m === 'iqr') throw new SplError(`Error in 'anomalydetection' command: method=${m} is not supported by the local engine; use method=histogram.`, t.pos);
      if (m !== 'histogram') throw ts.error(`method must be histogram, zscore or iqr, got '${t.text}'`, t.pos);
      continue;
    }
    if ((t = ts.option('action'))) {
      const a = t.text.toLowerCase();
      if (a !== 'filter' && a !== 'annotate' && a !== 'summary') throw ts.error(`action must be filter, annotate or summary, got '${t.text}'`, t.pos);
      action = a;
      continue;
    }
    if ((t = ts.option('pthresh'))) {
      const p = toNumber(t.text);
      if (p === undefined || p < 0 || p > 1) throw ts.error(`pthresh must be a probability between 0 and 1, got '${t.text}'`, t.pos);
      pthresh = p;
      continue;
    }
    if (ts.option('cutoff')) continue;
    const w = ts.next()!;
    if (w.kind === ',') continue;
    if (ts.peek()?.kind === '=') throw ts.error(`unknown option '${w.text}'`, w.pos);
    if (w.kind !== 'word' && w.kind !== 'str') throw ts.error(`unexpected '${w.text}'`, w.pos);
    fields.push(w.text);
  }
  return {
    name: 'anomalydetection', pos: src.pos,
    create: (): Operator => {
      const rows: SplEvent[] = [];
      return {
        push(r) { rows.push(...r); return []; },
        flush() {
          const names = fields.length > 0 ? fields : [...new Set(rows.flatMap((e) => Object.keys(e)))].filter((f) => !f.startsWith('_')).sort();
          if (rows.length === 0) return action === 'summary' ? [{ num_anomalies: '0', num_events: '0' }] : [];
          const models = names.map((f) => [f, fieldModel(rows, f)] as const);
          const scored = rows.map((e) => {
            let logp = 0, cause = '', causeFreq = Infinity, maxFreq = 0;
            for (const [f, m] of models) {
              const p = m.freq(e);
              logp += Math.log(p);
              if (p < causeFreq) { causeFreq = p; cause = f; }
              maxFreq = Math.max(maxFreq, p);
            }
            return { e, logp, cause, causeFreq, maxFreq };
          });
          let threshold: number;
          if (pthresh !== undefined) threshold = Math.log(pthresh);
          else {
            const sorted = scored.map((s) => s.logp).sort((a, b) => a - b);
            const q1 = sortedQuantile(sorted, 0.25), q3 = sortedQuantile(sorted, 0.75);
            threshold = q1 - 1.5 * (q3 - q1);
          }
          const anomalous = scored.filter((s) => s.logp < threshold);
          if (action === 'summary') {
            return [{ num_anomalies: String(anomalous.length), num_events: String(rows.length), threshold: formatNumber(threshold), fields: names.length === 1 ? names[0]! : names }];
          }
          const annotate = (s: (typeof scored)[number]): SplEvent => ({
            ...s.e,
            log_event_prob: formatNumber(s.logp), probable_cause: s.cause,
            probable_cause_freq: formatNumber(s.causeFreq), max_freq: formatNumber(s.maxFreq),
          });
          if (action === 'filter') return anomalous.map((s) => s.e);
          const flagged = new Set(anomalous);
          return scored.map((s) => (flagged.has(s) ? annotate(s) : s.e));
        },
      };
    },
    fieldOrder: (prev): FieldOrder => {
      if (action === 'summary') return { kind: 'explicit', fields: ['num_anomalies', 'num_events', 'threshold', 'fields'], keepInternal: false };
      return action === 'annotate' ? appendFields(prev, ['log_event_prob', 'probable_cause', 'probable_cause_freq', 'max_freq']) : prev;
    },
  };
}
