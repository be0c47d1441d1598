/** A syntax or semantic error in a query. `column` is a 0-based offset into the query text when known. */
export class SplError extends Error {
  readonly column: number | undefined;

  constructor(message: string, column?: number) {
    super(message);
    this.name = 'SplError';
    this.column = column;
  }
}

/** The error a cancelled run throws; callers test `name === 'AbortError'`. */
export function abortError(): Error {
  const e = new Error('The search was cancelled.');
  e.name = 'AbortError';
  return e;
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortError();
}
