/** Running a parsed pipeline over an event source, batch by batch, stopping the source as soon as possible. */
import type { Command, ExecContext, FieldOrder, Operator, PrepareContext, SubsearchLimits } from './commands/types';
import { abortError } from './errors';
import { parseSpl, parseSubsearch, type Pipeline } from './parser';
import { SUBSEARCH_MAX_RESULTS, SUBSEARCH_MAX_SECONDS, subsearchText } from './subsearch';
import { compileSearch, requiredLiterals, timeRangeFilter } from './search';
import { parseRelativeTime } from './time';
import { hasProgress, isPrefilterable, type EventSource, type ExecuteOptions, type LinePrefilter, type ResultBatch, type SplEvent } from './types';
import { fieldNameMatcher, rawFieldOrder } from './values';

/** The batch's field names: the pipeline's explicit order, or Splunk's order for raw events. */
export function resolveFields(order: FieldOrder, rows: SplEvent[]): string[] {
  const present = new Set<string>();
  for (const r of rows) for (const k in r) present.add(k);
  if (order.kind === 'raw') return rawFieldOrder(present);
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (n: string): void => { if (!seen.has(n)) { seen.add(n); out.push(n); } };
  let sortedPresent: string[] | undefined;
  for (const name of order.fields) {
    if (!name.includes('*')) { add(name); continue; }
    const m = fieldNameMatcher(name);
    sortedPresent ??= rawFieldOrder(present);
    for (const p of sortedPresent) if (m(p)) add(p);
  }
  if (order.keepInternal) for (const p of rawFieldOrder(present)) if (p.startsWith('_')) add(p);
  return out;
}

function buildPrefilter(pieces: string[]): LinePrefilter | undefined {
  // Longest first: the rarest literal usually, so the source's scan finds candidate lines faster.
  const literals = [...new Set(pieces)].sort((a, b) => b.length - a.length);
  return literals.length === 0 ? undefined : { literals };
}

/**
 * Runs `query` over `source`. Syntax errors throw here, synchronously; the returned iterable reads the
 * source lazily and stops reading it as soon as the result is known (e.g. after `head`).
 */
export function execute(query: string, source: EventSource, options: ExecuteOptions = {}): AsyncIterable<ResultBatch> {
  const pipeline = parseSpl(query);
  return { [Symbol.asyncIterator]: () => runQuery(query, pipeline, source, options) };
}

/** Collects a sub-pipeline's rows within Splunk's subsearch limits; a run that takes too long is cut, keeping what it found. */
async function collectSubsearch(text: string, source: EventSource, options: ExecuteOptions, limits: SubsearchLimits, warn: (m: string) => void): Promise<SplEvent[]> {
  const ac = new AbortController();
  const outer = options.signal;
  const onAbort = (): void => ac.abort();
  outer?.addEventListener('abort', onAbort);
  const timer = setTimeout(() => ac.abort(), limits.maxSeconds * 1000);
  const rows: SplEvent[] = [];
  try {
    const { onStats: _ignored, ...rest } = options;
    const pipeline = parseSubsearch(text);
    const sub: AsyncIterable<ResultBatch> = { [Symbol.asyncIterator]: () => runQuery(text, pipeline, source, { ...rest, signal: ac.signal }, true) };
    for await (const b of sub) {
      for (const r of b.rows) {
        if (rows.length >= limits.maxResults) {
          warn(`A subsearch was cut at ${limits.maxResults.toLocaleString('en-US')} results (Splunk's default limit).`);
          return rows;
        }
        rows.push(r);
      }
    }
  } catch (e) {
    if ((e as Error).name !== 'AbortError' || outer?.aborted) throw e;
    warn(`A subsearch was stopped after ${limits.maxSeconds} s (Splunk's default limit); its results so far were used.`);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
  return rows;
}

/**
 * `fields - x | table a b` runs as one projection that leaves x out: the same rows, with each event copied
 * once (a `fields -` on its own copies every event to drop a few keys). Right to left, so a run of
 * `fields -` before a table folds into it whole.
 */
export function foldDrops(commands: readonly Command[]): Command[] {
  const out: Command[] = [];
  for (let i = commands.length - 1; i >= 0; i--) {
    const c = commands[i]!;
    const next = out[0];
    if (c.drops && next?.without) out[0] = next.without(c.drops);
    else out.unshift(c);
  }
  return out;
}

async function* runQuery(query: string, parsed: Pipeline, source: EventSource, options: ExecuteOptions, subsearch = false): AsyncGenerator<ResultBatch> {
  const nowMs = options.now ?? Date.now();
  const warn = (m: string): void => options.onWarning?.(m);
  const ctx: ExecContext = { nowMs, nowSeconds: Math.floor(nowMs / 1000), warn };
  const subOptions: ExecuteOptions = { ...options, now: nowMs };
  let pipeline = parsed;
  if (pipeline.subsearches.length > 0) {
    // Subsearches run first, innermost inside their own execute; their results become search text.
    let text = query;
    for (const s of [...pipeline.subsearches].sort((a, b) => b.start - a.start)) {
      const rows = await collectSubsearch(query.slice(s.start + 1, s.end - 1), source, subOptions, { maxResults: SUBSEARCH_MAX_RESULTS, maxSeconds: SUBSEARCH_MAX_SECONDS }, warn);
      text = `${text.slice(0, s.start)} ${subsearchText(rows)} ${text.slice(s.end)}`;
    }
    pipeline = subsearch ? parseSubsearch(text) : parseSpl(text);
  }
  const prep: PrepareContext = {
    exec: ctx,
    runSubsearch: (text, _pos, limits) => collectSubsearch(text, source, subOptions, limits, warn),
    lookupsFolder: options.lookupsFolder,
    signal: options.signal,
  };
  for (const c of pipeline.commands) if (c.prepare) await c.prepare(prep);
  const search = pipeline.search;
  // Time modifiers in the query win over the job's range.
  const earliestMod = search?.expr.earliest ?? options.earliestTime;
  const latestMod = search?.expr.latest ?? options.latestTime;
  const earliest = earliestMod !== undefined && earliestMod !== '' ? parseRelativeTime(earliestMod, nowMs) : undefined;
  const latest = latestMod !== undefined && latestMod !== '' ? parseRelativeTime(latestMod, nowMs) : undefined;
  const commands = foldDrops(pipeline.commands);
  let order: FieldOrder = { kind: 'raw' };
  for (const c of commands) order = c.fieldOrder(order);
  yield* run(search?.expr.node, commands, order, ctx, source, options, earliest, latest);
}

async function* run(
  node: import('./search').SearchNode | undefined,
  commands: Command[],
  order: FieldOrder,
  ctx: ExecContext,
  source: EventSource,
  options: ExecuteOptions,
  earliest: number | undefined,
  latest: number | undefined,
): AsyncGenerator<ResultBatch> {
  const signal = options.signal;
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const ops: Operator[] = commands.map((c) => c.create(ctx));
  // Output waiting to be yielded; `outPos` is the first row not yet taken (slicing the head off each
  // time would be quadratic when a blocking command flushes a million rows).
  let out: SplEvent[] = [];
  let outPos = 0;
  let yielded = false;
  let lastYield = Date.now();

  const pushFrom = (start: number, rows: SplEvent[]): void => {
    let r = rows;
    for (let i = start; i < ops.length && r.length > 0; i++) r = ops[i]!.push(r);
    for (const x of r) out.push(x);
  };
  const exhaustedIndex = (): number => {
    for (let i = ops.length - 1; i >= 0; i--) if (ops[i]!.exhausted) return i;
    return -1;
  };
  const pending = (): number => out.length - outPos;
  const take = (): ResultBatch => {
    const end = Math.min(out.length, outPos + batchSize);
    const rows = outPos === 0 && end === out.length ? out : out.slice(outPos, end);
    outPos = end;
    if (outPos >= out.length) { out = []; outPos = 0; }
    yielded = true;
    lastYield = Date.now();
    return { fields: resolveFields(order, rows), rows };
  };

  if (signal?.aborted) throw abortError();
  const generating = commands[0]?.generating === true && commands[0].readsEvents !== true;
  if (!generating) {
    const pred = node && node.type !== 'all' ? compileSearch(node) : undefined;
    const tf = timeRangeFilter(earliest, latest);
    const filter = pred && tf ? (e: SplEvent) => tf(e) && pred(e) : pred ?? tf;
    let batches: AsyncIterable<SplEvent[]> = source.batches(signal);
    if (node && isPrefilterable(source)) {
      const pf = buildPrefilter(requiredLiterals(node, source.synthesizedFields));
      if (pf) batches = source.batchesWithPrefilter(pf, signal);
    }
    let scanned = 0, matched = 0;
    for await (const batch of batches) {
      if (signal?.aborted) throw abortError();
      scanned += batch.length;
      const rows = filter ? batch.filter(filter) : batch;
      matched += rows.length;
      pushFrom(0, rows);
      options.onStats?.({ scanned, matched, progress: hasProgress(source) ? source.progress() : undefined });
      while (pending() >= batchSize) yield take();
      if (options.heartbeatMs !== undefined && Date.now() - lastYield >= options.heartbeatMs) yield take();
      if (signal?.aborted) throw abortError();
      if (exhaustedIndex() >= 0) break;
    }
  }
  // Flush from the last exhausted operator on: upstream output could not change the result any more.
  const start = Math.max(0, exhaustedIndex());
  for (let i = start; i < ops.length; i++) {
    if (signal?.aborted) throw abortError();
    const op = ops[i]!;
    pushFrom(i + 1, op.flushAsync ? await op.flushAsync() : op.flush());
    while (pending() >= batchSize) yield take();
  }
  for (const op of ops) if (op.settle) await op.settle();
  if (pending() > 0 || !yielded) yield take();
}
