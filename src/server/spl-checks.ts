/** SPL checks the REST layer applies on top of the engine's parser. */
import { SplError, validateSpl } from './engine-port';

/**
 * The search-jobs endpoints do not prepend `search` the way Splunk Web does: the first token must be
 * a command (docs/SERVER.md, "The search keyword"), so `index=main` is "Unknown search command 'index'.". The engine is more
 * lenient, so the REST rule is applied here, asking the engine's parser whether a word is a command.
 */
export function firstCommandError(search: string): string | undefined {
  const m = /^\s*(\|\s*)?([A-Za-z_][\w-]*)?(.?)/.exec(search)!;
  const word = m[2];
  if (word === undefined) {
    const token = /^\s*\|?\s*(\S*)/.exec(search)![1]!.replace(/[=|].*$/, '');
    return `Unknown search command '${token}'.`;
  }
  if (m[3] !== '' && !/[\s|]/.test(m[3]!)) return `Unknown search command '${word}'.`;
  if (word.toLowerCase() === 'search') return undefined;
  try {
    validateSpl(`| ${word}`);
  } catch (err) {
    if (err instanceof SplError && err.message.startsWith('Unknown search command')) return `Unknown search command '${word}'.`;
  }
  return undefined;
}

/** Splits SPL on top-level pipes (outside quotes and brackets), for the parser endpoint. */
export function splitPipeline(q: string): string[] {
  const parts: string[] = [];
  let depth = 0; let quote = false; let cur = '';
  for (let i = 0; i < q.length; i++) {
    const c = q[i]!;
    if (c === '\\' && quote) { cur += c + (q[i + 1] ?? ''); i++; continue; }
    if (c === '"') quote = !quote;
    else if (!quote && (c === '(' || c === '[')) depth++;
    else if (!quote && (c === ')' || c === ']')) depth = Math.max(0, depth - 1);
    if (c === '|' && !quote && depth === 0) { if (cur.trim()) parts.push(cur.trim()); cur = ''; continue; }
    cur += c;
  }
  if (cur.trim()) parts.push(cur.trim());
  return parts;
}
