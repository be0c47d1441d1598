/**
 * The language service runs on every keystroke: lintSpl over the whole document (debounced) and
 * completion per request. The detections are the shared real ones; the large file is the synthetic
 * hunting notebook of spl.bench.ts grown to about 2.7 MB.
 */
import { existsSync, readFileSync } from 'node:fs';
import { lintSpl } from '../src/spl/diagnostics';
import { completeAt, hoverAt, signatureAt } from '../src/spl/languageService';
import { sharedPath } from '../test/support/sharedDir';
import type { Benchmark } from './lib';
import { huntingNotebook } from './spl.bench';

const DETECTIONS = sharedPath('datasets', 'spl-detections', 'detections.json');
const detections = existsSync(DETECTIONS) ? (JSON.parse(readFileSync(DETECTIONS, 'utf8')) as Array<{ search: string }>).map((d) => d.search) : [];

const doc = `${huntingNotebook(5600)}\n\nindex=sysmon | eval x=if(a, b, `;
const mb = doc.length / 1e6;
const end = doc.length;

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
  { name: `hover mid-file in a ${mb.toFixed(1)} MB file`, unit: 'ms', measure: async () => time(() => hoverAt(doc, doc.indexOf('| stats', end / 2) + 3)) },
];
