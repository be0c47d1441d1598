/**
 * Fault switches for tests and demos. One mutable object per server; every switch can be set at start
 * (`startServer({ faults })`) or at runtime (`server.faults.set({...})`), and `reset()` clears them all.
 */

export interface HttpErrorFault {
  status: 500 | 503;
  /** Fail the Nth request counted from when this fault was set (1-based). Omitted: every matching request. */
  nth?: number;
  /** Only requests whose normalised path contains this text (e.g. `/results`). */
  pathIncludes?: string;
  /** How many matching requests to fail before the fault disarms itself. Omitted: 1 with `nth`, unlimited without. */
  times?: number;
}

export interface DropConnectionFault {
  /** Drop the Nth final-results request (1-based, counted from when set). Default 1. */
  nth?: number;
  /** Fraction of the body to send before the socket is destroyed. Default 0.5. */
  fraction?: number;
}

/** Final-results replies that are not a results document, as a broken proxy or app might send. */
export interface MalformedResultsFault {
  /** The Nth final-results request (1-based, counted from when set). Omitted: every one. */
  nth?: number;
  /** `html`: a 200 text/html page; `truncated-json`: half a JSON document; `no-rows`: JSON without `rows`. */
  body: 'html' | 'truncated-json' | 'no-rows';
}

/** Job status requests that fail, `times` times, before the server answers normally again. */
export interface PollFault {
  /** Answer with this status; omitted: reset the connection without answering. */
  status?: 500 | 503;
  times: number;
}

export interface FaultSettings {
  /** Added before every reply, in ms. */
  latencyMs: number;
  /** Jobs created while set move to FAILED after dispatch with this FATAL text. */
  failJobs: string | null;
  httpError: HttpErrorFault | null;
  dropResults: DropConnectionFault | null;
  /** Jobs created while set take at least this long, with doneProgress rising over time. */
  slowJobMs: number;
  /** Jobs created while set stop in PAUSED once running, until `unpause`. */
  pauseJobs: boolean;
  malformedResults: MalformedResultsFault | null;
  /**
   * json_rows cells not as Splunk types them: `numbers` sends numeric-looking values as JSON numbers,
   * `objects` replaces the last field's values with JSON objects.
   */
  oddCells: 'numbers' | 'objects' | null;
  pollErrors: PollFault | null;
  /** Results and previews ignore `count` and send every row from `offset` on. */
  ignoreCount: boolean;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0, failJobs: null, httpError: null, dropResults: null, slowJobMs: 0, pauseJobs: false,
  malformedResults: null, oddCells: null, pollErrors: null, ignoreCount: false,
});

export class FaultController {
  private settings: FaultSettings;
  private requestsSinceHttpError = 0;
  private httpErrorsServed = 0;
  private resultsRequestsSinceDrop = 0;
  private resultsRequestsSinceMalformed = 0;
  private pollErrorsServed = 0;

  constructor(initial: Partial<FaultSettings> = {}) {
    this.settings = { ...NO_FAULTS, ...initial };
  }

  get current(): Readonly<FaultSettings> { return this.settings; }

  set(partial: Partial<FaultSettings>): void {
    this.settings = { ...this.settings, ...partial };
    if ('httpError' in partial) { this.requestsSinceHttpError = 0; this.httpErrorsServed = 0; }
    if ('dropResults' in partial) this.resultsRequestsSinceDrop = 0;
    if ('malformedResults' in partial) this.resultsRequestsSinceMalformed = 0;
    if ('pollErrors' in partial) this.pollErrorsServed = 0;
  }

  reset(): void { this.set({ ...NO_FAULTS }); }

  /** Called once per request; returns the status to fail it with, if the 5xx fault applies. */
  httpErrorFor(path: string): 500 | 503 | undefined {
    const f = this.settings.httpError;
    if (!f) return undefined;
    if (f.pathIncludes && !path.includes(f.pathIncludes)) return undefined;
    this.requestsSinceHttpError++;
    const limit = f.times ?? (f.nth !== undefined ? 1 : Infinity);
    if (this.httpErrorsServed >= limit) return undefined;
    if (f.nth !== undefined && this.requestsSinceHttpError < f.nth) return undefined;
    this.httpErrorsServed++;
    return f.status;
  }

  /** Called once per final-results request; returns the fraction of the body to send before dropping. */
  dropFractionForResults(): number | undefined {
    const f = this.settings.dropResults;
    if (!f) return undefined;
    this.resultsRequestsSinceDrop++;
    if (this.resultsRequestsSinceDrop !== (f.nth ?? 1)) return undefined;
    return f.fraction ?? 0.5;
  }

  /** A fault that rewrites or cuts results bodies is armed: such pages are built whole, not streamed. */
  hasResultsBodyFault(): boolean {
    return this.settings.dropResults != null || this.settings.malformedResults != null;
  }

  /** Called once per final-results request; the broken body to send instead, if any. */
  malformedBodyForResults(): MalformedResultsFault['body'] | undefined {
    const f = this.settings.malformedResults;
    if (!f) return undefined;
    this.resultsRequestsSinceMalformed++;
    if (f.nth !== undefined && this.resultsRequestsSinceMalformed !== f.nth) return undefined;
    return f.body;
  }

  /** Called once per job status request; how to fail it, if the poll fault is still armed. */
  pollFailure(): 500 | 503 | 'reset' | undefined {
    const f = this.settings.pollErrors;
    if (!f || this.pollErrorsServed >= f.times) return undefined;
    this.pollErrorsServed++;
    return f.status ?? 'reset';
  }
}
