import type { Cell } from '../shared/cell';
import type { RunManager } from './run/runManager';
import type { SearchRun } from './run/searchRun';

/** What a run looks like from outside: for tests and for other extensions. No secrets, no live objects. */
export interface RunSnapshot {
  id: number;
  state: string;
  sid: string | undefined;
  target: string;
  query: string;
  rowCount: number;
  fields: string[];
  truncated: boolean;
  incomplete: boolean;
  totalResults: number | undefined;
  error: { message: string; kind: string; detail?: string; fingerprint?: string } | undefined;
  messages: { type: string; text: string }[];
  rows(start: number, count: number): Cell[][];
}

export interface SplWorkbenchApi {
  latestRun(): RunSnapshot | undefined;
  /** Resolves when the run has finished (done, failed or cancelled). */
  waitForRun(id: number): Promise<RunSnapshot>;
}

export function snapshot(run: SearchRun): RunSnapshot {
  const store = run.store;
  return {
    id: run.id,
    state: run.state,
    sid: run.sid,
    target: run.targetLabel,
    query: run.query,
    rowCount: store.rowCount,
    fields: store.columns.map((c) => c.name),
    truncated: run.complete?.truncated ?? false,
    incomplete: run.complete?.incomplete ?? false,
    totalResults: run.complete?.totalResults,
    error: run.error ? { message: run.error.message, kind: run.error.kind, ...(run.error.detail ? { detail: run.error.detail } : {}), ...(run.error.fingerprint ? { fingerprint: run.error.fingerprint } : {}) } : undefined,
    messages: run.messages.map((m) => ({ type: m.type, text: m.text })),
    rows: (start, count) => {
      const out: Cell[][] = [];
      const end = Math.min(store.rowCount, start + count);
      const names = store.columns.map((c) => c.name);
      for (let r = start; r < end; r++) out.push(names.map((name) => store.cell(r, name)));
      return out;
    },
  };
}

export function createApi(runs: RunManager, all: () => SearchRun[]): SplWorkbenchApi {
  return {
    latestRun: () => (runs.latest ? snapshot(runs.latest) : undefined),
    waitForRun: async (id) => {
      const run = all().find((r) => r.id === id);
      if (!run) throw new Error(`No run ${id}`);
      await run.finished;
      return snapshot(run);
    },
  };
}
