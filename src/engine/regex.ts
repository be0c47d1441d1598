/** Translating the PCRE that SPL users write into JavaScript regular expressions. */
import { SplError } from './errors';

/**
 * Handles the differences that matter in practice: inline `(?i)`/`(?s)`/`(?m)`/`(?x)`-less flags at the
 * start (JavaScript has none), Python-style `(?P<name>`, and `\A`/`\z`/`\Z` anchors. Anything else
 * JavaScript rejects becomes an SplError pointing at `column`.
 */
export function compilePcre(pattern: string, column: number | undefined, extraFlags = ''): RegExp {
  let src = pattern;
  const flags = new Set(extraFlags.split(''));
  // Leading inline flag groups, possibly several: (?i)(?s)...
  let m: RegExpExecArray | null;
  while ((m = /^\(\?([imsx]+)\)/.exec(src))) {
    for (const f of m[1]!) {
      if (f === 'x') throw new SplError('The (?x) regex flag is not supported by the local engine.', column);
      flags.add(f);
    }
    src = src.slice(m[0].length);
  }
  // A case-insensitive group in the middle: JavaScript cannot scope it, so make the whole regex case-insensitive.
  if (/\(\?i\)/.test(src)) { flags.add('i'); src = src.replace(/\(\?i\)/g, ''); }
  src = src.replace(/\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/g, '(?<$1>');
  src = src.replace(/\\A/g, '^').replace(/\\[zZ]/g, '$');
  try {
    return new RegExp(src, [...flags].join(''));
  } catch (e) {
    throw new SplError(`Invalid regex '${pattern}': ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, column);
  }
}

/** Named capture groups in source order (JavaScript reports them unordered with undefined values). */
export function namedGroups(re: RegExp): string[] {
  const names: string[] = [];
  const r = /\(\?<([A-Za-z_][A-Za-z0-9_]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = r.exec(re.source))) if (!names.includes(m[1]!)) names.push(m[1]!);
  return names;
}

/** Splunk's replacement strings use `\1`; JavaScript uses `$1`, and a literal `$` must be doubled. */
export function translateReplacement(repl: string): string {
  return repl.replace(/\$/g, '$$$$').replace(/\\(\d)/g, '$$$1');
}
