/** Event sources: files (JSON Lines, JSON arrays/objects, CSV, plain text lines) streamed in batches, and arrays. */
import { createReadStream, statSync, openSync, readSync, closeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import Papa from 'papaparse';
import { abortError } from './errors';
import { escapeRegex } from './values';
import { applyDefaults, normalizeRecord, SYNTHESIZED_FIELDS, type DefaultFields, type NormalizeOptions } from './normalize';
import type { EventSource, LinePrefilter, PrefilterableSource, ProgressSource, SplEvent } from './types';

export type FileFormat = 'jsonl' | 'json' | 'csv' | 'text';

export interface FileSourceOptions extends NormalizeOptions {
  /** Default: by extension (.jsonl/.ndjson, .json, .csv, .tsv), else sniffed from the first bytes. */
  format?: FileFormat;
  /** Events per batch (default 1000). */
  batchSize?: number;
  /** Bytes per read (default 1 MiB). */
  chunkSize?: number;
}

export interface FileSource extends PrefilterableSource, ProgressSource {
  readonly path: string;
  /** Bytes read so far in the current or last pass. */
  readonly bytesRead: number;
}

function sniff(path: string): FileFormat {
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (head.startsWith('[')) return 'json';
    if (head.startsWith('{')) {
      // One object per line is JSON Lines; an object spread over lines needs the structural reader.
      const firstLine = head.split('\n', 1)[0]!.trim();
      if (ext !== '.json') return 'jsonl';
      try { JSON.parse(firstLine); return 'jsonl'; } catch { return 'json'; }
    }
    return ext === '.json' ? 'json' : 'text';
  } finally {
    closeSync(fd);
  }
}

/** Reads a file as lines, in chunks, stopping (and closing the file) when the consumer stops. */
async function* readLines(path: string, chunkSize: number, signal: AbortSignal | undefined, onBytes: (n: number) => void): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { highWaterMark: chunkSize });
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let first = true;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw abortError();
      onBytes(chunk.length);
      let text = rest + decoder.write(chunk);
      if (first) { text = text.replace(/^\uFEFF/, ''); first = false; }
      const lines = text.split('\n');
      rest = lines.pop()!;
      yield lines;
    }
    const tail = rest + decoder.end();
    if (tail !== '') yield [tail];
  } finally {
    stream.destroy();
  }
}

/**
 * Reads JSON Lines as byte chunks. With a prefilter, each chunk is scanned as Latin-1 text (a byte-for-byte
 * view, so an ASCII literal present in the UTF-8 line is present there too) and only lines that contain
 * every literal are decoded as UTF-8; the rest are never decoded or parsed.
 */
async function* readJsonLines(path: string, chunkSize: number, prefilter: LinePrefilter | undefined, signal: AbortSignal | undefined, onBytes: (n: number) => void): AsyncGenerator<string[]> {
  const [lead, ...others] = prefilter?.literals ?? [];
  const leadRe = lead === undefined ? undefined : new RegExp(escapeRegex(lead), 'gi');
  const otherRes = others.map((o) => new RegExp(escapeRegex(o), 'i'));
  // Latin-1 decoding is a byte copy; UTF-8 decoding is several times slower and only needed for lines
  // with bytes above 0x7F (for pure ASCII both give the same string). Lines are decoded from the buffer
  // rather than sliced from the scanned text, so that text becomes garbage as soon as it is scanned.
  const handle = (buf: Buffer, start: number, end: number, out: string[]): void => {
    if (end <= start) return;
    const text = buf.toString('latin1', start, end);
    // Position of the next byte above 0x7F at or after the current line (-1: none left, -2: unknown).
    let nextHigh = -2;
    const line = (ls: number, le: number): string => {
      if (nextHigh !== -1 && nextHigh < ls) {
        HIGH_BYTES.lastIndex = ls;
        const m = HIGH_BYTES.exec(text);
        nextHigh = m ? m.index : -1;
      }
      const high = nextHigh !== -1 && nextHigh < le;
      return buf.toString(high ? 'utf8' : 'latin1', start + ls, start + le);
    };
    if (!leadRe) {
      let ls = 0;
      while (ls <= text.length) {
        let le = text.indexOf('\n', ls);
        if (le < 0) le = text.length;
        out.push(line(ls, le));
        ls = le + 1;
      }
      return;
    }
    leadRe.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = leadRe.exec(text))) {
      const ls = text.lastIndexOf('\n', m.index) + 1;
      let le = text.indexOf('\n', m.index);
      if (le < 0) le = text.length;
      // Candidates are few: decoding them as UTF-8 outright is cheaper than looking for high bytes first.
      if (otherRes.length === 0 || otherRes.every((r) => r.test(text.slice(ls, le)))) out.push(buf.toString('utf8', start + ls, start + le));
      leadRe.lastIndex = le + 1;
    }
  };
  // Scans [start, end) in newline-aligned slices of about 64 kB: small strings die young, which keeps the
  // garbage collector cheap compared with one string per megabyte read.
  const scan = (buf: Buffer, start: number, end: number, out: string[]): void => {
    let s = start;
    while (s < end) {
      let e = s + SLICE >= end ? end : buf.lastIndexOf(10, s + SLICE);
      if (e <= s) { e = buf.indexOf(10, s + SLICE); if (e < 0 || e > end) e = end; }
      handle(buf, s, e, out);
      s = e + 1;
    }
  };
  // One buffer, reused for every read (strings are copied out of it), so reading allocates nothing.
  const fh = await open(path, 'r');
  let buf = Buffer.allocUnsafe(Math.max(4096, chunkSize));
  let filled = 0, position = 0, first = true;
  try {
    for (;;) {
      if (signal?.aborted) throw abortError();
      if (filled === buf.length) {
        // A line longer than the buffer: grow it.
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const { bytesRead } = await fh.read(buf, filled, buf.length - filled, position);
      if (bytesRead === 0) break;
      position += bytesRead;
      onBytes(bytesRead);
      filled += bytesRead;
      if (first && filled >= 3) {
        first = false;
        if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) { buf.copy(buf, 0, 3, filled); filled -= 3; }
      }
      const lastNl = filled > 0 ? buf.lastIndexOf(10, filled - 1) : -1;
      if (lastNl < 0) continue;
      const lines: string[] = [];
      scan(buf, 0, lastNl, lines);
      buf.copy(buf, 0, lastNl + 1, filled);
      filled -= lastNl + 1;
      yield lines;
    }
    if (filled > 0) {
      const lines: string[] = [];
      scan(buf, 0, filled, lines);
      yield lines;
    }
  } finally {
    await fh.close();
  }
}

/** Yields each top-level JSON object of a file (inside an array, or concatenated) as its text. */
async function* readJsonObjects(path: string, chunkSize: number, signal: AbortSignal | undefined, onBytes: (n: number) => void): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { highWaterMark: chunkSize });
  const decoder = new StringDecoder('utf8');
  let buf = '';
  let pos = 0, depth = 0, inString = false, escape = false, start = -1, objectDepth = -1;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (signal?.aborted) throw abortError();
      onBytes(chunk.length);
      buf += decoder.write(chunk);
      const found: string[] = [];
      for (; pos < buf.length; pos++) {
        const c = buf.charCodeAt(pos);
        if (inString) {
          if (escape) escape = false;
          else if (c === 92) escape = true; // backslash
          else if (c === 34) inString = false;
          continue;
        }
        if (c === 34) { inString = true; continue; }
        if (c === 123 || c === 91) { // { [
          // Events are the objects at the outermost level, or directly inside a top-level array.
          if (objectDepth < 0) objectDepth = c === 91 && depth === 0 ? 1 : depth;
          if (c === 123 && depth === objectDepth) start = pos;
          depth++;
        } else if (c === 125 || c === 93) { // } ]
          depth--;
          if (c === 125 && depth === objectDepth && start >= 0) { found.push(buf.slice(start, pos + 1)); start = -1; }
        }
      }
      // Keep only the unfinished object.
      const keepFrom = start >= 0 ? start : pos;
      buf = buf.slice(keepFrom);
      pos -= keepFrom;
      if (start >= 0) start = 0;
      if (found.length) yield found;
    }
  } finally {
    stream.destroy();
  }
}

const HIGH_BYTES = /[\x80-\xff]/g;
const SLICE = 64 * 1024;

function csvRaw(values: string[]): string {
  return values.map((v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(',');
}

export function fileSource(path: string, options: FileSourceOptions = {}): FileSource {
  const batchSize = options.batchSize ?? 1000;
  const chunkSize = options.chunkSize ?? 1 << 20;
  let bytesRead = 0;
  let size = 0;
  const onBytes = (n: number): void => { bytesRead += n; };

  async function* events(prefilter: LinePrefilter | undefined, signal?: AbortSignal): AsyncGenerator<SplEvent[]> {
    const st = statSync(path);
    size = st.size;
    bytesRead = 0;
    const format = options.format ?? sniff(path);
    const fallback: DefaultFields = { source: path, sourcetype: format === 'csv' ? 'csv' : format === 'text' ? 'text' : 'json', timeMs: Math.floor(st.mtimeMs) };
    let batch: SplEvent[] = [];
    const parseJson = (text: string): SplEvent => {
      let obj: unknown;
      try { obj = JSON.parse(text); } catch { obj = undefined; }
      if (obj !== null && typeof obj === 'object' && !Array.isArray(obj)) return normalizeRecord(obj as Record<string, unknown>, text, options, fallback);
      // Not a JSON object: keep the line as a raw event, as Splunk would index it.
      return applyDefaults({}, text, options, fallback);
    };

    if (format === 'csv') {
      yield* csvEvents(path, options, fallback, batchSize, signal, onBytes);
      return;
    }
    const reader = format === 'json' ? readJsonObjects(path, chunkSize, signal, onBytes)
      : format === 'jsonl' ? readJsonLines(path, chunkSize, prefilter, signal, onBytes)
        : readLines(path, chunkSize, signal, onBytes);
    for await (const items of reader) {
      for (let i = 0; i < items.length; i++) {
        let text = items[i]!;
        if (format !== 'json') {
          if (text.endsWith('\r')) text = text.slice(0, -1);
          if (text.trim() === '') continue;
        }
        batch.push(format === 'text' ? applyDefaults({}, text, options, fallback) : parseJson(text));
        if (batch.length >= batchSize) { yield batch; batch = []; }
      }
    }
    if (batch.length > 0) yield batch;
  }

  return {
    path,
    get bytesRead() { return bytesRead; },
    synthesizedFields: SYNTHESIZED_FIELDS,
    batches: (signal) => events(undefined, signal),
    batchesWithPrefilter: (prefilter, signal) => events(prefilter, signal),
    progress: () => (size > 0 ? Math.min(1, bytesRead / size) : undefined),
  };
}

async function* csvEvents(path: string, options: FileSourceOptions, fallback: DefaultFields, batchSize: number, signal: AbortSignal | undefined, onBytes: (n: number) => void): AsyncGenerator<SplEvent[]> {
  const file = createReadStream(path, { highWaterMark: options.chunkSize ?? 1 << 20 });
  file.on('data', (c: Buffer | string) => onBytes(c.length));
  const delimiter = extname(path).toLowerCase() === '.tsv' ? '\t' : '';
  const parsed = file.pipe(Papa.parse(Papa.NODE_STREAM_INPUT, { header: true, skipEmptyLines: true, delimiter }));
  let batch: SplEvent[] = [];
  try {
    for await (const row of parsed as AsyncIterable<Record<string, string | undefined>>) {
      if (signal?.aborted) throw abortError();
      const e: SplEvent = {};
      const values: string[] = [];
      for (const k in row) {
        const v = row[k];
        if (v === undefined) continue;
        values.push(v);
        // Splunk has no empty fields.
        if (v !== '' && k !== '') e[k] = v;
      }
      batch.push(applyDefaults(e, typeof row._raw === 'string' ? row._raw : csvRaw(values), options, fallback));
      if (batch.length >= batchSize) { yield batch; batch = []; }
    }
    if (batch.length > 0) yield batch;
  } finally {
    file.destroy();
    parsed.destroy();
  }
}

/** In-memory events, served in batches as they are (not copied, not normalised). */
export function arraySource(events: SplEvent[], batchSize = 10000): EventSource & ProgressSource {
  let done = 0;
  return {
    async *batches(signal?: AbortSignal) {
      done = 0;
      for (let i = 0; i < events.length; i += batchSize) {
        if (signal?.aborted) throw abortError();
        const b = events.slice(i, i + batchSize);
        done = i + b.length;
        yield b;
      }
    },
    progress: () => (events.length === 0 ? 1 : done / events.length),
  };
}

/** Several sources read one after another (e.g. several files). */
export function concatSources(sources: EventSource[]): EventSource & ProgressSource {
  let current = 0;
  const prefilterable = sources.every((s) => typeof (s as Partial<PrefilterableSource>).batchesWithPrefilter === 'function');
  const run = async function* (pf: LinePrefilter | undefined, signal?: AbortSignal): AsyncGenerator<SplEvent[]> {
    for (current = 0; current < sources.length; current++) {
      const s = sources[current]!;
      yield* pf ? (s as PrefilterableSource).batchesWithPrefilter(pf, signal) : s.batches(signal);
    }
  };
  const base = {
    batches: (signal?: AbortSignal) => run(undefined, signal),
    progress: () => {
      if (sources.length === 0) return 1;
      const s = sources[Math.min(current, sources.length - 1)] as Partial<ProgressSource>;
      const inner = s.progress?.() ?? 0;
      return Math.min(1, (Math.min(current, sources.length) + (current < sources.length ? inner : 0)) / sources.length);
    },
  };
  if (!prefilterable) return base;
  const synthesized = new Set<string>();
  for (const s of sources) for (const f of (s as PrefilterableSource).synthesizedFields) synthesized.add(f);
  return { ...base, synthesizedFields: synthesized, batchesWithPrefilter: (pf: LinePrefilter, signal?: AbortSignal) => run(pf, signal) } as EventSource & ProgressSource;
}
