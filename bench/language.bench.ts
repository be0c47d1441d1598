/**
 * The language service runs on every keystroke: lintSpl over the whole document (debounced) and
 * completion per request. The detections are the shared real ones; the large file is the synthetic
 * hunting notebook of spl.bench.ts grown to about 2.7 MB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { lintSpl } from '../src/spl/diagnostics';
import type { DocumentFacts } from '../src/spl/documentFacts';
import { formatSpl } from '../src/spl/format';
import { completeAt, hoverAt, signatureAt } from '../src/spl/languageService';
import { sharedPath } from '../test/support/sharedDir';
import type { Benchmark } from './lib';
import { huntingNotebook } from './spl.bench';

const DETECTIONS = sharedPath('datasets', 'spl-detections', 'detections.json');
const detections = existsSync(DETECTIONS) ? (JSON.parse(readFileSync(DETECTIONS, 'utf8')) as Array<{ search: string }>).map((d) => d.search) : [];

const doc = `${huntingNotebook(4880)}\n\nindex=sysmon | eval x=if(a, b, `;
const mb = doc.length / 1e6;
const end = doc.length;

/** What a wide result set and a busy server give completion: 500 fields, 200 indexes, 1,000 macros. */
const facts: DocumentFacts = {
  fields: Array.from({ length: 500 }, (_, i) => ({ name: `field_${i}`, origin: 'last results', distinctCount: i, rows: 100_000, topValues: [{ value: `v${i}`, count: i }] })),
  indexes: Array.from({ length: 200 }, (_, i) => `index_${i}`),
  sourcetypes: Array.from({ length: 300 }, (_, i) => `st:${i}`),
  macros: Array.from({ length: 1000 }, (_, i) => ({ name: `macro_${i}`, args: i % 2 ? ['a'] : [], definition: `index=x${i}` })),
};
const fieldDoc = `${doc}\n\nindex=sysmon | stats count by field_4`;
// Built once, like the other documents: a new 2.7 MB string per measurement timed V8's string building.
const macroDoc = `${doc}\n\nindex=a | \`mac`;

function time(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

export const benchmarks: Benchmark[] = [
  ...(detections.length > 0
    ? [{
        name: `lintSpl all ${detections.length} detections`,
        unit: 'ms',
        measure: async () => time(() => { for (const d of detections) lintSpl(d); }),
      }]
    : []),
  { name: `lintSpl whole ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => lintSpl(doc)) },
  { name: `completion at the end of a ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => completeAt(doc, end)) },
  { name: `signature help at the end of a ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => signatureAt(doc, end)) },
  { name: `completion with 500 fields at the end of a ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => completeAt(fieldDoc, fieldDoc.length, facts)) },
  { name: `macro completion (1,000 macros) at the end of a ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => completeAt(macroDoc, macroDoc.length, facts)) },
  { name: `field hover at the end of a ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => hoverAt(fieldDoc, fieldDoc.length - 2, facts)) },
  { name: `format a whole ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => formatSpl(doc)) },
  { name: `hover mid-file in a ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => hoverAt(doc, doc.indexOf('| stats', end / 2) + 3)) },
];
