/** The local backend: runs SPL in-process with the engine over local files or any event source. */
import type { Cell, JobStatus, RunEvent, RunOptions, SearchBackend, SearchMessage } from '../backend';
import { arraySource, concatSources, execute, fileSource, resultValue, SplError, validateSpl, type EventSource, type FileSourceOptions, type SplEvent } from '../../engine';
import { expandMacros, type MacroTable } from '../../spl/macros';
import { findRiskyCommands } from '../../spl/riskyCommands';

export interface LocalBackendOptions {
  label?: string;
  /** Applied to every file (time field, host, sourcetype, index...). */
  fileOptions?: FileSourceOptions;
  /** Minimum interval between RUNNING status updates, ms (default 250). */
  statusIntervalMs?: number;
  /** Epoch ms to use as "now" for time modifiers (tests); default the clock. */
  now?: () => number;
  /** Macros expanded before the engine parses a query (a Splunk server expands its own). */
  macros?: MacroTable;
  /** Folder of CSV lookup files for lookup, inputlookup and outputlookup. */
  lookupsFolder?: string;
}

const DEFAULT_PAGE_SIZE = 1000;
let sidCounter = 0;

function abortError(): Error {
  const e = new Error('The search was cancelled.');
  e.name = 'AbortError';
  return e;
}

function toRows(fields: string[], rows: SplEvent[]): Cell[][] {
  return rows.map((r) => fields.map((f) => resultValue(f, r[f])));
}

export class LocalBackend implements SearchBackend {
  readonly label: string;
  private readonly source: EventSource;
  private readonly statusIntervalMs: number;
  private readonly now: () => number;
  private readonly macros: MacroTable | undefined;
  private readonly lookupsFolder: string | undefined;

  constructor(input: string[] | EventSource, options: LocalBackendOptions = {}) {
    if (Array.isArray(input)) {
      this.source = input.length === 0 ? arraySource([]) : input.length === 1 ? fileSource(input[0]!, options.fileOptions) : concatSources(input.map((p) => fileSource(p, options.fileOptions)));
      this.label = options.label ?? (input.length === 1 ? `Local: ${input[0]}` : `Local: ${input.length} files`);
    } else {
      this.source = input;
      this.label = options.label ?? 'Local';
    }
    this.statusIntervalMs = options.statusIntervalMs ?? 250;
    this.now = options.now ?? Date.now;
    this.macros = options.macros;
    this.lookupsFolder = options.lookupsFolder;
  }

  /** The query with its macros expanded; an undefined macro is an SplError at the call. */
  private expand(query: string): string {
    if (!this.macros || !query.includes('`')) return query;
    const r = expandMacros(query, this.macros);
    if (r.error) throw new SplError(r.error.message, r.error.start);
    // The run confirmation reads the query as written: a risky command a macro brings in was never asked about.
    const written = new Set(findRiskyCommands(query));
    const hidden = findRiskyCommands(r.text).filter((c) => !written.has(c));
    if (hidden.length > 0) throw new SplError(`A macro in this search expands to ${hidden.map((c) => `'${c}'`).join(', ')}; the local engine runs such commands only when the query names them, so the run asks first.`, 0);
    return r.text;
  }

  /** Throws SplError at once for a query that does not parse; otherwise returns the run's event stream. */
  run(query: string, options: RunOptions, signal: AbortSignal): AsyncIterable<RunEvent> {
    const expanded = this.expand(query);
    validateSpl(expanded);
    return this.runJob(expanded, options, signal);
  }

  private async *runJob(query: string, options: RunOptions, signal: AbortSignal): AsyncGenerator<RunEvent> {
    const sid = `local.${++sidCounter}`;
    const started = Date.now();
    const pageSize = Math.max(1, options.pageSize ?? DEFAULT_PAGE_SIZE);
    const maxResults = Math.max(0, options.maxResults);
    const messages: SearchMessage[] = [];
    let scanCount = 0, eventCount = 0, progress = 0, produced = 0, delivered = 0, truncated = false;
    const status = (state: JobStatus['state']): JobStatus => ({
      kind: 'status', sid, state, doneProgress: progress, scanCount, eventCount, resultCount: produced,
      runDuration: (Date.now() - started) / 1000, messages: [...messages],
    });

    yield status('QUEUED');
    if (signal.aborted) throw abortError();
    yield status('RUNNING');
    let lastStatus = Date.now();
    const execOptions = {
      signal, batchSize: pageSize, heartbeatMs: this.statusIntervalMs, now: this.now(),
      onStats: (s: { scanned: number; matched: number; progress: number | undefined }) => { scanCount = s.scanned; eventCount = s.matched; if (s.progress !== undefined) progress = Math.min(0.99, s.progress); },
      onWarning: (text: string) => { if (!messages.some((m) => m.text === text)) messages.push({ type: 'WARN', text }); },
      ...(this.lookupsFolder !== undefined ? { lookupsFolder: this.lookupsFolder } : {}),
      ...(options.earliestTime !== undefined ? { earliestTime: options.earliestTime } : {}),
      ...(options.latestTime !== undefined ? { latestTime: options.latestTime } : {}),
    };
    try {
      for await (const batch of execute(query, this.source, execOptions)) {
        if (signal.aborted) throw abortError();
        produced += batch.rows.length;
        if (delivered < maxResults && batch.rows.length > 0) {
          const rows = batch.rows.slice(0, maxResults - delivered);
          yield { kind: 'page', fields: batch.fields, rows: toRows(batch.fields, rows), offset: delivered, preview: false };
          delivered += rows.length;
        }
        if (produced > maxResults) {
          // A row beyond maxResults exists: stop the job instead of computing rows nobody will fetch.
          truncated = true;
          break;
        }
        if (Date.now() - lastStatus >= this.statusIntervalMs) { lastStatus = Date.now(); yield status('RUNNING'); }
      }
    } catch (e) {
      if ((e as Error).name === 'AbortError' || signal.aborted) throw abortError();
      messages.push({ type: 'FATAL', text: (e as Error).message });
      yield status('FAILED');
      throw e;
    }
    if (signal.aborted) throw abortError();
    if (truncated) messages.push({ type: 'INFO', text: `Stopped after ${maxResults.toLocaleString('en-US')} results (maxResults).` });
    progress = 1;
    yield status('DONE');
    yield { kind: 'done', sid, totalResults: produced, fetchedResults: delivered, truncated, incomplete: false, messages: [...messages] };
  }

  dispose(): void {
    // Nothing is held between runs; each run opens and closes its own file streams.
  }
}
