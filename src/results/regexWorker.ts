/**
 * A user regex, run over cells in a worker thread with a deadline. One catastrophic pattern
 * (`(\w+\s?)+$` against a long command line) can backtrack for minutes on a single cell, so neither
 * chunking nor a deadline checked between cells bounds it on the extension host; a worker can be
 * terminated mid-match, so the host stays responsive and learns in bounded time that it was too slow.
 */
import { Worker } from 'node:worker_threads';
import type { Cell } from '../shared/cell';

/** Default time one regex evaluation (all the rows asked for) may take before it is stopped. */
export const REGEX_BUDGET_MS = 2000;

export type RegexOutcome =
  | { ok: true; matches: Uint8Array }
  | { ok: false; reason: string };

// Plain JavaScript run with eval: it needs no bundle entry of its own, and it sees only cells.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { pattern, flags, columns, count } = workerData;
const re = new RegExp(pattern, flags);
const out = new Uint8Array(count);
for (let r = 0; r < count; r++) {
  for (const col of columns) {
    const cell = col[r];
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'string' ? re.test(cell) : cell.some((v) => re.test(v))) { out[r] = 1; break; }
  }
}
parentPort.postMessage(out, [out.buffer]);
`;

/**
 * For each row in [from, to): 1 when any of `columns` has a cell (or a multivalue element) the regex
 * matches. The regex must already be known to compile. Resolves, never rejects.
 */
export function matchInWorker(pattern: string, flags: string, columns: readonly (readonly Cell[])[], from: number, to: number, budgetMs = REGEX_BUDGET_MS): Promise<RegexOutcome> {
  const count = Math.max(0, to - from);
  const slices = columns.map((c) => c.slice(from, to));
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { pattern, flags, columns: slices, count } });
    const settle = (outcome: RegexOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(outcome);
    };
    const tooSlow = (): void => settle({ ok: false, reason: `The regular expression took more than ${(budgetMs / 1000).toLocaleString('en-US')} s over ${count.toLocaleString('en-US')} rows and was stopped (it may backtrack catastrophically); matched as text.` });
    // The budget is the regex's own: it starts once the worker runs, since starting a thread and
    // copying the cells to it can take seconds on a busy machine. Until then only a far limit holds.
    let timer = setTimeout(tooSlow, Math.max(30_000, budgetMs * 10));
    worker.once('online', () => {
      clearTimeout(timer);
      timer = setTimeout(tooSlow, budgetMs);
    });
    worker.once('message', (m: Uint8Array) => settle({ ok: true, matches: m }));
    worker.once('error', (e) => settle({ ok: false, reason: `The regular expression could not run (${e.message}); matched as text.` }));
    worker.once('exit', () => settle({ ok: false, reason: 'The regular expression could not run; matched as text.' }));
  });
}
