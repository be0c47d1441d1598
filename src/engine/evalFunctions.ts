/** The eval functions the engine supports, with Splunk's argument conventions. */
import { createHash } from 'node:crypto';
import { SplError } from './errors';
import { asNumber, asString, isTrue, list, mv, type Compiled, type EvalContext, type EvalValue } from './evalValue';
import { compilePcre, translateReplacement } from './regex';
import { parseRelativeTime, strftime, strptime } from './time';
import { compareLex, escapeRegex, formatNumber } from './values';
import { EVAL_FUNCTIONS } from '../spl/registry';
import { EVAL_FUNCTION_TABLE, type EvalCall } from './evalFunctionTable';

/** The eval functions this engine implements; their argument counts come from the shared registry. */
const IMPLEMENTED = [
  'if', 'case', 'coalesce', 'len', 'lower', 'upper', 'substr', 'replace', 'split', 'mvindex', 'mvcount', 'mvjoin',
  'mvappend', 'mvdedup', 'mvsort', 'match', 'like', 'isnull', 'isnotnull', 'isnum', 'isstr', 'isint', 'typeof',
  'tonumber', 'tostring', 'round', 'floor', 'ceil', 'ceiling', 'abs', 'sqrt', 'pow', 'exp', 'ln', 'log', 'pi', 'min',
  'max', 'now', 'time', 'strftime', 'strptime', 'relative_time', 'trim', 'ltrim', 'rtrim', 'null', 'true', 'false',
  'in', 'md5', 'sha1', 'sha256', 'urldecode', 'random',
  ...EVAL_FUNCTION_TABLE.keys(),
];

/** [min, max] argument counts of the implemented functions. */
export const FUNCTION_ARITY: Record<string, [number, number]> = Object.fromEntries(
  IMPLEMENTED.map((name) => {
    const f = EVAL_FUNCTIONS.get(name);
    if (!f) throw new Error(`eval function '${name}' is missing from the SPL registry`);
    return [name, [f.minArgs, f.maxArgs]];
  }),
);


function str1(f: (s: string) => EvalValue, a: Compiled): Compiled {
  return (e) => { const s = asString(a(e)); return s === null ? null : f(s); };
}

function num1(f: (n: number) => number, a: Compiled): Compiled {
  return (e) => { const n = asNumber(a(e)); if (n === null) return null; const r = f(n); return Number.isFinite(r) ? r : null; };
}

/** The literal value of an argument that must be constant (a regex or format), for compiling it once. */
function constantString(c: Compiled): string | null {
  try { return asString(c({})); } catch { return null; }
}

function regexArg(c: Compiled, pos: number): (e: Parameters<Compiled>[0]) => RegExp | null {
  const lit = constantString(c);
  if (lit !== null) { const re = compilePcre(lit, pos); return () => re; }
  return (e) => { const s = asString(c(e)); return s === null ? null : compilePcre(s, pos); };
}

function trimChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  const set = chars === null ? ' \t\n\r' : chars;
  let a = 0, b = s.length;
  if (left) while (a < b && set.includes(s[a]!)) a++;
  if (right) while (b > a && set.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function roundHalfAway(n: number, digits: number): number {
  const f = 10 ** digits;
  return (Math.sign(n) * Math.round(Math.abs(n) * f + Number.EPSILON)) / f;
}

function tostring(v: EvalValue, format: string | null): EvalValue {
  if (v === null) return null;
  if (format === null) return asString(v);
  const n = asNumber(v);
  if (n === null) return asString(v);
  switch (format.toLowerCase()) {
    case 'hex': return `0x${Math.trunc(n).toString(16).toUpperCase()}`;
    case 'commas': {
      const r = roundHalfAway(n, 2);
      return r.toLocaleString('en-US', { maximumFractionDigits: 2 });
    }
    case 'duration': {
      const t = Math.trunc(n);
      const d = Math.floor(t / 86400), h = Math.floor((t % 86400) / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
      const hms = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
      return d > 0 ? `${d}+${hms}` : hms;
    }
    default: return asString(v);
  }
}

function likeRegex(pattern: string): RegExp {
  let re = '';
  for (const ch of pattern) re += ch === '%' ? '.*' : ch === '_' ? '.' : escapeRegex(ch);
  return new RegExp(`^${re}$`, 's');
}

function hash(alg: string): (s: string) => string {
  return (s) => createHash(alg).update(s, 'utf8').digest('hex');
}

export function callFunction(name: string, a: Compiled[], ctx: EvalContext, pos: number, more?: Pick<EvalCall, 'nodes' | 'compile'>): Compiled {
  const impl = EVAL_FUNCTION_TABLE.get(name);
  if (impl) return impl({ args: a, ctx, pos, nodes: more?.nodes ?? [], compile: more?.compile ?? (() => () => null) });
  const [x, y, z] = a as [Compiled, Compiled, Compiled];
  switch (name) {
    case 'if': return (e) => (isTrue(x(e)) ? y(e) : z(e));
    case 'case': {
      if (a.length % 2 !== 0) throw new SplError('The case function takes pairs of condition and value.', pos);
      return (e) => { for (let i = 0; i < a.length; i += 2) if (isTrue(a[i]!(e))) return a[i + 1]!(e); return null; };
    }
    case 'coalesce': return (e) => { for (const f of a) { const v = f(e); if (v !== null) return v; } return null; };
    case 'null': return () => null;
    case 'true': return () => true;
    case 'false': return () => false;
    case 'len': return str1((s) => [...s].length, x);
    case 'lower': return str1((s) => s.toLowerCase(), x);
    case 'upper': return str1((s) => s.toUpperCase(), x);
    case 'trim': case 'ltrim': case 'rtrim': {
      const l = name !== 'rtrim', r = name !== 'ltrim';
      return (e) => { const s = asString(x(e)); if (s === null) return null; return trimChars(s, a.length > 1 ? asString(y(e)) : null, l, r); };
    }
    case 'substr': return (e) => {
      const s = asString(x(e)), st = asNumber(y(e));
      if (s === null || st === null) return null;
      const chars = [...s];
      // 1-based; a negative start counts from the end.
      let from = st < 0 ? chars.length + st : st - 1;
      if (from < 0) from = 0;
      const len = a.length > 2 ? asNumber(z(e)) : null;
      if (a.length > 2 && len === null) return null;
      return chars.slice(from, len === null ? undefined : from + Math.max(0, len)).join('');
    };
    case 'replace': {
      const re = regexArg(y, pos);
      return (e) => {
        const s = asString(x(e)), r = re(e), repl = asString(z(e));
        if (s === null || r === null || repl === null) return null;
        const g = new RegExp(r.source, r.flags.includes('g') ? r.flags : r.flags + 'g');
        return s.replace(g, translateReplacement(repl));
      };
    }
    case 'split': return (e) => {
      const d = asString(y(e));
      if (d === null) return null;
      const out = list(x(e)).flatMap((s) => s.split(d));
      return mv(out);
    };
    case 'mvindex': return (e) => {
      const vals = list(x(e));
      const n = vals.length;
      const s0 = asNumber(y(e));
      if (s0 === null || n === 0) return null;
      const s = s0 < 0 ? n + s0 : s0;
      if (a.length < 3) return s >= 0 && s < n ? vals[s]! : null;
      const e0 = asNumber(z(e));
      if (e0 === null) return null;
      const en = e0 < 0 ? n + e0 : e0;
      if (s < 0 || s >= n || en < s) return null;
      return mv(vals.slice(s, Math.min(en, n - 1) + 1));
    };
    case 'mvcount': return (e) => { const v = x(e); return v === null ? null : list(v).length; };
    case 'mvjoin': return (e) => { const v = x(e), d = asString(y(e)); return v === null || d === null ? null : list(v).join(d); };
    case 'mvappend': return (e) => mv(a.flatMap((f) => list(f(e))));
    case 'mvdedup': return (e) => mv([...new Set(list(x(e)))]);
    case 'mvsort': return (e) => mv([...list(x(e))].sort(compareLex));
    case 'match': {
      const re = regexArg(y, pos);
      return (e) => { const s = asString(x(e)), r = re(e); if (s === null || r === null) return null; r.lastIndex = 0; return r.test(s); };
    }
    case 'like': {
      const lit = constantString(y);
      const fixed = lit === null ? null : likeRegex(lit);
      return (e) => {
        const s = asString(x(e));
        const r = fixed ?? (() => { const p = asString(y(e)); return p === null ? null : likeRegex(p); })();
        return s === null || r === null ? null : r.test(s);
      };
    }
    case 'in': return (e) => {
      const vals = list(x(e));
      if (vals.length === 0) return null;
      for (const f of a.slice(1)) { const c = asString(f(e)); if (c !== null && vals.includes(c)) return true; }
      return false;
    };
    case 'isnull': return (e) => x(e) === null;
    case 'isnotnull': return (e) => x(e) !== null;
    case 'isnum': return (e) => { const v = x(e); return typeof v === 'number' || (typeof v === 'string' && asNumber(v) !== null); };
    case 'isint': return (e) => { const n = asNumber(x(e)); return n !== null && Number.isInteger(n); };
    case 'isstr': return (e) => { const v = x(e); return typeof v === 'string' && asNumber(v) === null; };
    case 'typeof': return (e) => {
      const v = x(e);
      if (v === null) return 'Invalid';
      if (typeof v === 'boolean') return 'Boolean';
      if (typeof v === 'number' || asNumber(v) !== null) return 'Number';
      return 'String';
    };
    case 'tonumber': return (e) => {
      const s = asString(x(e));
      if (s === null) return null;
      const base = a.length > 1 ? asNumber(y(e)) : 10;
      if (base === null) return null;
      if (base === 10) return asNumber(s);
      const t = s.trim().replace(/^0x/i, '');
      const n = parseInt(t, base);
      return Number.isNaN(n) || !new RegExp(`^[0-9a-z]+$`, 'i').test(t) ? null : n;
    };
    case 'tostring': return (e) => tostring(x(e), a.length > 1 ? asString(y(e)) : null);
    case 'round': return (e) => {
      const n = asNumber(x(e));
      if (n === null) return null;
      const d = a.length > 1 ? asNumber(y(e)) ?? 0 : 0;
      const r = roundHalfAway(n, d);
      // round(x, n) keeps n decimals, as Splunk prints them.
      return d > 0 ? r.toFixed(d) : r;
    };
    case 'floor': return num1(Math.floor, x);
    case 'ceil': case 'ceiling': return num1(Math.ceil, x);
    case 'abs': return num1(Math.abs, x);
    case 'sqrt': return num1(Math.sqrt, x);
    case 'exp': return num1(Math.exp, x);
    case 'ln': return num1(Math.log, x);
    case 'pow': return (e) => { const b = asNumber(x(e)), p = asNumber(y(e)); return b === null || p === null ? null : b ** p; };
    case 'log': return (e) => {
      const n = asNumber(x(e)); const b = a.length > 1 ? asNumber(y(e)) : 10;
      return n === null || b === null || n <= 0 ? null : Math.log(n) / Math.log(b);
    };
    case 'pi': return () => Math.PI;
    case 'random': return () => Math.floor(Math.random() * 2 ** 31);
    case 'min': case 'max': return (e) => {
      const vals = a.flatMap((f) => list(f(e)));
      if (vals.length === 0) return null;
      const nums = vals.map((v) => asNumber(v));
      const sign = name === 'min' ? 1 : -1;
      if (nums.every((n) => n !== null)) return (nums as number[]).reduce((p, c) => (sign * (c - p) < 0 ? c : p));
      return vals.reduce((p, c) => (sign * compareLex(c, p) < 0 ? c : p));
    };
    case 'now': return () => ctx.nowSeconds;
    case 'time': return () => formatNumber(Date.now() / 1000);
    case 'strftime': return (e) => {
      const t = asNumber(x(e)), f = asString(y(e));
      return t === null || f === null ? null : strftime(t, f);
    };
    case 'strptime': return (e) => {
      const s = asString(x(e)), f = asString(y(e));
      if (s === null || f === null) return null;
      return strptime(s, f) ?? null;
    };
    case 'relative_time': return (e) => {
      const t = asNumber(x(e)), m = asString(y(e));
      if (t === null || m === null) return null;
      try { return parseRelativeTime(m, t * 1000); } catch { return null; }
    };
    case 'md5': return str1(hash('md5'), x);
    case 'sha1': return str1(hash('sha1'), x);
    case 'sha256': return str1(hash('sha256'), x);
    case 'urldecode': return str1((s) => { try { return decodeURIComponent(s.replace(/\+/g, ' ')); } catch { return s; } }, x);
    default: throw new SplError(`Unsupported or unknown eval function '${name}'.`, pos);
  }
}
